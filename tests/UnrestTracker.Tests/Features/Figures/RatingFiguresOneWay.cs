using System.Text.Json;
using UnrestTracker.Tests.Features.Statements;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Figures;

/// <summary>
/// "Current" is found two ways: figure by figure (the figure list's statuses) and per source from each series' latest
/// standing figure (the series list's perSource, and the figure list filtered by status=current). They must agree.
/// </summary>
public sealed class RatingFiguresOneWay(ApiFactory api) : ClaimsTest(api)
{
    [Fact]
    public async Task Of_two_figures_of_one_source_equal_by_as_of_and_stated_at_the_one_recorded_later_is_current()
    {
        var first = await StateAsync("2022-01-10T09:00:00Z", Figure(146));
        var second = await StateAsync("2022-01-10T09:00:00Z", Figure(164));

        var figures = await GetOkAsync($"/api/v1/figures?incident={IncidentId}");
        var current = await GetOkAsync($"/api/v1/figures?incident={IncidentId}&status=current");
        var row = (await GetOkAsync($"/api/v1/incidents/{IncidentId}/figures")).GetProperty("items")[0];

        Assert.Equal(["superseded", "current"], Statuses(figures, FigureId(first), FigureId(second)));
        Assert.Equal([FigureId(second)], Ids(current));
        Assert.Equal(FigureId(second), row.GetProperty("headline").GetProperty("id").GetString());
        Assert.Equal(164m, row.GetProperty("range").GetProperty("low").GetDecimal());
    }

    [Fact]
    public async Task Current_figures_are_the_same_figure_by_figure_and_per_source_on_generated_claims_at_every_moment()
    {
        string[] sources = [SourceId.ToString(), .. await Task.WhenAll(new[] { "media", "ngo" }.Select(async kind =>
            (await CreateSourceAsync($"A {kind}", kind)).GetProperty("id").GetString()!))];
        var random = new Random(2022);
        var statements = new List<JsonElement>();
        var moments = new List<string?> { null };
        for (var i = 0; i < 30; i++)
        {
            // Few distinct days and hours, so that ties on (asOf, statedAt) within a source happen.
            var statedAt = $"2022-01-{10 + random.Next(4):00}T{9 + random.Next(3):00}:00:00Z";
            var figure = Figure(random.Next(1, 300), random.Next(2) == 0 ? "killed" : "injured");
            if (random.Next(3) == 0)
            {
                figure["asOf"] = $"2022-01-{8 + random.Next(3):00}T00:00:00Z";
            }
            var earlier = statements.SelectMany(s => s.GetProperty("figures").EnumerateArray())
                .Where(f => f.GetProperty("metric").GetString() == (string)figure["metric"]!).ToList();
            if (earlier.Count > 0 && random.Next(5) == 0)
            {
                figure["supersedes"] = earlier[random.Next(earlier.Count)].GetProperty("id").GetString();
            }
            var body = Statement(statedAt, figure);
            body["sourceId"] = sources[random.Next(sources.Length)];
            statements.Add(await PostOkAsync("/api/v1/statements", body));
            if (i % 10 == 9)
            {
                moments.Add(statements[^1].GetProperty("recordedAt").GetString());
            }
        }
        foreach (var statement in statements.Where((_, i) => i % 7 == 3))
        {
            Assert.True((await RetractAsync(statement, "2022-01-13T12:00:00Z")).IsSuccessStatusCode);
        }
        foreach (var statement in statements.Where((_, i) => i % 11 == 5))
        {
            Assert.True((await Client.DeleteAsync($"/api/v1/statements/{statement.GetProperty("id").GetString()}?reason=duplicate")).IsSuccessStatusCode);
        }

        var agreed = 0;
        foreach (var recordedAsOf in moments)
        {
            foreach (var asOf in new[] { null, "2022-01-11T10:00:00Z", "2022-01-12T23:00:00Z", "2022-01-13T13:00:00Z" })
            {
                var moment = (asOf is null ? "" : $"&asOf={asOf}") + (recordedAsOf is null ? "" : $"&recordedAsOf={Uri.EscapeDataString(recordedAsOf)}");
                var everyFigure = (await GetOkAsync($"/api/v1/figures?incident={IncidentId}&limit=1000{moment}")).GetProperty("items").EnumerateArray()
                    .Where(f => f.GetProperty("status").GetString() == "current").Select(f => f.GetProperty("id").GetString()!).Order().ToList();
                var currentList = Ids(await GetOkAsync($"/api/v1/figures?incident={IncidentId}&status=current&limit=1000{moment}")).Order().ToList();
                var perSource = (await GetOkAsync($"/api/v1/incidents/{IncidentId}/figures?limit=1000{moment}")).GetProperty("items").EnumerateArray()
                    .SelectMany(row => row.GetProperty("perSource").EnumerateArray())
                    .Where(f => f.GetProperty("status").GetString() == "current").Select(f => f.GetProperty("id").GetString()!).Order().ToList();

                Assert.Equal(everyFigure, currentList);
                Assert.Equal(everyFigure, perSource);
                agreed += everyFigure.Count;
            }
        }
        Assert.True(agreed > 20, $"only {agreed} current figures compared");
    }

    private static List<string> Ids(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(f => f.GetProperty("id").GetString()!).ToList();

    private static List<string> Statuses(JsonElement page, params string[] ids) =>
        ids.Select(id => page.GetProperty("items").EnumerateArray().Single(f => f.GetProperty("id").GetString() == id)
            .GetProperty("status").GetString()!).ToList();
}
