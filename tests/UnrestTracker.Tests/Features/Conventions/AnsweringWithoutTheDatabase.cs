using System.Net.Http.Json;
using UnrestTracker.Api.Features.Keys;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Conventions;

/// <summary>With PostgreSQL frozen, whatever needs no data is still answered: proof it never asked.</summary>
public sealed class AnsweringWithoutTheDatabase(OutageApiFactory api) : IClassFixture<OutageApiFactory>
{
    [Fact]
    public async Task An_unknown_path_is_a_404_problem_even_posted_with_a_key_and_an_idempotency_key()
    {
        var writer = await ClientFactory.WithKeyAsync(api, $"frozen-{Guid.NewGuid():N}", KeyScope.Write);
        writer.DefaultRequestHeaders.Add("Idempotency-Key", "retry-1");
        HttpResponseMessage posted, read;

        await using (await api.FreezeAsync())
        {
            posted = await writer.PostAsJsonAsync("/api/v1/nothing-here", new { name = "Reuters" });
            read = await writer.GetAsync("/api/v1/nothing/here/either");
        }

        Assert.Equal(404, (int)posted.StatusCode);
        Assert.Equal("application/problem+json", posted.Content.Headers.ContentType?.MediaType);
        Assert.Equal(404, (int)read.StatusCode);
    }
}
