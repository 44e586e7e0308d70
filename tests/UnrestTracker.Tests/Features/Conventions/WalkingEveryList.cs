using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Conventions;

/// <summary>Every keyset-paged list (Infrastructure/Paging/Keyset.cs), walked by its cursors over the demo data.</summary>
public sealed class WalkingEveryList(ApiFactory api) : ApiTest(api)
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Api.LoadDemoAsync();
    }

    [Fact]
    public async Task Walking_a_list_page_by_page_gives_the_items_of_one_long_page_in_the_same_order()
    {
        foreach (var title in new[] { "Fuel protests", "Gas protests", "Bread protests" })
        {
            await CreateIncidentAsync(title); // the demo has one incident; these start on one day (equal leading keys)
        }
        var statements = (await GetOkAsync("/api/v1/statements?limit=10")).GetProperty("items").EnumerateArray()
            .Where(s => !s.TryGetProperty("retraction", out var r) || r.ValueKind == JsonValueKind.Null).Take(2);
        foreach (var statement in statements)
        {
            // The demo retracts one statement; these two more are retracted at one moment (equal leading keys).
            await PostOkAsync($"/api/v1/statements/{statement.GetProperty("id").GetString()}/retraction",
                new { retractedAt = "2022-01-10T16:00:00Z", reason = "technical mistake" });
        }
        var figure = (await GetOkAsync("/api/v1/figures?incident=kazakhstan-2022-01&limit=1")).GetProperty("items")[0].GetProperty("id").GetString();
        string[] lists =
        [
            "/api/v1/incidents", "/api/v1/sources", "/api/v1/events", "/api/v1/statements", "/api/v1/retractions",
            "/api/v1/changes", "/api/v1/incidents/kazakhstan-2022-01/timeline", $"/api/v1/figures/{figure}/revisions",
        ];
        foreach (var list in lists)
        {
            var whole = await GetOkAsync($"{list}?limit=1000");
            var all = whole.GetProperty("items").EnumerateArray().Select(Key).ToList();
            var size = Math.Max(1, all.Count / 3);

            var pages = await WalkAsync($"{list}?limit={size}", Key);

            Assert.Equal(JsonValueKind.Null, whole.GetProperty("nextCursor").ValueKind);
            Assert.True(all.Count >= 2, $"{list} has {all.Count} items in the demo; too few to page");
            Assert.Equal(all, pages.SelectMany(p => p));
            Assert.All(pages.SkipLast(1), p => Assert.Equal(size, p.Count));
        }
    }

    [Fact]
    public async Task A_versions_page_walked_one_version_at_a_time_lists_every_version_once_oldest_first()
    {
        var eventId = (await GetOkAsync("/api/v1/events?incident=kazakhstan-2022-01&limit=1")).GetProperty("items")[0].GetProperty("id").GetString();
        var sourceId = (await GetOkAsync("/api/v1/sources?limit=1")).GetProperty("items")[0].GetProperty("id").GetString();
        var statementId = (await GetOkAsync("/api/v1/statements?limit=1")).GetProperty("items")[0].GetProperty("id").GetString();
        foreach (var (resource, field) in new[]
        {
            ("/api/v1/incidents/kazakhstan-2022-01", "title"), ($"/api/v1/events/{eventId}", "title"), ($"/api/v1/sources/{sourceId}", "name"),
            ($"/api/v1/statements/{statementId}", "summary"),
        })
        {
            await EditAsync(resource, field, " (edited)");
            await EditAsync(resource, field, " (edited again)");

            var pages = await WalkAsync($"{resource}/versions?limit=1", Key);

            Assert.Equal([["1"], ["2"], ["3"]], pages);
        }
    }

    [Fact]
    public async Task The_cursor_of_one_list_is_a_400_naming_the_cursor_on_every_other_list()
    {
        var eventId = (await GetOkAsync("/api/v1/events?incident=kazakhstan-2022-01&limit=1")).GetProperty("items")[0].GetProperty("id").GetString();
        await EditAsync("/api/v1/incidents/kazakhstan-2022-01", "title", " (edited)");
        await EditAsync($"/api/v1/events/{eventId}", "title", " (edited)");
        var figure = (await GetOkAsync("/api/v1/figures?incident=kazakhstan-2022-01&limit=1")).GetProperty("items")[0].GetProperty("id").GetString();
        await CreateIncidentAsync();
        string[] lists =
        [
            "/api/v1/incidents", "/api/v1/sources", "/api/v1/events", "/api/v1/statements", "/api/v1/changes",
            "/api/v1/incidents/kazakhstan-2022-01/timeline", $"/api/v1/figures/{figure}/revisions", "/api/v1/incidents/kazakhstan-2022-01/versions",
            $"/api/v1/events/{eventId}/versions",
        ];
        var cursors = new List<string>();
        foreach (var list in lists)
        {
            cursors.Add((await GetOkAsync($"{list}?limit=1")).GetProperty("nextCursor").GetString()!);
        }

        var failures = new List<string>();
        foreach (var (list, i) in lists.Select((list, i) => (list, i)))
        {
            foreach (var (cursor, j) in cursors.Select((cursor, j) => (cursor, j)).Where(c => c.j != i))
            {
                var response = await Client.GetAsync($"{list}?cursor={cursor}");
                if ((int)response.StatusCode != 400 || !(await BodyOf(response)).GetProperty("errors").TryGetProperty("cursor", out _))
                {
                    failures.Add($"{list} with the cursor of {lists[j]}: {(int)response.StatusCode}");
                }
            }
        }

        Assert.Empty(failures);
    }

    /// <summary>What identifies an item of any list: its version, seq, or kind and id.</summary>
    private static string Key(JsonElement item) =>
        item.TryGetProperty("version", out var version) && item.TryGetProperty("content", out _) ? version.ToString()
        : item.TryGetProperty("seq", out var seq) ? seq.ToString()
        : item.TryGetProperty("kind", out var kind) && item.TryGetProperty("at", out _) ? $"{kind} {item.GetProperty("id")}"
        : item.TryGetProperty("id", out var id) ? id.GetString()!
        : item.GetProperty("statementId").GetString()!;

    /// <summary>Puts the resource back as read, with <paramref name="suffix"/> added to one text field.</summary>
    private async Task EditAsync(string path, string field, string suffix)
    {
        var read = await Client.GetAsync(path);
        var body = JsonNode.Parse(await read.Content.ReadAsStringAsync())!.AsObject();
        body[field] = body[field]!.GetValue<string>() + suffix;
        var put = new HttpRequestMessage(HttpMethod.Put, path) { Content = JsonContent.Create(body) };
        put.Headers.IfMatch.Add(read.Headers.ETag!);
        var response = await Client.SendAsync(put);
        Assert.True(response.IsSuccessStatusCode, $"PUT {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
