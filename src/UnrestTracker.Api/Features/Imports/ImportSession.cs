using UnrestTracker.Api.Features.Events;
using UnrestTracker.Api.Features.Incidents;
using UnrestTracker.Api.Features.Statements;

namespace UnrestTracker.Api.Features.Imports;

/// <summary>What one import remembers between its batches: the dataset's source and the incidents it writes to.</summary>
public sealed class ImportSession(IDatasetLayout layout, ImportReport report, ImportOptions options)
{
    public IDatasetLayout Layout => layout;
    public ImportReport Report => report;
    public ImportOptions Options => options;
    public DateTimeOffset Released => options.Released!.Value;
    public Guid? SourceId { get; set; }
    public Dictionary<string, Guid> Incidents { get; } = new(StringComparer.Ordinal);

    /// <summary>The API's own rules for an event and a statement, so that an imported row is one a client could have written.</summary>
    public string? Check(ImportRow row)
    {
        var @event = (row.Event with { IncidentId = Guid.Empty }).Validate();
        if (!@event.IsValid)
        {
            return @event.ToString();
        }
        // The statement is stated at the row's timestamp (ACLED, when later than the event's last count) or at the release.
        var statement = Statement(row, Guid.Empty, Guid.Empty, Guid.Empty, row.Timestamp ?? Released).Validate();
        if (!statement.IsValid)
        {
            return statement.ToString();
        }
        var incident = Incident(row).Validate();
        return incident.IsValid ? null : $"incident {incident}";
    }

    /// <summary>The incident a row's event goes to when that incident does not exist yet.</summary>
    public IncidentRequest Incident(ImportRow row) => new()
    {
        Slug = options.Incident ?? row.IncidentSlug,
        Title = options.Incident is null ? row.IncidentTitle : $"{layout.SourceName} import: {options.Incident}",
        Summary = $"Created by an import of {layout.SourceName} data; its dates and countries widen as imports add events.",
        Countries = [row.Country],
        StartDate = row.Date,
        EndDate = row.Event.EndDate ?? row.Date,
        Tags = [IncidentWidening.Tag],
    };

    /// <summary>The statement of one row's counts by the dataset, naming its event, its row and this import.</summary>
    public StatementRequest Statement(ImportRow row, Guid incidentId, Guid eventId, Guid sourceId, DateTimeOffset statedAt) => new()
    {
        IncidentId = incidentId,
        EventId = eventId,
        SourceId = sourceId,
        StatedAt = statedAt,
        Publisher = row.Publisher,
        Quote = row.Quote,
        Summary = row.Summary,
        Figures = row.Figures,
        ExternalRefs = [new ExternalRefRequest { System = row.Ref.System, Id = row.Ref.Id }, new ExternalRefRequest { System = ImportRef, Id = $"{report.Id}/{row.Row}" }],
    };

    /// <summary>The external ref system of an imported statement's provenance: <c>{import report id}/{row}</c>.</summary>
    public const string ImportRef = "import";
}
