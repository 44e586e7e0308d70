using System.Net;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Conventions;

public sealed class KeysetPaging(ApiFactory api) : ApiTest(api)
{
    [Fact]
    public async Task Paging_by_cursor_returns_every_item_once_even_with_duplicate_leading_keys()
    {
        for (var i = 0; i < 7; i++)
        {
            await CreateSourceAsync("Same name");
        }

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await GetOkAsync($"/api/v1/sources?limit=3{(cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}")}");
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(7, seen.Count);
        Assert.Equal(7, seen.Distinct().Count());
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task An_exact_multiple_of_the_page_size_ends_without_an_empty_page()
    {
        for (var i = 0; i < 4; i++)
        {
            await CreateSourceAsync($"Source {i}");
        }

        var first = await GetOkAsync("/api/v1/sources?limit=2");
        var second = await GetOkAsync($"/api/v1/sources?limit=2&cursor={Uri.EscapeDataString(first.GetProperty("nextCursor").GetString()!)}");

        Assert.Equal(2, second.GetProperty("items").GetArrayLength());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, second.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task A_tampered_cursor_is_a_400()
    {
        for (var i = 0; i < 3; i++)
        {
            await CreateSourceAsync($"Source {i}");
        }
        var cursor = (await GetOkAsync("/api/v1/sources?limit=1")).GetProperty("nextCursor").GetString()!;
        var tampered = (cursor[0] == 'A' ? 'B' : 'A') + cursor[1..];

        var response = await Client.GetAsync($"/api/v1/sources?limit=1&cursor={Uri.EscapeDataString(tampered)}");
        var otherList = await Client.GetAsync($"/api/v1/incidents?limit=1&cursor={Uri.EscapeDataString(cursor)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, otherList.StatusCode);
    }
}
