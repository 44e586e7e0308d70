using UnrestTracker.Tests.Features.Statements;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Figures;

/// <summary>A walk of the whole database at another moment that rates at most two figures per request.</summary>
public sealed class ShortWalkApiFactory : ApiFactory
{
    public ShortWalkApiFactory() => Settings["Reads:CurrentWalkBudget"] = "2";
}

/// <summary>
/// The current figures of the whole database at another moment are walked in list order within a budget per request: a walk that
/// runs out answers what it found with a cursor to go on from, and following the cursors gives every current figure once.
/// </summary>
public sealed class WalkingTheDatabaseAtAMoment(ShortWalkApiFactory api) : ClaimsTest(api), IClassFixture<ShortWalkApiFactory>
{
    [Fact]
    public async Task A_walk_out_of_budget_answers_a_short_page_with_a_cursor_and_the_cursors_reach_every_current_figure()
    {
        await StateAsync("2022-01-05T09:00:00Z", Figure(10));
        await StateAsync("2022-01-06T09:00:00Z", Figure(20));
        await StateAsync("2022-01-07T09:00:00Z", Figure(30));
        await StateAsync("2022-01-08T09:00:00Z", Figure(5, metric: "injured"));

        var path = "/api/v1/figures?status=current&limit=1&asOf=2022-01-09T00:00:00Z";
        var first = await GetOkAsync(path);
        var values = new List<decimal>();
        for (var page = first; ; page = await GetOkAsync($"{path}&cursor={page.GetProperty("nextCursor").GetString()}"))
        {
            values.AddRange(page.GetProperty("items").EnumerateArray().Select(f => f.GetProperty("value").GetDecimal()));
            if (page.GetProperty("nextCursor").GetString() is null)
            {
                break;
            }
        }

        Assert.Empty(first.GetProperty("items").EnumerateArray());
        Assert.NotNull(first.GetProperty("nextCursor").GetString());
        Assert.Equal([30m, 5m], values);
    }
}
