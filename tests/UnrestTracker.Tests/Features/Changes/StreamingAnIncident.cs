using System.Globalization;
using UnrestTracker.Tests.Features.Statements;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Changes;

public sealed class StreamingAnIncident(ApiFactory api) : ClaimsTest(api)
{
    [Fact]
    public async Task An_incident_filtered_stream_shows_what_the_change_feed_lists_for_that_incident()
    {
        await using var stream = await EventStream.OpenAsync(Client, $"/api/v1/changes/stream?incident={IncidentId}");
        var after = (await stream.NextBlockAsync(TimeSpan.FromSeconds(5))).Comments[0]["after ".Length..];

        var other = (await CreateIncidentAsync("Elsewhere")).GetProperty("id").GetString();
        await CreateSourceAsync("Not of any incident");
        await PostOkAsync("/api/v1/events", EventIn(other!));
        var statement = await StateAsync();
        await PostOkAsync("/api/v1/events", EventIn(IncidentId.ToString()));
        (await RetractAsync(statement)).EnsureSuccessStatusCode();
        var listed = (await GetOkAsync($"/api/v1/changes?incident={IncidentId}&after={after}")).GetProperty("items").EnumerateArray()
            .Select(c => (c.GetProperty("seq").GetInt64(), c.GetProperty("entity").GetString())).ToList();
        var streamed = new List<(long, string?)>();
        while (streamed.Count < listed.Count)
        {
            var change = await stream.NextEventAsync(TimeSpan.FromSeconds(5));
            streamed.Add((long.Parse(change.Id!, CultureInfo.InvariantCulture), change.Json.GetProperty("entity").GetString()));
        }

        Assert.Equal(["statement", "event", "retraction"], listed.Select(c => c.Item2));
        Assert.Equal(listed, streamed);
    }

    private static object EventIn(string incidentId) =>
        new { incidentId, date = "2022-01-05", type = "riots", title = "Riot", location = new { country = "KZ", precision = "country" } };
}
