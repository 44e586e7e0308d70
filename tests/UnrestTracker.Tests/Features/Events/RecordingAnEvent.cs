using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Events;

public sealed class RecordingAnEvent(ApiFactory api) : EventTest(api)
{
    [Fact]
    public async Task A_created_event_carries_every_field_of_the_contract()
    {
        var source = (await CreateSourceAsync()).GetProperty("id").GetString()!;
        var response = await PostEventAsync(Body(b =>
        {
            b["endDate"] = "2022-01-06";
            b["datePrecision"] = "week";
            b["subType"] = "Violent demonstration";
            b["description"] = "The city administration was set on fire.";
            Location(b)["admin1"] = "Almaty";
            Location(b)["admin2"] = "Medeu";
            b["actors"] = new JsonArray("Rioters", "Police");
            b["tags"] = new JsonArray("arson");
            b["sourceIds"] = new JsonArray(source);
            b["externalRefs"] = new JsonArray(new JsonObject { ["system"] = "acled", ["id"] = "KAZ2811", ["url"] = "https://acleddata.com/x" });
        }));
        var created = await BodyOf(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal($"/api/v1/events/{created.GetProperty("id").GetString()}", response.Headers.Location!.OriginalString);
        Assert.NotNull(response.Headers.ETag);
        Assert.Equal(IncidentId, created.GetProperty("incidentId").GetString());
        Assert.Equal("2022-01-05", created.GetProperty("date").GetString());
        Assert.Equal("2022-01-06", created.GetProperty("endDate").GetString());
        Assert.Equal("week", created.GetProperty("datePrecision").GetString());
        Assert.Equal("riots", created.GetProperty("type").GetString());
        Assert.Equal("Violent demonstration", created.GetProperty("subType").GetString());
        var location = created.GetProperty("location");
        Assert.Equal(("KZ", "Almaty", "Medeu", "Almaty"), (location.GetProperty("country").GetString(), location.GetProperty("admin1").GetString(),
            location.GetProperty("admin2").GetString(), location.GetProperty("place").GetString()));
        Assert.Equal((43.2389, 76.8897), (location.GetProperty("latitude").GetDouble(), location.GetProperty("longitude").GetDouble()));
        Assert.Equal("exact", location.GetProperty("precision").GetString());
        Assert.Equal(["Rioters", "Police"], created.GetProperty("actors").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(source, created.GetProperty("sourceIds")[0].GetString());
        Assert.Equal("KAZ2811", created.GetProperty("externalRefs")[0].GetProperty("id").GetString());
        Assert.Equal(1, created.GetProperty("version").GetInt32());
        Assert.Equal(JsonValueKind.Null, created.GetProperty("deleted").ValueKind);
    }

    [Fact]
    public async Task Date_precision_may_be_omitted_and_defaults_to_day()
    {
        var created = await CreateEventAsync();

        Assert.Equal("day", created.GetProperty("datePrecision").GetString());
    }

    [Fact]
    public async Task A_body_echoing_read_only_fields_is_accepted_and_they_are_ignored()
    {
        var first = await CreateEventAsync();
        var echoed = JsonNode.Parse(first.GetRawText())!.AsObject();
        echoed["version"] = 99;
        echoed["title"] = "Copied";

        var response = await PostEventAsync(echoed);
        var copy = await BodyOf(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.NotEqual(first.GetProperty("id").GetString(), copy.GetProperty("id").GetString());
        Assert.Equal(1, copy.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task An_unknown_member_or_an_integer_enum_is_a_400()
    {
        var unknown = await PostEventAsync(Body(b => b["titel"] = "typo"));
        var integer = await PostEventAsync(Body(b => b["type"] = 1));

        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, integer.StatusCode);
    }

    [Fact]
    public async Task A_put_needs_if_match_and_then_writes_a_version_keeping_the_old()
    {
        var id = await CreateEventIdAsync();
        var get = await Client.GetAsync($"/api/v1/events/{id}");

        var missing = await Client.PutAsJsonAsync($"/api/v1/events/{id}", Body(b => b["title"] = "New"));
        var stale = Put(id, Body(b => b["title"] = "New"), "\"stale\"");
        var staleResponse = await Client.SendAsync(stale);
        var put = await Client.SendAsync(Put(id, Body(b => b["title"] = "New"), get.Headers.ETag!.Tag));
        var versions = await GetOkAsync($"/api/v1/events/{id}/versions");

        Assert.Equal((HttpStatusCode)428, missing.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, staleResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.NotEqual(get.Headers.ETag, put.Headers.ETag);
        Assert.Equal(2, (await BodyOf(put)).GetProperty("version").GetInt32());
        Assert.Equal(["Rioting in Almaty", "New"], versions.GetProperty("items").EnumerateArray()
            .Select(v => v.GetProperty("content").GetProperty("title").GetString()));
    }

    [Fact]
    public async Task A_put_with_an_invalid_body_is_a_400_and_writes_nothing()
    {
        var id = await CreateEventIdAsync();
        var get = await Client.GetAsync($"/api/v1/events/{id}");

        var response = await Client.SendAsync(Put(id, Body(b => Location(b)["latitude"] = 91), get.Headers.ETag!.Tag));
        var current = await GetOkAsync($"/api/v1/events/{id}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(1, current.GetProperty("version").GetInt32());
    }

    [Theory]
    [InlineData("not-a-guid")]
    [InlineData("0195f0a4-0000-7000-8000-000000000000")]
    public async Task An_unknown_or_malformed_id_is_a_404_problem(string id)
    {
        var get = await Client.GetAsync($"/api/v1/events/{id}");
        var versions = await Client.GetAsync($"/api/v1/events/{id}/versions");
        var delete = await Client.DeleteAsync($"/api/v1/events/{id}?reason=x");

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, versions.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Equal("application/problem+json", get.Content.Headers.ContentType!.MediaType);
    }

    private static HttpRequestMessage Put(string id, JsonObject body, string etag)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, $"/api/v1/events/{id}") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", etag);
        return request;
    }
}
