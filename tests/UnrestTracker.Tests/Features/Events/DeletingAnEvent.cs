using System.Net;
using System.Text.Json;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Events;

public sealed class DeletingAnEvent(ApiFactory api) : EventTest(api)
{
    [Fact]
    public async Task A_delete_without_a_reason_is_a_400_and_deletes_nothing()
    {
        var id = await CreateEventIdAsync();

        var missing = await Client.DeleteAsync($"/api/v1/events/{id}");
        var empty = await Client.DeleteAsync($"/api/v1/events/{id}?reason=%20");
        var still = await GetOkAsync($"/api/v1/events/{id}");

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.True((await BodyOf(missing)).GetProperty("errors").TryGetProperty("reason", out _));
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(JsonValueKind.Null, still.GetProperty("deleted").ValueKind);
    }

    [Fact]
    public async Task A_deleted_event_leaves_lists_and_exports_but_stays_readable_by_id_with_its_versions()
    {
        var id = await CreateEventIdAsync();
        var kept = await CreateEventIdAsync(b => b["title"] = "Kept");
        var before = await Client.GetAsync($"/api/v1/events/{id}");

        var delete = await Client.DeleteAsync($"/api/v1/events/{id}?reason=duplicate");
        var after = await Client.GetAsync($"/api/v1/events/{id}");
        var body = await BodyOf(after);
        var versions = await GetOkAsync($"/api/v1/events/{id}/versions");
        var csv = await Client.GetStringAsync("/api/v1/events?format=csv");
        var geo = await Client.GetStringAsync("/api/v1/events?format=geojson");

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal("duplicate", body.GetProperty("deleted").GetProperty("reason").GetString());
        Assert.Equal(ClientFactory.WriterKeyName, body.GetProperty("deleted").GetProperty("by").GetString());
        Assert.True(body.GetProperty("deleted").GetProperty("at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
        Assert.Single(versions.GetProperty("items").EnumerateArray());
        Assert.Equal(["Kept"], await TitlesAsync(""));
        Assert.DoesNotContain(id, csv, StringComparison.Ordinal);
        Assert.Contains(kept, csv, StringComparison.Ordinal);
        Assert.DoesNotContain(id, geo, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_again_is_a_204_that_writes_nothing_new()
    {
        var id = await CreateEventIdAsync();
        await Client.DeleteAsync($"/api/v1/events/{id}?reason=duplicate");
        var first = await GetOkAsync($"/api/v1/events/{id}");

        var again = await Client.DeleteAsync($"/api/v1/events/{id}?reason=another reason");
        var second = await GetOkAsync($"/api/v1/events/{id}");
        var deletions = await Api.WithDbAsync(db => Task.FromResult(db.Changes.Count(c => c.Op == "deleted")));

        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        Assert.Equal(first.GetProperty("deleted").ToString(), second.GetProperty("deleted").ToString());
        Assert.Equal(1, deletions);
    }

    [Fact]
    public async Task A_deleted_event_cannot_be_edited()
    {
        var id = await CreateEventIdAsync();
        await Client.DeleteAsync($"/api/v1/events/{id}?reason=duplicate");
        var get = await Client.GetAsync($"/api/v1/events/{id}");

        var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/events/{id}") { Content = System.Net.Http.Json.JsonContent.Create(Body()) };
        put.Headers.IfMatch.Add(get.Headers.ETag!);
        var response = await Client.SendAsync(put);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }
}
