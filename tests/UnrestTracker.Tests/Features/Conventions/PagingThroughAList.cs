using System.Net;
using System.Text.Json;
using UnrestTracker.Tests.Features.Statements;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Conventions;

/// <summary>Keyset paging at its edges (Infrastructure/Paging/Keyset.cs), through the statement list.</summary>
public sealed class PagingThroughAList(ApiFactory api) : ClaimsTest(api)
{
    [Fact]
    public async Task An_empty_list_is_one_empty_page_without_a_cursor()
    {
        var page = await GetOkAsync($"/api/v1/statements?incident={IncidentId}&limit=2");

        Assert.Empty(page.GetProperty("items").EnumerateArray());
        Assert.Equal(JsonValueKind.Null, page.GetProperty("nextCursor").ValueKind);
    }

    [Fact]
    public async Task A_list_of_exactly_two_pages_ends_on_the_second_without_an_empty_third()
    {
        foreach (var day in new[] { 10, 11, 12, 13 })
        {
            await StateAsync($"2022-01-{day}T09:00:00Z");
        }

        var pages = await WalkAsync($"/api/v1/statements?incident={IncidentId}&limit=2");

        Assert.Equal([2, 2], pages.Select(p => p.Count));
    }

    [Fact]
    public async Task Rows_equal_in_the_leading_key_are_each_listed_once_in_id_order_across_pages()
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await StateAsync("2022-01-10T09:00:00Z")).GetProperty("id").GetString()!);
        }

        var pages = await WalkAsync($"/api/v1/statements?incident={IncidentId}&limit=2");

        Assert.Equal([2, 2, 1], pages.Select(p => p.Count));
        Assert.Equal(ids.Order(StringComparer.Ordinal), pages.SelectMany(p => p));
    }

    [Fact]
    public async Task A_cursor_of_another_list_is_a_400_naming_the_cursor()
    {
        await StateAsync("2022-01-10T09:00:00Z", Figure(1), Figure(2));
        var figures = await GetOkAsync($"/api/v1/figures?incident={IncidentId}&limit=1");

        var response = await Client.GetAsync($"/api/v1/statements?cursor={figures.GetProperty("nextCursor").GetString()}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await BodyOf(response)).GetProperty("errors").TryGetProperty("cursor", out _));
    }
}
