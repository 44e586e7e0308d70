using System.Text.Json;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Statements;

/// <summary>Claims about single events: events of the test's incident and statements that name one.</summary>
public abstract class EventClaimsTest(ApiFactory api) : ClaimsTest(api)
{
    protected async Task<Guid> CreateEventAsync(string date = "2022-01-05", Guid? incidentId = null, string title = "Rioting in Almaty") =>
        (await PostOkAsync("/api/v1/events", new
        {
            incidentId = incidentId ?? IncidentId,
            date,
            type = "riots",
            title,
            location = new { country = "KZ", place = "Almaty", precision = "admin1" },
        })).GetProperty("id").GetGuid();

    protected Dictionary<string, object?> EventStatement(Guid eventId, string statedAt, Guid? sourceId = null, params Dictionary<string, object?>[] figures)
    {
        var body = Statement(statedAt, figures);
        body["eventId"] = eventId;
        body["sourceId"] = sourceId ?? SourceId;
        return body;
    }

    protected Task<JsonElement> StateOnEventAsync(Guid eventId, string statedAt, Guid? sourceId = null, params Dictionary<string, object?>[] figures) =>
        PostOkAsync("/api/v1/statements", EventStatement(eventId, statedAt, sourceId, figures));

    protected Task<JsonElement> StateByAsync(Guid sourceId, string statedAt, params Dictionary<string, object?>[] figures)
    {
        var body = Statement(statedAt, figures);
        body["sourceId"] = sourceId;
        return PostOkAsync("/api/v1/statements", body);
    }

    protected static Dictionary<string, object?> RangeFigure(decimal low, decimal high, decimal? value = null, string? subject = null)
    {
        var figure = Figure(value, qualifier: "range");
        figure["low"] = low;
        figure["high"] = high;
        figure["subject"] = subject;
        return figure;
    }

    protected static Dictionary<string, object?> Subject(Dictionary<string, object?> figure, string subject)
    {
        figure["subject"] = subject;
        return figure;
    }

    protected async Task<Guid> CreateSourceIdAsync(string name, string kind = "ngo") => (await CreateSourceAsync(name, kind)).GetProperty("id").GetGuid();
}
