using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Figures;

public sealed class AJournalistComparesTheTollWithEventCounts(ApiFactory api) : ApiTest(api)
{
    [Fact]
    public async Task The_demo_killed_row_keeps_its_headline_and_range_and_shows_the_event_sum_beside_them()
    {
        await Api.LoadDemoAsync();
        var acled = (await CreateSourceAsync("ACLED", "ngo")).GetProperty("id").GetGuid();
        var incident = (await GetOkAsync("/api/v1/incidents/kazakhstan-2022-01")).GetProperty("id").GetGuid();
        foreach (var (date, killed) in new[] { ("2022-01-05", 12), ("2022-01-06", 0) })
        {
            var riot = (await PostOkAsync("/api/v1/events", new
            {
                incidentId = incident,
                date,
                type = "riots",
                title = $"Riot on {date}",
                location = new { country = "KZ", precision = "country" },
            })).GetProperty("id").GetGuid();
            await PostOkAsync("/api/v1/statements", new
            {
                incidentId = incident,
                eventId = riot,
                sourceId = acled,
                statedAt = "2022-02-01T00:00:00Z",
                summary = $"ACLED: {killed} reported fatalities",
                figures = new[] { new { metric = "killed", qualifier = "at_least", value = killed, unit = "people" } },
            });
        }

        var row = (await GetOkAsync("/api/v1/incidents/kazakhstan-2022-01/figures?metric=killed")).GetProperty("items")[0];

        Assert.Equal(225m, row.GetProperty("headline").GetProperty("value").GetDecimal());
        Assert.Equal((164m, 225m), (row.GetProperty("range").GetProperty("low").GetDecimal(), row.GetProperty("range").GetProperty("high").GetDecimal()));
        var sum = Assert.Single(row.GetProperty("eventSums").EnumerateArray());
        Assert.Equal(("ACLED", 2, 12m), (sum.GetProperty("source").GetProperty("name").GetString(), sum.GetProperty("events").GetInt32(), sum.GetProperty("value").GetDecimal()));
    }
}
