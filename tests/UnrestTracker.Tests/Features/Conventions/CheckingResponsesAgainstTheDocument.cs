using System.Net;
using System.Net.Http.Headers;
using System.Text;
using UnrestTracker.Tests.Support;
using UnrestTracker.Tests.Support.OpenApi;

namespace UnrestTracker.Tests.Features.Conventions;

/// <summary>
/// Every test client checks each response against the served OpenAPI document (<see cref="ConformanceHandler"/>);
/// these make sure that check can fail, and says where.
/// </summary>
public sealed class CheckingResponsesAgainstTheDocument(ApiFactory api) : ApiTest(api)
{
    private HttpClient Answering(HttpStatusCode status, string mediaType, string body, string? etag = "\"stub\"") =>
        new(new ConformanceHandler(Api.DocumentAsync) { InnerHandler = new Stub(status, mediaType, body, etag) }) { BaseAddress = new Uri("http://localhost") };

    [Fact]
    public async Task A_body_that_breaks_the_schema_fails_naming_the_operation_status_and_path()
    {
        var client = Answering(HttpStatusCode.OK, "application/json", """{"id": 5, "slug": "kazakhstan-2022-01"}""");

        var failure = await Assert.ThrowsAsync<OpenApiViolationException>(() => client.GetAsync("/api/v1/incidents/kazakhstan-2022-01"));

        Assert.Contains("GET /api/v1/incidents/{incident} (GetIncident) answered 200", failure.Message);
        Assert.Contains("$.id:", failure.Message);
        Assert.Contains("title", failure.Message); // required, and missing
    }

    [Fact]
    public async Task A_null_where_the_document_allows_none_fails()
    {
        var page = """{"items": [{"seq": 1, "entity": "event", "id": null, "op": "created", "at": "2022-01-05T00:00:00Z"}], "nextCursor": null}""";
        var client = Answering(HttpStatusCode.OK, "application/json", page);

        var failure = await Assert.ThrowsAsync<OpenApiViolationException>(() => client.GetAsync("/api/v1/changes"));

        Assert.Contains("(ListChanges) answered 200", failure.Message);
        Assert.Contains("$.items[0].id:", failure.Message);
    }

    [Fact]
    public async Task A_status_the_operation_does_not_list_fails()
    {
        var client = Answering(HttpStatusCode.InternalServerError, "application/problem+json", """{"title": "Oops", "status": 500}""");

        var failure = await Assert.ThrowsAsync<OpenApiViolationException>(() => client.GetAsync("/api/v1/sources"));

        Assert.Contains("GET /api/v1/sources (ListSources) answered 500", failure.Message);
        Assert.Contains("status 500 is not listed", failure.Message);
    }

    [Fact]
    public async Task A_streamed_geojson_export_is_checked_once_read_to_its_end()
    {
        var client = Answering(HttpStatusCode.OK, "application/geo+json", """{"type": "FeatureCollection", "features": [{"type": "Point"}]}""");
        var response = await client.GetAsync("/api/v1/events?format=geojson", HttpCompletionOption.ResponseHeadersRead);

        var failure = await Assert.ThrowsAsync<OpenApiViolationException>(() => response.Content.ReadAsStringAsync());

        Assert.Contains("(ListEvents) answered 200", failure.Message);
        Assert.Contains("$.features[0]", failure.Message);
    }

    [Fact]
    public async Task An_etag_the_document_does_not_mention_or_a_promised_one_missing_fails()
    {
        var citation = """{"snapshot": "/api/v1/incidents", "recordedAt": "2022-01-05T00:00:00Z", "retrievedAt": "2022-01-05T00:00:00Z", "title": "t", "text": "t", "bibtex": "b"}""";
        var tagged = Answering(HttpStatusCode.OK, "application/json", citation);
        var untagged = Answering(HttpStatusCode.OK, "application/json", """{"items": [], "nextCursor": null}""", etag: null);

        var sent = await Assert.ThrowsAsync<OpenApiViolationException>(() => tagged.GetAsync("/api/v1/cite?url=/api/v1/incidents"));
        var missing = await Assert.ThrowsAsync<OpenApiViolationException>(() => untagged.GetAsync("/api/v1/sources"));

        Assert.Contains("(Cite) answered 200", sent.Message);
        Assert.Contains("sent an ETag the document does not mention", sent.Message);
        Assert.Contains("(ListSources) answered 200", missing.Message);
        Assert.Contains("documents an ETag but sent none", missing.Message);
    }

    [Fact]
    public async Task The_document_is_OpenAPI_3_1()
    {
        var document = await GetOkAsync("/swagger/v1/swagger.json");

        Assert.StartsWith("3.1", document.GetProperty("openapi").GetString());
    }

    private sealed class Stub(HttpStatusCode status, string mediaType, string body, string? etag) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, mediaType), RequestMessage = request };
            if (etag is not null)
            {
                response.Headers.ETag = EntityTagHeaderValue.Parse(etag);
            }
            return Task.FromResult(response);
        }
    }
}
