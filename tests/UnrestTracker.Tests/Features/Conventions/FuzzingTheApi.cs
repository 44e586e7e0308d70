using System.Globalization;
using System.Text;
using CsCheck;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Tests.Support;
using UnrestTracker.Tests.Support.Fuzz;
using Xunit.Abstractions;

namespace UnrestTracker.Tests.Features.Conventions;

/// <summary>
/// Thousands of requests generated from the API's own OpenAPI document. Reproduce a run with
/// <c>FUZZ_SEED=&lt;the printed seed&gt;</c>; <c>FUZZ_REQUESTS</c> sets how many (2,000).
/// </summary>
public sealed class FuzzingTheApi(ApiFactory api, ITestOutputHelper output) : ApiTest(api)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Api.LoadDemoAsync();
    }

    [Fact]
    public async Task No_generated_request_gets_a_server_error_every_refusal_is_a_problem_and_leaves_the_data_alone()
    {
        var seed = ulong.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), CultureInfo.InvariantCulture, out var s) ? s : (ulong)Random.Shared.NextInt64();
        var count = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_REQUESTS"), CultureInfo.InvariantCulture, out var n) ? n : 2000;
        output.WriteLine($"FUZZ_SEED={seed}");
        var operations = ApiOperation.Read(await GetOkAsync("/swagger/v1/swagger.json"));
        var known = await KnownValuesAsync();
        var generator = FuzzRequests.For(operations, (operation, name) => known(operation.Path, name));
        var pcg = new PCG(1, seed);
        var statuses = new SortedDictionary<int, int>();
        var failures = new List<string>();

        for (var i = 0; i < count && failures.Count < 10; i++)
        {
            var request = generator.Generate(pcg, null, out _);
            var before = request.Operation.IsWrite ? await WrittenAsync() : 0;
            using var response = await SendAsync(request);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
            if (status >= 500 || status >= 400 && !problem || status >= 400 && request.Operation.IsWrite && await WrittenAsync() != before)
            {
                failures.Add($"{status} {(problem ? "" : "(not problem+json) ")}for {request}: {await response.Content.ReadAsStringAsync()}");
            }
        }

        output.WriteLine($"{statuses.Values.Sum()} requests: {string.Join(", ", statuses.Select(p => $"{p.Key} x{p.Value}"))}");
        Assert.True(failures.Count == 0, $"FUZZ_SEED={seed}\n{string.Join("\n", failures)}");
    }

    private async Task<HttpResponseMessage> SendAsync(FuzzRequest request)
    {
        using var message = new HttpRequestMessage(new HttpMethod(request.Operation.Method), request.Url);
        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }
        if (request.Body is not null)
        {
            message.Content = new StringContent(request.Body, Encoding.UTF8, "application/json");
        }
        // Headers first: a stream (changes/stream) answers them and then goes on for as long as the client reads.
        return await Client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead);
    }

    /// <summary>Every write leaves a trace: a change, an idempotency record, or a retraction (which has no change).</summary>
    private Task<long> WrittenAsync() => Api.WithDbAsync(db => db.Database.SqlQueryRaw<long>("""
        SELECT (SELECT count(*) FROM changes) + (SELECT count(*) FROM idempotency_records) + (SELECT count(*) FROM retractions) AS "Value"
        """).SingleAsync());

    /// <summary>Real values for path and query parameters by name, so that requests also reach past the 404s.</summary>
    private async Task<Func<string, string, IReadOnlyList<string>>> KnownValuesAsync()
    {
        async Task<string[]> Ids(string list) =>
            [.. (await GetOkAsync($"/api/v1/{list}?limit=3")).GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)];
        var ids = new Dictionary<string, string[]>
        {
            ["sources"] = await Ids("sources"),
            ["events"] = await Ids("events"),
            ["statements"] = await Ids("statements"),
            ["figures"] = await Ids("figures"),
        };
        string[] incidents = ["kazakhstan-2022-01", .. await Ids("incidents")];
        return (path, name) => name switch
        {
            "incident" => incidents,
            "id" => ids.GetValueOrDefault(path.Split('/')[3], []),
            "cursor" => ["eyJ4IjoxfQ.AAAA", "not-a-cursor"],
            "If-Match" or "If-None-Match" => ["\"x\"", "*", "W/\"x\""],
            _ => [],
        };
    }
}
