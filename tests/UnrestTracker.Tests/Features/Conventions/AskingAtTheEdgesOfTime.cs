using System.Text.Json;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Conventions;

/// <summary>Every read, with every time parameter it documents, at the first and last moments a timestamp can name.</summary>
public sealed class AskingAtTheEdgesOfTime(ApiFactory api) : ApiTest(api)
{
    private static readonly string[] Edges =
    [
        "9999-12-31", "9999-12-31T23:59:59Z", "9999-12-31T23:59:59.9999999Z", "9999-12-31T00:00:01Z",
        "0001-01-01", "0001-01-01T00:00:00Z", "0001-01-01T00:00:00.0000001Z", "0001-01-01T23:59:59+05:00",
    ];

    // Their UTC moment lies outside the calendar: a 400 is the right answer for these.
    private static readonly string[] Beyond = ["9999-12-31T23:59:59-01:00", "0001-01-01T00:00:00+01:00"];

    private static readonly string[] TimeParameters = ["asOf", "recordedAsOf", "from", "to"];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Api.LoadDemoAsync();
    }

    [Fact]
    public async Task The_death_toll_as_of_the_last_representable_day_is_today_s_225()
    {
        var page = await GetOkAsync("/api/v1/incidents/kazakhstan-2022-01/figures?metric=killed&asOf=9999-12-31&recordedAsOf=9999-12-31");

        var toll = page.GetProperty("items").EnumerateArray().Single(s => s.GetProperty("subject").ValueKind == JsonValueKind.Null);
        Assert.Equal(225m, toll.GetProperty("headline").GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task Recorded_as_of_the_first_representable_day_the_incident_did_not_exist_yet()
    {
        var response = await Client.GetAsync("/api/v1/incidents/kazakhstan-2022-01?recordedAsOf=0001-01-01");

        Assert.Equal(404, (int)response.StatusCode);
    }

    [Fact]
    public async Task Every_read_answers_every_time_parameter_at_both_ends_of_the_calendar_without_a_server_error()
    {
        var document = await GetOkAsync("/swagger/v1/swagger.json");
        var ids = await IdsAsync();
        var failures = new List<string>();

        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            if (!path.Name.StartsWith("/api/v1/", StringComparison.Ordinal) || !path.Value.TryGetProperty("get", out var get))
            {
                continue;
            }
            var parameters = get.TryGetProperty("parameters", out var ps) ? ps.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").ToList() : [];
            if (!parameters.Any(p => TimeParameters.Contains(p.GetProperty("name").GetString())))
            {
                continue;
            }
            // A required parameter (a stats interval, a metric) takes the first value it lists, so the time parameter is what is tried.
            var url = $"{Fill(path.Name, ids)}?" + string.Concat(parameters.Where(p => p.TryGetProperty("required", out var r) && r.GetBoolean())
                .Select(p => $"{p.GetProperty("name").GetString()}={p.GetProperty("schema").GetProperty("enum").EnumerateArray().First().GetString()}&"));
            foreach (var parameter in parameters.Where(p => TimeParameters.Contains(p.GetProperty("name").GetString())))
            {
                var name = parameter.GetProperty("name").GetString();
                // Bucket dates (stats from/to) are dates from 1800 to 2199: the calendar's edges and any timestamp are a 400 there.
                var dateOnly = parameter.GetProperty("schema").TryGetProperty("format", out var format) && format.GetString() == "date";
                foreach (var edge in Edges.Concat(Beyond))
                {
                    var response = await Client.GetAsync($"{url}{name}={Uri.EscapeDataString(edge)}");
                    var expected = Beyond.Contains(edge) || dateOnly ? 400 : (int)response.StatusCode is 200 or 404 ? (int)response.StatusCode : 200;
                    if ((int)response.StatusCode != expected)
                    {
                        failures.Add($"{url}{name}={edge}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                    }
                }
            }
        }

        Assert.Empty(failures);
    }

    private async Task<Dictionary<string, string>> IdsAsync()
    {
        async Task<string> First(string list) =>
            (await GetOkAsync($"/api/v1/{list}?limit=1")).GetProperty("items")[0].GetProperty("id").GetString()!;
        return new()
        {
            ["sources"] = await First("sources"),
            ["events"] = await First("events"),
            ["statements"] = await First("statements"),
            ["figures"] = await First("figures"),
        };
    }

    private static string Fill(string template, Dictionary<string, string> ids)
    {
        var resource = template.Split('/')[3];
        return template.Replace("{incident}", "kazakhstan-2022-01", StringComparison.Ordinal)
            .Replace("{id}", ids.GetValueOrDefault(resource, "x"), StringComparison.Ordinal);
    }
}
