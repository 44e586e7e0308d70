using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Statements;

public sealed class DocumentingClaims(ApiFactory api) : ApiTest(api)
{
    [Theory]
    [InlineData("StatementRequest", "figures")]
    [InlineData("RetractionRequest", "reason")]
    public async Task Swagger_shows_an_example_body(string schema, string member)
    {
        var document = await GetOkAsync("/swagger/v1/swagger.json");

        var example = document.GetProperty("components").GetProperty("schemas").GetProperty(schema).GetProperty("example");

        Assert.True(example.TryGetProperty(member, out _));
    }
}
