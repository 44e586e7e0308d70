using System.Net;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Conventions;

public sealed class OperatingIt(ApiFactory api) : ApiTest(api)
{
    [Fact]
    public async Task Liveness_and_readiness_answer_200_with_the_database_up()
    {
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task Swagger_serves_the_openapi_document_and_the_ui()
    {
        var document = await GetOkAsync("/swagger/v1/swagger.json");
        var ui = await Client.GetAsync("/swagger/index.html");

        Assert.True(document.GetProperty("paths").TryGetProperty("/api/v1/incidents", out _));
        Assert.Equal(HttpStatusCode.OK, ui.StatusCode);
    }

    [Fact]
    public async Task The_demo_data_loads_once_however_often_the_api_starts()
    {
        await Api.LoadDemoAsync();
        await Api.LoadDemoAsync();

        var incidents = await GetOkAsync("/api/v1/incidents");
        var sources = await GetOkAsync("/api/v1/sources?limit=100");

        Assert.Equal("kazakhstan-2022-01", Assert.Single(incidents.GetProperty("items").EnumerateArray()).GetProperty("slug").GetString());
        Assert.Equal(9, sources.GetProperty("items").GetArrayLength());
    }

    [Fact]
    public async Task Every_write_is_recorded_in_the_change_log_in_order()
    {
        var source = await CreateSourceAsync();
        var incident = await CreateIncidentAsync();

        var changes = await Api.WithDbAsync(db => db.Changes.OrderBy(c => c.Seq).ToListAsync());

        Assert.Equal(["source", "incident"], changes.Select(c => c.Entity));
        Assert.Equal(source.GetProperty("id").GetGuid(), changes[0].EntityId);
        Assert.Equal(incident.GetProperty("id").GetGuid(), changes[1].EntityId);
        Assert.All(changes, c => Assert.Equal("created", c.Op));
    }

    [Theory]
    [InlineData("UPDATE incident_versions SET title = 'rewritten'")]
    [InlineData("DELETE FROM incident_versions")]
    [InlineData("DELETE FROM changes")]
    public async Task The_database_refuses_to_rewrite_history(string sql)
    {
        await CreateIncidentAsync();
        await using var connection = new NpgsqlConnection(Api.OwnerConnectionString);
        await connection.OpenAsync();

        var error = await Assert.ThrowsAsync<PostgresException>(() => new NpgsqlCommand(sql, connection).ExecuteNonQueryAsync());

        Assert.Contains("append-only", error.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_successful_read_links_to_its_snapshot()
    {
        var response = await Client.GetAsync("/api/v1/incidents?country=KZ");

        var link = Assert.Single(response.Headers.GetValues("Link"));
        Assert.Contains("rel=\"snapshot\"", link, StringComparison.Ordinal);
        Assert.Contains("country=KZ", link, StringComparison.Ordinal);
        Assert.Contains("recordedAsOf=", link, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_forged_host_header_never_reaches_the_snapshot_link()
    {
        var target = await Links.SnapshotTargetAsync(Client, "evil.example");

        Assert.StartsWith("/api/v1/incidents?country=KZ&recordedAsOf=", target, StringComparison.Ordinal);
    }
}
