using System.Text.Json;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Figures;

/// <summary>The journalist's questions on the Kazakhstan demo, one call each.</summary>
public sealed class AJournalistAsksTheDemo(ApiFactory api) : ApiTest(api)
{
    private const string Series = "/api/v1/incidents/kazakhstan-2022-01/figures";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Api.LoadDemoAsync();
    }

    private async Task<JsonElement> DeathTollAsync(string query = "")
    {
        var page = await GetOkAsync($"{Series}?metric=killed{query}");
        return page.GetProperty("items").EnumerateArray().Single(s => s.GetProperty("subject").ValueKind == JsonValueKind.Null);
    }

    [Fact]
    public async Task The_latest_death_toll_is_225_from_the_prosecutors_with_a_range_of_164_to_225()
    {
        var toll = await DeathTollAsync();

        var headline = toll.GetProperty("headline");
        Assert.Equal(225m, headline.GetProperty("value").GetDecimal());
        Assert.Equal("Prosecutor General's Office of Kazakhstan", headline.GetProperty("source").GetProperty("name").GetString());
        Assert.Equal("judiciary", headline.GetProperty("source").GetProperty("kind").GetString());
        Assert.Equal(164m, toll.GetProperty("range").GetProperty("low").GetDecimal());
        Assert.Equal(225m, toll.GetProperty("range").GetProperty("high").GetDecimal());
        Assert.Equal(3, toll.GetProperty("revisionCount").GetInt32());
    }

    [Fact]
    public async Task The_whole_incident_toll_comes_before_the_children_s_toll_and_pages_keep_that_order()
    {
        var all = (await GetOkAsync($"{Series}?metric=killed")).GetProperty("items").EnumerateArray().ToList();
        var first = await GetOkAsync($"{Series}?metric=killed&limit=1");
        var second = await GetOkAsync($"{Series}?metric=killed&limit=1&cursor={Uri.EscapeDataString(first.GetProperty("nextCursor").GetString()!)}");

        Assert.Equal([null, "children"], all.Select(s => s.GetProperty("subject").GetString()));
        Assert.Equal(225m, first.GetProperty("items")[0].GetProperty("headline").GetProperty("value").GetDecimal());
        Assert.Equal("children", second.GetProperty("items")[0].GetProperty("subject").GetString());
        Assert.Equal(JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task Each_source_s_last_word_on_the_toll_leaves_out_the_retracted_post()
    {
        var toll = await DeathTollAsync();

        var perSource = toll.GetProperty("perSource").EnumerateArray()
            .ToDictionary(f => f.GetProperty("source").GetProperty("name").GetString()!, f => f.GetProperty("value").GetDecimal());
        Assert.Equal(new Dictionary<string, decimal>
        {
            ["Prosecutor General's Office of Kazakhstan"] = 225m,
            ["Ministry of Health of Kazakhstan"] = 164m,
        }, perSource);
    }

    [Fact]
    public async Task The_toll_as_of_the_end_of_10_january_is_the_health_ministry_s_164()
    {
        var toll = await DeathTollAsync("&asOf=2022-01-10T23:59:59Z");

        Assert.Equal(164m, toll.GetProperty("headline").GetProperty("value").GetDecimal());
        Assert.Equal("Ministry of Health of Kazakhstan", toll.GetProperty("headline").GetProperty("source").GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_bare_date_as_of_means_the_end_of_that_day()
    {
        var toll = await DeathTollAsync("&asOf=2022-01-10");

        Assert.Equal(164m, toll.GetProperty("headline").GetProperty("value").GetDecimal());
    }

    [Theory]
    [InlineData("2022-01-09T12:00:00Z", "current", false)]
    [InlineData("2022-01-09T20:00:00Z", "retracted", true)]
    public async Task The_more_than_164_post_is_current_at_noon_and_retracted_by_evening(string asOf, string status, bool hasRetraction)
    {
        var page = await GetOkAsync($"/api/v1/statements?incident=kazakhstan-2022-01&asOf={asOf}");

        var post = page.GetProperty("items").EnumerateArray()
            .Single(s => s.GetProperty("figures").EnumerateArray().Any(f => f.GetProperty("qualifier").GetString() == "more_than"));
        Assert.Equal(status, post.GetProperty("figures")[0].GetProperty("status").GetString());
        Assert.Equal(hasRetraction ? "retracted" : "active", post.GetProperty("status").GetString());
        if (hasRetraction)
        {
            Assert.Equal("technical mistake", post.GetProperty("retraction").GetProperty("reason").GetString());
        }
        else
        {
            Assert.Equal(JsonValueKind.Null, post.GetProperty("retraction").ValueKind);
        }
    }

    [Fact]
    public async Task What_was_withdrawn_and_why_is_the_information_ministry_post_a_technical_mistake()
    {
        var page = await GetOkAsync("/api/v1/retractions?incident=kazakhstan-2022-01");

        var retraction = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal("technical mistake", retraction.GetProperty("reason").GetString());
        Assert.Equal("2022-01-09T16:00:00Z", retraction.GetProperty("retractedAt").GetString());
        var figure = Assert.Single(retraction.GetProperty("figures").EnumerateArray());
        Assert.Equal(164m, figure.GetProperty("value").GetDecimal());
        Assert.Equal("retracted", figure.GetProperty("status").GetString());
        Assert.Equal("2022-01-09T08:00:00Z", retraction.GetProperty("statement").GetProperty("statedAt").GetString());
    }

    [Fact]
    public async Task Detentions_move_4404_5800_7939_9900_with_the_earlier_counts_superseded()
    {
        var first = (await GetOkAsync("/api/v1/figures?metric=detained&limit=1")).GetProperty("items")[0].GetProperty("id").GetString();

        var revisions = (await GetOkAsync($"/api/v1/figures/{first}/revisions")).GetProperty("items").EnumerateArray().ToList();

        Assert.Equal([4404m, 5800m, 7939m, 9900m], revisions.Select(r => r.GetProperty("value").GetDecimal()));
        Assert.Equal([null, 1396m, 2139m, 1961m], revisions.Select(r => r.GetProperty("change").ValueKind == JsonValueKind.Null ? (decimal?)null : r.GetProperty("change").GetDecimal()));
        Assert.Equal(["superseded", "superseded", "superseded", "current"], revisions.Select(r => r.GetProperty("status").GetString()));
        Assert.All(revisions, r => Assert.Equal("Ministry of Internal Affairs of Kazakhstan", r.GetProperty("source").GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Detentions_as_of_9_january_noon_stop_at_5800_which_is_then_current()
    {
        var page = await GetOkAsync("/api/v1/figures?metric=detained&asOf=2022-01-09T12:00:00Z");

        var figures = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([4404m, 5800m], figures.Select(f => f.GetProperty("value").GetDecimal()));
        Assert.Equal(["superseded", "current"], figures.Select(f => f.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Economic_loss_is_a_range_of_two_to_three_billion_dollars()
    {
        var page = await GetOkAsync($"{Series}?metric=economic_loss");

        var loss = Assert.Single(page.GetProperty("items").EnumerateArray());
        Assert.Equal("USD", loss.GetProperty("unit").GetString());
        Assert.Equal(2_000_000_000m, loss.GetProperty("range").GetProperty("low").GetDecimal());
        Assert.Equal(3_000_000_000m, loss.GetProperty("range").GetProperty("high").GetDecimal());
    }

    [Fact]
    public async Task The_demo_claims_load_once_with_one_retraction()
    {
        await Api.LoadDemoAsync();

        var statements = await GetOkAsync("/api/v1/statements?incident=kazakhstan-2022-01");
        var retractions = await GetOkAsync("/api/v1/retractions");

        Assert.Equal(8, statements.GetProperty("items").GetArrayLength());
        Assert.Single(retractions.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task The_statements_from_the_news_report_name_their_publisher_and_quote_only_what_it_quotes()
    {
        var statements = (await GetOkAsync("/api/v1/statements?incident=kazakhstan-2022-01&limit=100")).GetProperty("items").EnumerateArray()
            .ToDictionary(s => s.GetProperty("statedAt").GetDateTimeOffset());

        var seed = new[] { "2022-01-09T08:00:00Z", "2022-01-10T09:00:00Z", "2022-01-10T12:00:00Z", "2022-01-10T14:00:00Z" }
            .Select(t => statements[DateTimeOffset.Parse(t, System.Globalization.CultureInfo.InvariantCulture)]).ToList();
        Assert.All(seed, s => Assert.Equal("TRT World", s.GetProperty("publisher").GetString()));
        Assert.Equal("zone of controlled chaos", seed[3].GetProperty("quote").GetString());
        var later = statements[DateTimeOffset.Parse("2022-01-15T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture)];
        Assert.Equal(JsonValueKind.Null, later.GetProperty("publisher").ValueKind);
        Assert.All(statements.Values, s => Assert.Equal(JsonValueKind.Null, s.GetProperty("url").ValueKind));
    }
}
