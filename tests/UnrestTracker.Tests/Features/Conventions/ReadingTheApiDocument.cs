using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Swashbuckle.AspNetCore.Swagger;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Conventions;

public sealed class ReadingTheApiDocument(ApiFactory api) : ApiTest(api)
{
    [Fact]
    public async Task The_document_is_generated_once_and_served_from_memory_afterwards()
    {
        var first = await Client.GetStringAsync("/swagger/v1/swagger.json");
        var provider = Api.Services.GetRequiredService<ISwaggerProvider>();

        var again = await Client.GetStringAsync("/swagger/v1/swagger.json");

        Assert.Same(provider.GetSwagger("v1"), provider.GetSwagger("v1"));
        Assert.Equal(first, again);
    }

    [Fact]
    public async Task Writes_ask_for_a_key_by_either_header_and_reads_do_not()
    {
        var document = await GetOkAsync("/swagger/v1/swagger.json");

        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("Bearer").GetProperty("scheme").GetString());
        Assert.Equal("X-Api-Key", schemes.GetProperty("ApiKey").GetProperty("name").GetString());
        var post = Operation(document, "/api/v1/incidents", "post");
        Assert.Equal(["Bearer", "ApiKey"], post.GetProperty("security").EnumerateArray().Select(r => r.EnumerateObject().Single().Name));
        Assert.Contains(post.GetProperty("parameters").EnumerateArray(), p => p.GetProperty("name").GetString() == "Idempotency-Key");
        Assert.False(Operation(document, "/api/v1/incidents", "get").TryGetProperty("security", out _));
    }

    [Fact]
    public async Task Writes_take_an_optional_empty_idempotency_key_if_match_on_put_and_a_reason_on_delete()
    {
        var document = await GetOkAsync("/swagger/v1/swagger.json");

        var key = Parameter(Operation(document, "/api/v1/events", "post"), "Idempotency-Key");
        Assert.False(key.TryGetProperty("required", out var required) && required.GetBoolean());
        Assert.False(key.TryGetProperty("example", out _));
        Assert.False(key.GetProperty("schema").TryGetProperty("example", out _));
        foreach (var path in new[] { "/api/v1/incidents/{incident}", "/api/v1/sources/{id}", "/api/v1/events/{id}", "/api/v1/statements/{id}" })
        {
            var ifMatch = Parameter(Operation(document, path, "put"), "If-Match");
            Assert.Equal("header", ifMatch.GetProperty("in").GetString());
            Assert.True(ifMatch.GetProperty("required").GetBoolean());
            Assert.Contains("ETag", ifMatch.GetProperty("description").GetString());
        }
        foreach (var path in new[] { "/api/v1/events/{id}", "/api/v1/statements/{id}" })
        {
            var reason = Parameter(Operation(document, path, "delete"), "reason");
            Assert.Equal("query", reason.GetProperty("in").GetString());
            Assert.True(reason.GetProperty("required").GetBoolean());
        }
        Assert.Contains("`Authorization: Bearer <key>`",
            document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("description").GetString());
    }

    private static JsonElement Parameter(JsonElement operation, string name) =>
        operation.GetProperty("parameters").EnumerateArray().Single(p => p.GetProperty("name").GetString() == name);

    [Theory]
    [InlineData("/api/v1/incidents", "post", "400 401 403 409 422 429 503")]
    [InlineData("/api/v1/incidents/{incident}", "put", "400 401 403 404 409 412 428 429 503")]
    [InlineData("/api/v1/sources/{id}", "get", "400 401 404 429 503")]
    public async Task Operations_document_their_problem_responses(string path, string method, string statuses)
    {
        var document = await GetOkAsync("/swagger/v1/swagger.json");

        var responses = Operation(document, path, method).GetProperty("responses");

        foreach (var status in statuses.Split(' '))
        {
            Assert.True(responses.TryGetProperty(status, out var response), $"{method} {path} does not document {status}");
            Assert.True(response.GetProperty("content").TryGetProperty("application/problem+json", out _));
        }
    }

    [Fact]
    public async Task Request_bodies_start_from_the_demo_data_with_snake_case_enums()
    {
        var document = await GetOkAsync("/swagger/v1/swagger.json");

        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.Equal("January 2022 unrest in Kazakhstan", schemas.GetProperty("IncidentRequest").GetProperty("example").GetProperty("title").GetString());
        Assert.Equal("government", schemas.GetProperty("SourceRequest").GetProperty("example").GetProperty("kind").GetString());
        Assert.Equal("riots", schemas.GetProperty("EventRequest").GetProperty("example").GetProperty("type").GetString());
        Assert.Contains("security_forces", schemas.GetProperty("SourceKind").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
    }

    [Theory]
    [InlineData("/api/v1/incidents", "{}", "IncidentRequest", "")]
    [InlineData("/api/v1/sources", "{}", "SourceRequest", "")]
    [InlineData("/api/v1/events", "{}", "EventRequest", "")]
    [InlineData("/api/v1/events", "{\"location\": {}}", "LocationRequest", "location.")]
    [InlineData("/api/v1/statements", "{}", "StatementRequest", "")]
    [InlineData("/api/v1/statements", "{\"figures\": [{}]}", "FigureRequest", "figures[0].")]
    [InlineData("/api/v1/events", "{\"externalRefs\": [{}]}", "ExternalRefRequest", "externalRefs[0].")]
    [InlineData("/api/v1/statements/01a24f04-0000-7000-8000-000000000000/retraction", "{}", "RetractionRequest", "")]
    [InlineData("/api/v1/events/01a24f04-0000-7000-8000-000000000000/links", "{}", "LinkRequest", "")]
    public async Task A_request_schema_requires_what_the_api_refuses_to_go_without(string path, string body, string schema, string prefix)
    {
        var document = await GetOkAsync("/swagger/v1/swagger.json");
        var required = document.GetProperty("components").GetProperty("schemas").GetProperty(schema).GetProperty("required")
            .EnumerateArray().Select(r => prefix + r.GetString()).Order();

        var response = await Client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var missing = (await BodyOf(response)).GetProperty("errors").EnumerateObject()
            .Where(e => e.Name.StartsWith(prefix, StringComparison.Ordinal) && !e.Name[prefix.Length..].Contains('.'))
            .Where(e => e.Value.EnumerateArray().Any(m => m.GetString() == "This field is required."))
            .Select(e => e.Name).Order();
        Assert.Equal(required, missing);
    }

    [Fact]
    public async Task Operations_are_named_once_everything_is_described_and_incidents_start_from_the_demo()
    {
        var document = await GetOkAsync("/swagger/v1/swagger.json");

        var parameters = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().SelectMany(o => o.Value.TryGetProperty("parameters", out var list)
                ? list.EnumerateArray().Select(x => (Where: $"{o.Name} {p.Name} {x.GetProperty("name").GetString()}", Parameter: x)) : []))
            .ToList();
        Assert.Empty(parameters.Where(p => !p.Parameter.TryGetProperty("description", out var d) || string.IsNullOrWhiteSpace(d.GetString())).Select(p => p.Where));
        Assert.All(parameters.Where(p => p.Parameter.GetProperty("name").GetString() == "incident"),
            p => Assert.Equal("kazakhstan-2022-01", p.Parameter.GetProperty("example").GetString()));
        var operationIds = document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => o.Value.GetProperty("operationId").GetString())).ToList();
        Assert.Equal(operationIds.Count, operationIds.Distinct().Count());
        var schemas = document.GetProperty("components").GetProperty("schemas").EnumerateObject().ToList();
        Assert.Empty(schemas.Where(s => !s.Value.TryGetProperty("description", out _)).Select(s => s.Name));
        var properties = schemas.SelectMany(s => s.Value.TryGetProperty("properties", out var list)
            ? list.EnumerateObject().Select(p => (Where: $"{s.Name}.{p.Name}", Property: p.Value)) : []);
        Assert.Empty(properties.Where(p => !p.Property.TryGetProperty("description", out _)).Select(p => p.Where));
    }

    private static JsonElement Operation(JsonElement document, string path, string method) =>
        document.GetProperty("paths").GetProperty(path).GetProperty(method);
}
