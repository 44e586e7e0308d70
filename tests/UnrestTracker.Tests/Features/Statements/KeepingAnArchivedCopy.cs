using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Statements;

/// <summary>Evidence vanishes from the web: a statement names a copy (archiveUrl) and when it was made (archivedAt).</summary>
public sealed class KeepingAnArchivedCopy(ApiFactory api) : ClaimsTest(api)
{
    private Dictionary<string, object?> Archived(string archiveUrl = "https://web.archive.org/web/20220110/https://example.org/briefing")
    {
        var body = Statement();
        body["url"] = "https://example.org/briefing";
        body["archiveUrl"] = archiveUrl;
        body["archivedAt"] = "2022-01-10T12:00:00Z";
        return body;
    }

    [Fact]
    public async Task The_copy_is_kept_edited_by_put_versioned_and_the_last_columns_of_the_csv()
    {
        var created = await PostOkAsync("/api/v1/statements", Archived());
        var id = created.GetProperty("id").GetString();
        Assert.Equal("https://web.archive.org/web/20220110/https://example.org/briefing", created.GetProperty("archiveUrl").GetString());
        Assert.Equal("2022-01-10T12:00:00Z", created.GetProperty("archivedAt").GetString());

        var edit = Archived("https://archive.ph/abcde");
        edit["figures"] = new[] { new Dictionary<string, object?>(Figure()) { ["id"] = FigureId(created) } };
        using var put = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/statements/{id}") { Content = JsonContent.Create(edit) };
        put.Headers.TryAddWithoutValidation("If-Match", (await Client.GetAsync($"/api/v1/statements/{id}")).Headers.ETag!.ToString());
        var updated = await Client.SendAsync(put);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);

        var versions = (await GetOkAsync($"/api/v1/statements/{id}/versions")).GetProperty("items").EnumerateArray()
            .Select(v => v.GetProperty("content").GetProperty("archiveUrl").GetString()).ToList();
        Assert.Contains("https://web.archive.org/web/20220110/https://example.org/briefing", versions);
        Assert.Contains("https://archive.ph/abcde", versions);

        var csv = (await Client.GetStringAsync("/api/v1/statements?format=csv")).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith(",archiveUrl,archivedAt", csv[0]);
        Assert.EndsWith(",https://archive.ph/abcde,2022-01-10T12:00:00Z", csv[1]);
    }

    [Fact]
    public async Task An_archive_url_that_is_not_http_or_an_archived_at_without_one_is_a_400_naming_it()
    {
        var ftp = Archived("ftp://archive.example/briefing");
        var alone = Statement();
        alone["archivedAt"] = "2022-01-10T12:00:00Z";

        var refused = await Client.PostAsJsonAsync("/api/v1/statements", ftp);
        var lonely = await Client.PostAsJsonAsync("/api/v1/statements", alone);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await BodyOf(refused)).GetProperty("errors").TryGetProperty("archiveUrl", out _));
        Assert.Equal(HttpStatusCode.BadRequest, lonely.StatusCode);
        Assert.True((await BodyOf(lonely)).GetProperty("errors").TryGetProperty("archivedAt", out _));
        Assert.Empty((await GetOkAsync("/api/v1/statements")).GetProperty("items").EnumerateArray());
    }
}
