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

    [Theory]
    [InlineData("/api/v1/statements", "incident event level source sourceKind status from to q asOf recordedAsOf limit cursor format csvFormulas", "text/csv")]
    [InlineData("/api/v1/figures", "incident event level metric subject status source sourceKind asOf recordedAsOf limit cursor format csvFormulas", "text/csv")]
    [InlineData("/api/v1/events", "incident country type from to actor q bbox near withinKm externalRef asOf recordedAsOf limit cursor format csvFormulas", "text/csv application/geo+json")]
    [InlineData("/api/v1/retractions", "incident source from to asOf recordedAsOf limit cursor", "")]
    [InlineData("/api/v1/incidents/{incident}/figures", "incident metric subject sourceKind asOf recordedAsOf limit cursor", "")]
    [InlineData("/api/v1/figures/{id}/revisions", "id asOf recordedAsOf limit cursor", "")]
    public async Task Lists_document_their_query_parameters_and_exports(string path, string parameters, string exports)
    {
        var document = await GetOkAsync("/swagger/v1/swagger.json");

        var get = document.GetProperty("paths").GetProperty(path).GetProperty("get");
        var names = get.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).ToList();
        var content = get.GetProperty("responses").GetProperty("200").GetProperty("content").EnumerateObject().Select(c => c.Name).ToList();

        Assert.Equal(parameters.Split(' ').Order(), names.Order());
        Assert.Contains("application/json", content);
        Assert.All(exports.Split(' ', StringSplitOptions.RemoveEmptyEntries), media => Assert.Contains(media, content));
    }

    [Fact]
    public async Task Enum_filters_and_the_format_list_their_values()
    {
        var document = await GetOkAsync("/swagger/v1/swagger.json");

        var parameters = document.GetProperty("paths").GetProperty("/api/v1/figures").GetProperty("get").GetProperty("parameters")
            .EnumerateArray().ToDictionary(p => p.GetProperty("name").GetString()!, p => p.GetProperty("schema"));

        Assert.Contains("economic_loss", parameters["metric"].GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["current", "superseded", "retracted"], parameters["status"].GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["json", "csv"], parameters["format"].GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
    }
}
