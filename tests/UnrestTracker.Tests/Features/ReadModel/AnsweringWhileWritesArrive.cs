using System.Net;
using UnrestTracker.Tests.Features.Statements;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.ReadModel;

/// <summary>
/// An answer about the present names the newest write W in its snapshot link; while writes arrive it must hold exactly
/// the writes up to W, whether it reads what the writes keep (the series, the export) or history alone (the change feed).
/// </summary>
public sealed class AnsweringWhileWritesArrive(ApiFactory api) : ClaimsTest(api)
{
    /// <summary>40 answers of <paramref name="read"/> (what it answered now, what its snapshot link answers) while a writer adds one statement after another.</summary>
    private async Task<List<(string Now, string Snapshot)>> ReadWhileWritesArriveAsync(Func<Task<(string Now, string Snapshot)>> read)
    {
        await PostOkAsync("/api/v1/statements", Statement("2022-01-10T09:00:00Z", Figure(1)));
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            for (var i = 2; !stop.IsCancellationRequested; i++)
            {
                await PostOkAsync("/api/v1/statements", Statement($"2022-01-10T09:{i % 60:00}:{i / 60 % 60:00}Z", Figure(i)));
            }
        });
        var answers = new List<(string Now, string Snapshot)>();
        for (var i = 0; i < 40; i++)
        {
            answers.Add(await read());
        }
        stop.Cancel();
        await writer;
        Assert.True(answers.Select(a => a.Now).Distinct().Count() > 5, "the writes went on while the answers were read");
        return answers;
    }

    [Theory]
    [InlineData("/incidents/{0}/figures?metric=killed")]
    [InlineData("/incidents/{0}/figures?metric=killed&recordedAsOf=2099-01-01T00:00:00Z")]
    [InlineData("/changes?incident={0}&limit=1000")]
    public async Task An_answer_about_the_present_shows_exactly_the_writes_its_snapshot_link_names_while_writes_arrive(string read)
    {
        var path = "/api/v1" + string.Format(System.Globalization.CultureInfo.InvariantCulture, read, IncidentId);

        var answers = await ReadWhileWritesArriveAsync(async () =>
        {
            var now = await Client.GetAsync(path);
            var items = (await BodyOf(now)).GetProperty("items").GetRawText();
            return (items, (await GetOkAsync(now.Snapshot())).GetProperty("items").GetRawText());
        });

        Assert.All(answers, answer => Assert.Equal(answer.Snapshot, answer.Now));
    }

    [Theory]
    [InlineData("")]
    [InlineData("&recordedAsOf=2099-01-01T00:00:00Z")]
    public async Task An_export_of_the_present_holds_exactly_the_writes_its_snapshot_link_names_while_writes_arrive(string moment)
    {
        var export = $"/api/v1/figures?format=csv&incident={IncidentId}{moment}";

        var files = await ReadWhileWritesArriveAsync(async () =>
        {
            var now = await Client.GetAsync(export);
            var snapshot = await Client.GetAsync(now.Snapshot());
            Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (now.StatusCode, snapshot.StatusCode));
            return (await now.Content.ReadAsStringAsync(), await snapshot.Content.ReadAsStringAsync());
        });

        Assert.All(files, file => Assert.Equal(file.Snapshot, file.Now));
    }
}
