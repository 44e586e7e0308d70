using System.Text.Json;
using System.Text.RegularExpressions;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Imports;

/// <summary>An import writes only what a client could have written through the API; anything else is a rejected row, never a 500.</summary>
public sealed partial class RejectingRowsTheApiWouldRefuse(ApiFactory api) : ImportTest(api)
{
    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Slug();

    private static Dictionary<long, string> Rejected(JsonElement report) =>
        report.GetProperty("rejected").EnumerateArray().ToDictionary(r => r.GetProperty("row").GetInt64(), r => r.GetProperty("reason").GetString()!);

    [Fact]
    public async Task A_NUL_byte_in_a_field_rejects_its_row_by_number_without_echoing_the_value_and_the_rest_imports()
    {
        var file = Edited("acled_sample.csv", (row, f) =>
        {
            if (row == 2)
            {
                f["notes"] = "secret-before\0secret-after";
            }
            return row <= 10;
        });

        var report = await ImportOkAsync("acled", file);
        var reason = Assert.Single(Rejected(report), r => r.Key == 2).Value;

        Assert.Equal((10L, 9L, 1L), (Count(report, "rows"), Count(report, "eventsCreated"), Count(report, "rejectedCount")));
        Assert.Contains("notes", reason, StringComparison.Ordinal);
        Assert.Contains("NUL", reason, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", reason, StringComparison.Ordinal);
        Assert.NotEqual(JsonValueKind.Null, report.GetProperty("finishedAt").ValueKind);
        Assert.False(report.GetProperty("interrupted").GetBoolean());
    }

    [Fact]
    public async Task A_rejection_note_quotes_at_most_a_hundred_characters_of_a_huge_value()
    {
        var file = Edited("acled_sample.csv", (row, f) =>
        {
            f["event_date"] = new string('9', 100_000);
            return row <= 200;
        });

        await ImportOkAsync("acled", file);
        var list = await Client.GetStringAsync("/api/v1/imports");
        var reasons = JsonDocument.Parse(list).RootElement.GetProperty("items")[0].GetProperty("rejected").EnumerateArray()
            .Select(r => r.GetProperty("reason").GetString()!).ToList();

        Assert.Equal(200, reasons.Count);
        Assert.All(reasons, r => Assert.InRange(r.Length, 1, 150));
        Assert.True(list.Length < 100_000, $"GET /imports is {list.Length:N0} characters");
    }

    [Fact]
    public async Task An_ACLED_country_name_longer_than_a_title_makes_an_incident_the_API_would_accept()
    {
        var file = Edited("acled_sample.csv", (row, f) =>
        {
            f["country"] = "The Very Long Country " + string.Concat(Enumerable.Repeat("Ünited Provinces ", 30));
            return row <= 3;
        });

        var report = await ImportOkAsync("acled", file);
        var incidents = (await GetOkAsync("/api/v1/incidents")).GetProperty("items").EnumerateArray().ToList();

        Assert.Equal(3, Count(report, "eventsCreated"));
        Assert.NotEmpty(incidents);
        Assert.All(incidents, i =>
        {
            var (slug, title) = (i.GetProperty("slug").GetString()!, i.GetProperty("title").GetString()!);
            Assert.Matches(Slug(), slug);
            Assert.InRange(slug.Length, 1, 80);
            Assert.InRange(title.Length, 1, 300);
            Assert.StartsWith("acled-the-very-long-country", slug, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task A_UCDP_row_without_a_conflict_id_is_rejected_instead_of_making_an_invalid_slug()
    {
        var file = Edited("ucdp_ged191_myanmar_bangladesh.csv", (row, f) =>
        {
            if (row == 1)
            {
                f["conflict_new_id"] = "";
            }
            return row <= 3;
        });

        var report = await ImportOkAsync("ucdp", file);
        var slugs = (await GetOkAsync("/api/v1/incidents")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()!).ToList();

        Assert.Equal((2L, 1L), (Count(report, "eventsCreated"), Count(report, "rejectedCount")));
        Assert.Contains("conflict_new_id", Rejected(report)[1], StringComparison.Ordinal);
        Assert.All(slugs, s => Assert.Matches(Slug(), s));
    }
}
