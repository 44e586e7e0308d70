using System.Net.Http.Json;
using UnrestTracker.Tests.Features.Statements;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Figures;

/// <summary>eventSums restates in SQL what "current" means (ClaimView.WithStatus): both must agree on the same claims.</summary>
public sealed class EventSumsAgreeWithStatuses(ApiFactory api) : EventClaimsTest(api)
{
    [Fact]
    public async Task Each_sum_is_the_total_of_the_figures_that_the_figure_list_calls_current_at_every_moment()
    {
        var witness = await CreateSourceIdAsync("Witness", "witness");
        var riot = await CreateEventAsync("2022-01-05");
        var march = await CreateEventAsync("2022-01-06", title: "March in Aktobe");
        await StateOnEventAsync(riot, "2022-01-07T09:00:00Z", figures: Figure(10));
        var early = await StateOnEventAsync(riot, "2022-01-08T09:00:00Z", figures: Figure(12));
        var wrong = await StateOnEventAsync(riot, "2022-01-09T09:00:00Z", figures: Figure(99));
        await RetractAsync(wrong, "2022-01-09T18:00:00Z");
        var five = await StateOnEventAsync(march, "2022-01-08T09:00:00Z", figures: Figure(5));
        var tie = Figure(8);
        tie["asOf"] = "2022-01-08T09:00:00Z";
        await StateOnEventAsync(march, "2022-01-08T09:00:00Z", witness, Figure(7), tie);
        var named = Figure(6);
        named["supersedes"] = FigureId(five);
        await StateOnEventAsync(march, "2022-01-10T09:00:00Z", witness, named);
        var recordedBeforeFix = early.GetProperty("recordedAt").GetString();
        var fix = Figure(13);
        fix["id"] = FigureId(wrong);
        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/statements/{wrong.GetProperty("id").GetString()}")
        {
            Content = JsonContent.Create(EventStatement(riot, "2022-01-09T09:00:00Z", figures: fix)),
        };
        put.Headers.IfMatch.Add((await Client.GetAsync($"/api/v1/statements/{wrong.GetProperty("id").GetString()}")).Headers.ETag!);
        (await Client.SendAsync(put)).EnsureSuccessStatusCode();

        foreach (var moment in new[] { "", "asOf=2022-01-08T12:00:00Z", "asOf=2022-01-09T12:00:00Z", $"recordedAsOf={recordedBeforeFix}" })
        {
            var listed = (await GetOkAsync($"/api/v1/figures?status=current&level=event&incident={IncidentId}&{moment}")).GetProperty("items")
                .EnumerateArray().GroupBy(f => f.GetProperty("source").GetProperty("name").GetString())
                .Select(g => (g.Key, g.Count(), g.Sum(f => f.GetProperty("value").GetDecimal()))).OrderBy(s => s.Key, StringComparer.Ordinal);
            var rows = (await GetOkAsync($"/api/v1/incidents/{IncidentId}/figures?{moment}")).GetProperty("items").EnumerateArray().ToList();
            var summed = rows.SelectMany(r => r.GetProperty("eventSums").EnumerateArray()).Select(s =>
                (s.GetProperty("source").GetProperty("name").GetString(), s.GetProperty("events").GetInt32(), s.GetProperty("value").GetDecimal()));

            Assert.Equal(listed, summed);
        }
    }
}
