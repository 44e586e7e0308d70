using UnrestTracker.Api.Features.Incidents;

namespace UnrestTracker.Api.Features.Demo;

internal static class DemoIncident
{
    public static IncidentRequest Request { get; } = new()
    {
        Slug = DemoData.Slug,
        Title = "January 2022 unrest in Kazakhstan",
        Summary = "Demonstrations against a steep increase in the price of liquefied gas spread from Mangystau "
            + "across the country and escalated into rioting. The cabinet stepped down, a state of emergency was "
            + "imposed, and troops of the Collective Security Treaty Organisation were brought in.",
        Countries = ["KZ"],
        StartDate = new DateOnly(2022, 1, 2),
        EndDate = new DateOnly(2022, 1, 11),
        Tags = ["fuel-prices", "state-of-emergency", "csto"],
    };
}
