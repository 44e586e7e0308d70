using System.Globalization;
using System.Net;
using CsvHelper;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Statements;

/// <summary>Thousands of statements and figures (about 10 MB of CSV each way) stream out: first bytes early, memory flat.</summary>
public sealed class StreamingLargeClaimExports(ApiFactory api) : ClaimsTest(api)
{
    private const int Rows = 5000;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Assert.Equal(Rows, await ManyClaims.InsertAsync(Api, IncidentId, SourceId, Rows));
    }

    private static List<IDictionary<string, object>> Parse(Stream csv)
    {
        using var reader = new CsvReader(new StreamReader(csv), CultureInfo.InvariantCulture);
        return reader.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();
    }

    [Theory]
    [InlineData("statements")]
    [InlineData("figures")]
    public async Task The_first_bytes_arrive_while_the_database_is_still_sending_rows(string list)
    {
        var tag = $"{list} CSV export";
        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);

        using var response = await Client.GetAsync($"/api/v1/{list}?format=csv&incident={IncidentId}", HttpCompletionOption.ResponseHeadersRead);
        await using var body = await response.Content.ReadAsStreamAsync();
        var first = new byte[4096];
        var read = await body.ReadAsync(first);
        var runningAfterFirstChunk = await ManyClaims.RunningQueriesAsync(Api, tag);
        // The server runs in this process: mid-export it holds a few buffers, not the export (~10 MB of UTF-8, twice that as strings).
        var heldMidExport = GC.GetTotalMemory(forceFullCollection: true) - memoryBefore;
        using var rest = new MemoryStream();
        rest.Write(first, 0, read);
        await body.CopyToAsync(rest);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(read > 0);
        Assert.Equal(1, runningAfterFirstChunk);
        Assert.True(heldMidExport < 6_000_000, $"{heldMidExport} bytes held mid-export");
        Assert.True(rest.Length > 10_000_000, $"only {rest.Length} bytes");
        Assert.Equal(0, await ManyClaims.RunningQueriesAsync(Api, tag));
    }

    [Fact]
    public async Task Every_statement_arrives_once_in_order_with_its_figure_and_limit_is_ignored()
    {
        using var response = await Client.GetAsync("/api/v1/statements?format=csv&limit=10", HttpCompletionOption.ResponseHeadersRead);
        var rows = Parse(await response.Content.ReadAsStreamAsync())
            .Select(r => (Id: (string)r["id"], StatedAt: (string)r["statedAt"], Figures: (string)r["figures"])).ToList();

        Assert.Equal(Rows, rows.Count);
        Assert.Equal(Rows, rows.Select(r => r.Id).Distinct().Count());
        Assert.Equal(rows.Select(r => r.StatedAt).Order(StringComparer.Ordinal), rows.Select(r => r.StatedAt));
        Assert.All(rows, r => Assert.Matches("^killed=\\d+ \\(exact, people\\)$", r.Figures));
    }

    [Fact]
    public async Task Every_figure_arrives_once_and_only_the_last_of_the_series_is_current()
    {
        using var response = await Client.GetAsync("/api/v1/figures?format=csv&limit=10", HttpCompletionOption.ResponseHeadersRead);
        var rows = Parse(await response.Content.ReadAsStreamAsync()).Select(r => (Id: (string)r["id"], Status: (string)r["status"])).ToList();

        Assert.Equal(Rows, rows.Count);
        Assert.Equal(Rows, rows.Select(r => r.Id).Distinct().Count());
        // One series from one source: each figure is superseded by the next.
        Assert.Equal("current", rows[^1].Status);
        Assert.All(rows.SkipLast(1), r => Assert.Equal("superseded", r.Status));
    }
}
