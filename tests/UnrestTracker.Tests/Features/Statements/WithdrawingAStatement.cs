using System.Net;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Statements;

/// <summary>We withdraw a mis-entered statement (a tombstone); a source retracts its own (a retraction).</summary>
public sealed class WithdrawingAStatement(ApiFactory api) : ClaimsTest(api)
{
    [Fact]
    public async Task A_delete_without_a_reason_is_a_400()
    {
        var created = await StateAsync();

        var response = await Client.DeleteAsync($"/api/v1/statements/{created.GetProperty("id").GetString()}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await BodyOf(response)).GetProperty("errors").TryGetProperty("reason", out _));
    }

    [Fact]
    public async Task A_repeated_delete_is_204_again_and_writes_nothing_more()
    {
        var id = (await StateAsync()).GetProperty("id").GetString();

        var first = await Client.DeleteAsync($"/api/v1/statements/{id}?reason=duplicate");
        var second = await Client.DeleteAsync($"/api/v1/statements/{id}?reason=duplicate");
        var deletes = await Api.WithDbAsync(db => db.Changes.CountAsync(c => c.Op == "deleted"));
        var tombstones = await Api.WithDbAsync(db => db.Tombstones.CountAsync());

        Assert.Equal(HttpStatusCode.NoContent, first.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, second.StatusCode);
        Assert.Equal(1, deletes);
        Assert.Equal(1, tombstones);
    }

    [Fact]
    public async Task A_withdrawn_statement_leaves_lists_and_headlines_but_reads_by_id_with_its_reason()
    {
        var kept = await StateAsync("2022-01-10T09:00:00Z", Figure(164));
        var mistake = await StateAsync("2022-01-11T09:00:00Z", Figure(999));
        var id = mistake.GetProperty("id").GetString();

        await Client.DeleteAsync($"/api/v1/statements/{id}?reason=wrong%20incident");

        var byId = await GetOkAsync($"/api/v1/statements/{id}");
        var statements = await GetOkAsync("/api/v1/statements");
        var figures = await GetOkAsync("/api/v1/figures");
        var series = await GetOkAsync($"/api/v1/incidents/{IncidentId}/figures");
        var versions = await GetOkAsync($"/api/v1/statements/{id}/versions");
        Assert.Equal("withdrawn", byId.GetProperty("status").GetString());
        Assert.Equal("wrong incident", byId.GetProperty("deleted").GetProperty("reason").GetString());
        Assert.Equal("retracted", byId.GetProperty("figures")[0].GetProperty("status").GetString());
        Assert.Equal([kept.GetProperty("id").GetString()], statements.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
        Assert.Equal([164m], figures.GetProperty("items").EnumerateArray().Select(f => f.GetProperty("value").GetDecimal()));
        Assert.Equal(164m, series.GetProperty("items")[0].GetProperty("headline").GetProperty("value").GetDecimal());
        Assert.Equal(1, series.GetProperty("items")[0].GetProperty("revisionCount").GetInt32());
        Assert.Single(versions.GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Withdrawn_by_us_and_retracted_by_the_source_read_differently()
    {
        var retracted = await StateAsync("2022-01-09T08:00:00Z");
        var withdrawn = await StateAsync("2022-01-09T09:00:00Z");
        await RetractAsync(retracted);
        await Client.DeleteAsync($"/api/v1/statements/{withdrawn.GetProperty("id").GetString()}?reason=duplicate");

        var byUs = await GetOkAsync($"/api/v1/statements/{withdrawn.GetProperty("id").GetString()}");
        var bySource = await GetOkAsync($"/api/v1/statements/{retracted.GetProperty("id").GetString()}");
        var retractedList = await GetOkAsync("/api/v1/statements?status=retracted");

        Assert.Equal("withdrawn", byUs.GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, byUs.GetProperty("retraction").ValueKind);
        Assert.Equal("retracted", bySource.GetProperty("status").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, bySource.GetProperty("deleted").ValueKind);
        Assert.Equal([retracted.GetProperty("id").GetString()], retractedList.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task The_etag_changes_when_the_statement_is_withdrawn()
    {
        var id = (await StateAsync()).GetProperty("id").GetString();
        var before = (await Client.GetAsync($"/api/v1/statements/{id}")).Headers.ETag;

        await Client.DeleteAsync($"/api/v1/statements/{id}?reason=duplicate");
        var after = (await Client.GetAsync($"/api/v1/statements/{id}")).Headers.ETag;

        Assert.NotEqual(before, after);
    }
}
