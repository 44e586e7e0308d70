using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Statements;

public sealed class RetractingAStatement(ApiFactory api) : ClaimsTest(api)
{
    [Fact]
    public async Task A_retraction_is_201_and_makes_the_statement_and_its_figures_retracted()
    {
        var created = await StateAsync("2022-01-09T08:00:00Z");
        var before = (await Client.GetAsync($"/api/v1/statements/{created.GetProperty("id").GetString()}")).Headers.ETag;

        var response = await RetractAsync(created, "2022-01-09T16:00:00Z");
        var read = await Client.GetAsync($"/api/v1/statements/{created.GetProperty("id").GetString()}");
        var statement = await BodyOf(read);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("retracted", statement.GetProperty("status").GetString());
        Assert.Equal("technical mistake", statement.GetProperty("retraction").GetProperty("reason").GetString());
        Assert.Equal("retracted", statement.GetProperty("figures")[0].GetProperty("status").GetString());
        Assert.Equal(164m, statement.GetProperty("figures")[0].GetProperty("value").GetDecimal());
        Assert.NotEqual(before, read.Headers.ETag);
    }

    [Fact]
    public async Task A_second_retraction_is_a_409()
    {
        var created = await StateAsync();
        await RetractAsync(created);

        var second = await RetractAsync(created, reason: "again");

        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal("application/problem+json", second.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_retraction_before_the_statement_was_made_is_a_400()
    {
        var created = await StateAsync("2022-01-10T09:00:00Z");

        var response = await RetractAsync(created, "2022-01-10T08:59:59Z");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await BodyOf(response)).GetProperty("errors").TryGetProperty("retractedAt", out _));
    }

    [Fact]
    public async Task A_retraction_needs_a_reason()
    {
        var created = await StateAsync();

        var response = await RetractAsync(created, reason: null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await BodyOf(response)).GetProperty("errors").TryGetProperty("reason", out _));
    }

    [Fact]
    public async Task Retracting_an_unknown_statement_is_a_404()
    {
        var response = await Client.PostAsJsonAsync($"/api/v1/statements/{Guid.NewGuid()}/retraction", new { retractedAt = "2022-01-10T09:00:00Z", reason = "x" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task A_retraction_recorded_later_than_it_happened_shows_on_each_clock_only_once_both_have_seen_it()
    {
        var created = await StateAsync("2022-01-09T08:00:00Z");
        var beforeRecorded = created.GetProperty("recordedAt").GetString();
        await RetractAsync(created, "2022-01-09T16:00:00Z");
        var id = created.GetProperty("id").GetString();

        var knownButNotRecorded = await GetOkAsync($"/api/v1/statements/{id}?asOf=2022-01-09T20:00:00Z&recordedAsOf={beforeRecorded}");
        var recordedButNotYetMade = await GetOkAsync($"/api/v1/statements/{id}?asOf=2022-01-09T12:00:00Z");
        var both = await GetOkAsync($"/api/v1/statements/{id}?asOf=2022-01-09T20:00:00Z");

        Assert.Equal("active", knownButNotRecorded.GetProperty("status").GetString());
        Assert.Equal("current", knownButNotRecorded.GetProperty("figures")[0].GetProperty("status").GetString());
        Assert.Equal("active", recordedButNotYetMade.GetProperty("status").GetString());
        Assert.Equal("retracted", both.GetProperty("status").GetString());
        Assert.Equal("retracted", both.GetProperty("figures")[0].GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_statement_retracted_by_another_source_names_both_and_keeps_its_figures_in_order()
    {
        var statement = await StateAsync("2022-01-09T08:00:00Z", Figure(164), Figure(2000, "injured"), Figure(5000, "detained"));
        var court = (await CreateSourceAsync("Supreme Court", "judiciary")).GetProperty("id").GetString();
        var id = statement.GetProperty("id").GetString();
        (await Client.PostAsJsonAsync($"/api/v1/statements/{id}/retraction",
            new { retractedAt = "2022-01-09T16:00:00Z", reason = "the court's count replaces it", bySourceId = court })).EnsureSuccessStatusCode();

        var read = await GetOkAsync($"/api/v1/statements/{id}");
        var before = await GetOkAsync($"/api/v1/statements/{id}?asOf=2022-01-09T12:00:00Z");

        Assert.Equal("Ministry of Health", read.GetProperty("source").GetProperty("name").GetString());
        Assert.Equal("Supreme Court", read.GetProperty("retraction").GetProperty("bySource").GetProperty("name").GetString());
        Assert.Equal(["killed", "injured", "detained"], read.GetProperty("figures").EnumerateArray().Select(f => f.GetProperty("metric").GetString()));
        Assert.All(read.GetProperty("figures").EnumerateArray(), f => Assert.Equal("retracted", f.GetProperty("status").GetString()));
        Assert.Equal(JsonValueKind.Null, before.GetProperty("retraction").ValueKind);
        Assert.All(before.GetProperty("figures").EnumerateArray(), f => Assert.Equal("current", f.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task A_retracted_figure_stops_superseding_so_the_earlier_one_is_current_again()
    {
        var earlier = await StateAsync("2022-01-09T08:00:00Z", Figure(100));
        var later = await StateAsync("2022-01-10T08:00:00Z", Figure(200));

        var superseded = await GetOkAsync($"/api/v1/figures/{FigureId(earlier)}");
        await RetractAsync(later, "2022-01-10T12:00:00Z");
        var currentAgain = await GetOkAsync($"/api/v1/figures/{FigureId(earlier)}");
        var revisions = await GetOkAsync($"/api/v1/figures/{FigureId(earlier)}/revisions");

        Assert.Equal("superseded", superseded.GetProperty("status").GetString());
        Assert.Equal("current", currentAgain.GetProperty("status").GetString());
        Assert.Equal(["current", "retracted"], revisions.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Claims_are_written_to_the_change_log_in_order()
    {
        var created = await StateAsync();
        var id = created.GetProperty("id").GetGuid();
        await RetractAsync(created);
        await Client.DeleteAsync($"/api/v1/statements/{id}?reason=duplicate");

        var changes = await Api.WithDbAsync(db => db.Changes.Where(c => c.EntityId == id).OrderBy(c => c.Seq).ToListAsync());

        Assert.Equal(["statement:created", "retraction:retracted", "statement:deleted"], changes.Select(c => $"{c.Entity}:{c.Op}"));
    }

    [Fact]
    public async Task A_retraction_naming_an_unknown_statement_or_source_is_a_400()
    {
        var created = await StateAsync();

        var response = await Client.PostAsJsonAsync($"/api/v1/statements/{created.GetProperty("id").GetString()}/retraction",
            new { retractedAt = "2022-01-10T16:00:00Z", reason = "x", byStatementId = Guid.NewGuid(), bySourceId = Guid.NewGuid() });
        var errors = (await BodyOf(response)).GetProperty("errors");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(errors.TryGetProperty("byStatementId", out _));
        Assert.True(errors.TryGetProperty("bySourceId", out _));
    }
}
