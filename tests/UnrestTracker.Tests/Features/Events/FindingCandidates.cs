using System.Text.Json.Nodes;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Events;

/// <summary>
/// An analyst asks which records may be the same happening: the search reads only events near in place and in time,
/// so its edges (the antimeridian, events of several days, the moment asked) must still hold.
/// </summary>
public sealed class FindingCandidates(ApiFactory api) : EventTest(api)
{
    private async Task<List<string>> CandidatesAsync(string id, string query = "") =>
        (await GetOkAsync($"/api/v1/events/{id}/candidates{query}")).GetProperty("items").EnumerateArray()
            .Select(i => i.GetProperty("title").GetString()!).ToList();

    private static Action<JsonObject> At(string title, double latitude, double longitude, string date = "2022-01-05", string? endDate = null) => b =>
    {
        b["title"] = title;
        b["date"] = date;
        b["endDate"] = endDate;
        Location(b)["latitude"] = latitude;
        Location(b)["longitude"] = longitude;
    };

    [Fact]
    public async Task Candidates_across_the_antimeridian_are_offered_and_far_or_late_ones_never()
    {
        var fiji = await CreateEventIdAsync(At("Suva side", -17.0, 179.95));
        await CreateEventIdAsync(At("Across 180", -17.0, -179.95));
        await CreateEventIdAsync(At("60 km east", -17.0, -179.5));
        await CreateEventIdAsync(At("A week later", -17.0, 179.95, "2022-01-12"));
        await CreateEventIdAsync(At("Almaty", 43.2389, 76.8897));

        Assert.Equal(["Across 180"], await CandidatesAsync(fiji));
    }

    [Fact]
    public async Task An_event_of_several_days_is_a_candidate_on_any_of_them()
    {
        var riot = await CreateEventIdAsync(At("Riot", 43.2389, 76.8897));
        await CreateEventIdAsync(At("Week of unrest", 43.2389, 76.8897, "2022-01-01", "2022-01-10"));
        await CreateEventIdAsync(At("Ended three days before", 43.2389, 76.8897, "2021-12-20", "2022-01-02"));

        var byDefault = await CandidatesAsync(riot);
        var threeDays = await CandidatesAsync(riot, "?days=3");

        Assert.Equal(["Week of unrest"], byDefault);
        Assert.Equal(["Week of unrest", "Ended three days before"], threeDays);
    }

    [Fact]
    public async Task Candidates_as_of_a_day_leave_out_events_that_had_not_happened_yet()
    {
        var riot = await CreateEventIdAsync(At("Riot", 43.2389, 76.8897));
        await CreateEventIdAsync(At("Same day", 43.2389, 76.8897));
        await CreateEventIdAsync(At("Next day", 43.2389, 76.8897, "2022-01-06"));

        Assert.Equal(["Same day"], await CandidatesAsync(riot, "?asOf=2022-01-05T12:00:00Z"));
        Assert.Equal(["Same day", "Next day"], await CandidatesAsync(riot));
    }
}
