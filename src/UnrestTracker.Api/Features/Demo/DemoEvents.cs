using UnrestTracker.Api.Features.Events;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Features.Demo;

/// <summary>What happened where in the demo (docs/demo.md), recorded as the endpoint records them.</summary>
internal static class DemoEvents
{
    public static List<EventVersion> Record(UnrestDb db, WriteBatch batch, Guid incidentId, IReadOnlyDictionary<string, Guid> sources) =>
        Requests(incidentId, sources).Select(e => CreateEvent.Record(db, batch, Checked(e))).ToList();

    /// <summary>The demo's events as request bodies (also Swagger UI's example of an event).</summary>
    public static IEnumerable<EventRequest> Requests(Guid incidentId, IReadOnlyDictionary<string, Guid> sources)
    {
        EventRequest[] all =
        [
            new()
            {
                Date = new DateOnly(2022, 1, 2), Type = EventType.Protests, SubType = "Peaceful protest",
                Title = "Protests over the gas price rise begin in Zhanaozen",
                Description = "Residents of the oil town gather to object to the doubling of the price of liquefied gas used as car fuel.",
                Location = Place("Mangystau", "Zhanaozen", 43.34, 52.86),
                Actors = ["Protesters (Kazakhstan)"], Tags = ["fuel-prices"], SourceIds = [sources["reuters"]],
            },
            new()
            {
                Date = new DateOnly(2022, 1, 5), Type = EventType.Riots, SubType = "Violent demonstration",
                Title = "Crowds seize the city administration and the airport in Almaty",
                Description = "Rioters take over the mayor's office and the airport; several buildings are set alight.",
                Location = Place("Almaty", "Almaty", 43.2389, 76.8897),
                Actors = ["Rioters (Kazakhstan)", "Police Forces of Kazakhstan"], Tags = ["arson"], SourceIds = [sources["reuters"]],
            },
            new()
            {
                Date = new DateOnly(2022, 1, 5), Type = EventType.StrategicDevelopments, SubType = "Change to group/activity",
                Title = "State of emergency declared; the government resigns; CSTO assistance requested",
                Description = "The president accepts the cabinet's resignation, imposes a state of emergency and asks the CSTO for help.",
                Location = Place("Nur-Sultan", "Nur-Sultan", 51.1694, 71.4491),
                Actors = ["Government of Kazakhstan"], Tags = ["state-of-emergency", "csto"], SourceIds = [sources["president"]],
            },
            new()
            {
                Date = new DateOnly(2022, 1, 6), Type = EventType.StrategicDevelopments, SubType = "Non-violent transfer of territory",
                Title = "First CSTO troops arrive to guard strategic sites",
                Description = "Contingents of the Collective Security Treaty Organisation begin landing to protect key facilities.",
                Location = Place("Almaty", "Almaty", 43.2389, 76.8897),
                Actors = ["CSTO peacekeeping forces"], Tags = ["csto"], SourceIds = [sources["csto"], sources["trt"]],
            },
            new()
            {
                Date = new DateOnly(2022, 1, 10), Type = EventType.StrategicDevelopments, SubType = "Other",
                Title = "A national day of mourning for the victims",
                Description = "Flags fly at half mast across the country in memory of those who died during the unrest.",
                Location = new LocationRequest { Country = "KZ", Precision = LocationPrecision.Country },
                Actors = ["Government of Kazakhstan"], Tags = ["mourning"], SourceIds = [sources["trt"]],
            },
        ];
        return all.Select(e => e with { IncidentId = incidentId });
    }

    private static LocationRequest Place(string admin1, string place, double latitude, double longitude) =>
        new() { Country = "KZ", Admin1 = admin1, Place = place, Latitude = latitude, Longitude = longitude, Precision = LocationPrecision.Exact };

    private static EventRequest Checked(EventRequest request) =>
        request.Validate().IsValid ? request : throw new InvalidOperationException($"Demo event '{request.Title}' is invalid.");
}
