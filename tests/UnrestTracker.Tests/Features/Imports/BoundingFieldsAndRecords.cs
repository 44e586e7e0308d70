using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using UnrestTracker.Api.Features.Imports;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Imports;

/// <summary>A field is at most 1 MiB characters and a record 4 MiB: past either, the import stops there instead of buffering the body.</summary>
public sealed class BoundingFieldsAndRecords(ApiFactory api) : ImportTest(api)
{
    /// <summary>Some whole rows, then <paramref name="tail"/> repeated up to <paramref name="bytes"/> bytes, produced as the server reads.</summary>
    private sealed class Endless(byte[] head, byte tail, long bytes) : ReadOnlyStream
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, bytes - Served);
            for (var i = 0; i < n; i++)
            {
                buffer[offset + i] = Served + i < head.Length ? head[Served + i] : tail;
            }
            Served += n;
            return n;
        }
    }

    private const long Body = 64L << 20;

    private static string ThreeRows() => File.ReadAllText(Edited("acled_sample.csv", (row, _) => row <= 3));

    private static Endless Stream(string head, char tail) => new(Encoding.UTF8.GetBytes(head), (byte)tail, Body);

    private async Task<HttpResponseMessage> PostAsync(string head, char tail)
    {
        using var content = new StreamContent(Stream(head, tail));
        content.Headers.ContentType = new("text/csv");
        return await Client.PostAsync("/api/v1/imports/acled", content);
    }

    /// <summary>How much of the body the importer read before it stopped (the test host drains a request's body, so this asks the importer directly).</summary>
    private async Task<long> ServedAsync(string head, char tail)
    {
        var body = Stream(head, tail);
        var importer = Api.Services.GetRequiredService<Importer>();
        await Assert.ThrowsAsync<ImportTooLongException>(() => importer.ImportAsync(new AcledLayout(), body, "endless.csv", new ImportOptions(), "test", null, CancellationToken.None));
        return body.Served;
    }

    [Fact]
    public async Task An_unclosed_quote_stops_the_import_at_its_row_without_reading_the_rest_of_the_body()
    {
        var response = await PostAsync(ThreeRows() + "\"", 'a');
        var served = await ServedAsync(ThreeRows() + "\"", 'a');
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var report = (await GetOkAsync("/api/v1/imports")).GetProperty("items").EnumerateArray().Single(r => r.GetProperty("file").GetProperty("name").GetString() != "endless.csv");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(4, problem.GetProperty("row").GetInt64());
        Assert.Contains("Row 4", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(served < 16 << 20, $"{served:N0} of {Body:N0} bytes read");
        Assert.Equal((4L, 3L, 1L), (Count(report, "rows"), Count(report, "eventsCreated"), Count(report, "rejectedCount")));
        Assert.Contains("longer than 1,048,576 characters", report.GetProperty("rejected")[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.True(report.GetProperty("interrupted").GetBoolean());
        Assert.NotEqual(JsonValueKind.Null, report.GetProperty("finishedAt").ValueKind);
    }

    [Fact]
    public async Task A_record_of_many_fields_each_under_the_field_bound_stops_at_the_record_bound()
    {
        var response = await PostAsync(ThreeRows() + new string('b', 900_000) + ",", ',');
        var served = await ServedAsync(ThreeRows() + new string('b', 900_000) + ",", ',');
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(4, problem.GetProperty("row").GetInt64());
        Assert.Contains("record is longer than 4,194,304 characters", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.True(served < 16 << 20, $"{served:N0} of {Body:N0} bytes read");
    }
}
