using System.Net;
using System.Text.Json.Nodes;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Events;

public sealed class ValidatingAnEvent(ApiFactory api) : EventTest(api)
{
    public static TheoryData<string, string> Rules => new()
    {
        { "latitude-high", "location.latitude" },
        { "latitude-low", "location.latitude" },
        { "longitude-high", "location.longitude" },
        { "longitude-low", "location.longitude" },
        { "latitude-alone", "location.longitude" },
        { "longitude-alone", "location.latitude" },
        { "country-unknown", "location.country" },
        { "country-lowercase", "location.country" },
        { "country-missing", "location.country" },
        { "precision-missing", "location.precision" },
        { "location-missing", "location" },
        { "end-before-start", "endDate" },
        { "type-missing", "type" },
        { "type-unknown", "type" },
        { "title-missing", "title" },
        { "date-missing", "date" },
        { "incident-missing", "incidentId" },
        { "incident-unknown", "incidentId" },
        { "ref-system-missing", "externalRefs[0].system" },
    };

    [Theory]
    [MemberData(nameof(Rules))]
    public async Task A_broken_rule_is_a_400_keyed_by_the_json_path(string rule, string path)
    {
        var response = await PostEventAsync(Body(b => Break(b, rule)));
        var problem = await BodyOf(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(path, out _), $"{rule}: {problem}");
    }

    [Fact]
    public async Task An_unknown_source_is_reported_at_its_index()
    {
        var known = (await CreateSourceAsync()).GetProperty("id").GetString();

        var response = await PostEventAsync(Body(b => b["sourceIds"] = new JsonArray(known, Guid.NewGuid().ToString())));
        var errors = (await BodyOf(response)).GetProperty("errors");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(errors.TryGetProperty("sourceIds[1]", out _));
        Assert.False(errors.TryGetProperty("sourceIds[0]", out _));
    }

    [Fact]
    public async Task Edges_of_the_ranges_and_an_end_date_equal_to_the_date_are_valid()
    {
        var response = await PostEventAsync(Body(b =>
        {
            Location(b)["latitude"] = -90;
            Location(b)["longitude"] = 180;
            b["endDate"] = "2022-01-05";
        }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task An_event_without_coordinates_is_valid()
    {
        var response = await PostEventAsync(Body(b =>
        {
            Location(b).Remove("latitude");
            Location(b).Remove("longitude");
            Location(b)["precision"] = "country";
        }));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    private static void Break(JsonObject b, string rule)
    {
        var location = Location(b);
        switch (rule)
        {
            case "latitude-high": location["latitude"] = 90.0001; break;
            case "latitude-low": location["latitude"] = -91; break;
            case "longitude-high": location["longitude"] = 180.5; break;
            case "longitude-low": location["longitude"] = -181; break;
            case "latitude-alone": location.Remove("longitude"); break;
            case "longitude-alone": location.Remove("latitude"); break;
            case "country-unknown": location["country"] = "XX"; break;
            case "country-lowercase": location["country"] = "kz"; break;
            case "country-missing": location.Remove("country"); break;
            case "precision-missing": location.Remove("precision"); break;
            case "location-missing": b.Remove("location"); break;
            case "end-before-start": b["endDate"] = "2022-01-04"; break;
            case "type-missing": b.Remove("type"); break;
            case "type-unknown": b["type"] = "riot"; break;
            case "title-missing": b["title"] = " "; break;
            case "date-missing": b.Remove("date"); break;
            case "incident-missing": b.Remove("incidentId"); break;
            case "incident-unknown": b["incidentId"] = Guid.NewGuid().ToString(); break;
            case "ref-system-missing": b["externalRefs"] = new JsonArray(new JsonObject { ["id"] = "KAZ1" }); break;
            default: throw new ArgumentOutOfRangeException(nameof(rule));
        }
    }
}
