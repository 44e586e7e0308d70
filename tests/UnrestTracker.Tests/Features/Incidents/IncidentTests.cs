using System.Net;
using System.Net.Http.Json;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Incidents;

public sealed class RecordingAnIncident(ApiFactory api) : ApiTest(api)
{
    [Fact]
    public async Task Creating_returns_201_with_a_location_and_a_time_ordered_uuid()
    {
        var response = await Client.PostAsJsonAsync("/api/v1/incidents", new
        {
            title = "January 2022 unrest in Kazakhstan",
            summary = "Fuel-price protests.",
            countries = new[] { "KZ" },
            startDate = "2022-01-02",
        });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var body = await BodyOf(response);
        var id = Guid.Parse(body.GetProperty("id").GetString()!);
        Assert.Equal(7, id.Version);
        Assert.Equal($"/api/v1/incidents/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal("january-2022-unrest-in-kazakhstan", body.GetProperty("slug").GetString());
        Assert.Equal(1, body.GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task It_is_readable_by_id_and_by_slug()
    {
        var created = await CreateIncidentAsync(slug: "kazakhstan-2022-01");
        var id = created.GetProperty("id").GetString();

        var byId = await GetOkAsync($"/api/v1/incidents/{id}");
        var bySlug = await GetOkAsync("/api/v1/incidents/kazakhstan-2022-01");

        Assert.Equal(id, bySlug.GetProperty("id").GetString());
        Assert.Equal("kazakhstan-2022-01", byId.GetProperty("slug").GetString());
    }

    [Fact]
    public async Task A_taken_slug_is_a_409_and_a_derived_one_gets_a_suffix()
    {
        await CreateIncidentAsync("Fuel protests", slug: "fuel-protests");

        var clash = await Client.PostAsJsonAsync("/api/v1/incidents", new { title = "Other", slug = "fuel-protests", summary = "s", startDate = "2022-01-02" });
        var derived = await CreateIncidentAsync("Fuel protests");

        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
        Assert.Equal("application/problem+json", clash.Content.Headers.ContentType!.MediaType);
        Assert.Equal("fuel-protests-2", derived.GetProperty("slug").GetString());
    }

    [Theory]
    [InlineData("Bad_Slug")]
    [InlineData("trailing-")]
    [InlineData("0190a1b2-0000-7000-8000-000000000000")]
    public async Task An_invalid_slug_is_a_400_naming_the_field(string slug)
    {
        var response = await Client.PostAsJsonAsync("/api/v1/incidents", new { title = "t", slug, summary = "s", startDate = "2022-01-02" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await BodyOf(response)).GetProperty("errors").TryGetProperty("slug", out _));
    }

    [Fact]
    public async Task An_end_before_the_start_and_a_bad_country_are_reported_together()
    {
        var response = await Client.PostAsJsonAsync("/api/v1/incidents", new
        {
            title = "t",
            summary = "s",
            countries = new[] { "KZ", "XX" },
            startDate = "2022-01-05",
            endDate = "2022-01-01",
        });

        var errors = (await BodyOf(response)).GetProperty("errors");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(errors.TryGetProperty("countries[1]", out _));
        Assert.True(errors.TryGetProperty("endDate", out _));
        Assert.Empty((await GetOkAsync("/api/v1/incidents")).GetProperty("items").EnumerateArray());
    }

    [Fact]
    public async Task Filters_compose_country_period_and_text()
    {
        await PostOkAsync("/api/v1/incidents", new { title = "Fuel protests in Kazakhstan", summary = "gas prices", countries = new[] { "KZ" }, startDate = "2022-01-02", endDate = "2022-01-11" });
        await PostOkAsync("/api/v1/incidents", new { title = "Pension protests", summary = "reform", countries = new[] { "FR" }, startDate = "2023-01-19" });

        var kz = await GetOkAsync("/api/v1/incidents?country=KZ&from=2022-01-10&to=2022-01-31&q=protest");
        var none = await GetOkAsync("/api/v1/incidents?country=KZ&from=2022-01-12");

        Assert.Equal("Fuel protests in Kazakhstan", Assert.Single(kz.GetProperty("items").EnumerateArray()).GetProperty("title").GetString());
        Assert.Empty(none.GetProperty("items").EnumerateArray());
    }
}
