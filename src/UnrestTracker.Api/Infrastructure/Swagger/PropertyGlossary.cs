using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace UnrestTracker.Api.Infrastructure.Swagger;

/// <summary>
/// One description per wire name (docs/api.md, "Resources"), given to every property that its type's XML comments leave
/// undescribed: a field means the same wherever it appears. <c>Type.name</c> entries say what a name means in one type.
/// </summary>
internal sealed class PropertyGlossary : ISchemaFilter
{
    private static readonly Dictionary<string, string> ByType = new()
    {
        ["ExternalRef.id"] = "The record's id in that dataset, e.g. KAZ2811.",
        ["ExternalRefDto.id"] = "The record's id in that dataset, e.g. KAZ2811.",
        ["ExternalRefRequest.id"] = "The record's id in that dataset, e.g. KAZ2811.",
        ["ExternalRef.url"] = "A link to the record in that dataset, if any.",
        ["ExternalRefDto.url"] = "A link to the record in that dataset, if any.",
        ["ExternalRefRequest.url"] = "A link to the record in that dataset, if any.",
        ["ChangeResponse.id"] = "The id of the entity written.",
        ["ChangeResponse.at"] = "When the write committed (UTC).",
        ["DeletedResponse.at"] = "When it was deleted (UTC, this database's clock).",
        ["DeletedResponse.reason"] = "Why it was deleted.",
        ["RowNote.reason"] = "Why the row was rejected or adjusted.",
        ["FigureRange.low"] = "The lowest count among the current figures of all sources.",
        ["FigureRange.high"] = "The highest count among the current figures of all sources.",
        ["EventSum.value"] = "The sum of this source's latest count of each event (null where a count is a range only).",
        ["EventSum.low"] = "The sum of the low ends (a range's low, else its value).",
        ["EventSum.high"] = "The sum of the high ends (a range's high, else its value).",
        ["ImportOptionsInfo.from"] = "Only events starting on or after this date were kept.",
        ["ImportOptionsInfo.to"] = "Only events starting on or before this date were kept.",
        ["ImportOptionsInfo.country"] = "Only rows of this country were kept.",
        ["ImportOptionsInfo.incident"] = "The incident new events went to, if one was named.",
        ["ImportFileInfo.name"] = "The file's name as sent (Content-Disposition), or \"request body\".",
        ["ProblemDetails.type"] = "A URI that identifies the kind of problem.",
        ["ProblemDetails.title"] = "A short summary of the problem.",
        ["ProblemDetails.status"] = "The HTTP status code.",
        ["ProblemDetails.detail"] = "What happened, in this instance.",
        ["ProblemDetails.instance"] = "The request path.",
        ["WebhookRequest.url"] = "Where to POST each change: http or https, at most 2,000 characters, resolving only to global unicast addresses.",
        ["WebhookRequest.entities"] = "Only changes of these entities (incident, source, event, statement, retraction); all when absent.",
        ["WebhookRequest.incident"] = "Only changes of this incident (id or slug) and of its events, statements and retractions.",
        ["WebhookRequest.secret"] = "whsec_ and the base64 of 24 to 64 random bytes; generated (32 bytes) when absent.",
        ["WebhookResponse.url"] = "Where each change is POSTed.",
        ["WebhookResponse.entities"] = "Only changes of these entities; null for all.",
        ["WebhookResponse.createdBy"] = "The name of the API key that created it.",
        ["WebhookResponse.position"] = "The seq of the last change delivered or passed over (not matching the filters); the next delivery comes after it.",
        ["WebhookResponse.failingSince"] = "When the delivery now pending first failed; null while deliveries succeed.",
        ["WebhookResponse.disabled"] = "Set when it was disabled after failing for Webhooks:DisableAfterHours; POST enable resumes it.",
        ["WebhookResponse.secret"] = "The signing secret (Standard Webhooks): only in the answer that created the webhook.",
        ["DisabledResponse.at"] = "When it was disabled (UTC).",
        ["DisabledResponse.reason"] = "Why: how long it failed, and the last attempt's failure.",
        ["DeliveryResponse.seq"] = "The change delivered (its seq).",
        ["DeliveryResponse.attempt"] = "Which attempt at delivering this change (1 for the first).",
        ["DeliveryResponse.at"] = "When the attempt was sent (UTC).",
        ["DeliveryResponse.status"] = "The receiver's HTTP status; null when none came.",
        ["DeliveryResponse.error"] = "Why the attempt failed (with the first bytes of the answer); null when delivered.",
        ["DeliveryResponse.durationMs"] = "How long the attempt took, in milliseconds.",
        ["SourceBrief.name"] = "The source's name.",
        ["SourceRequest.name"] = "The source's name, e.g. Ministry of Health of Kazakhstan.",
        ["SourceResponse.name"] = "The source's name, e.g. Ministry of Health of Kazakhstan.",
        ["TimelineItem.at"] = "When it happened: an event's date (00:00Z), a statement's statedAt, a retraction's retractedAt.",
        ["TimelineItem.id"] = "The event's or statement's id; for a retraction, the statement it withdrew.",
        ["CitationResponse.snapshot"] = "The snapshot link of what the URL answered: the same request pinned with recordedAsOf, to fetch it again.",
        ["CitationResponse.recordedAt"] = "The moment the cited answer is pinned to (its recordedAsOf).",
        ["CitationResponse.retrievedAt"] = "When the citation was asked for.",
        ["CitationResponse.title"] = "What was cited, e.g. a series by metric, incident, value and source.",
        ["CitationResponse.text"] = "The citation as plain text.",
        ["CitationResponse.bibtex"] = "The citation as a BibTeX @misc entry.",
    };

    private static readonly Dictionary<string, string> ByName = new()
    {
        ["id"] = "Its id (a UUID).",
        ["incidentId"] = "The incident's id.",
        ["eventId"] = "The event the claim is about, if it names one (a statement's; its figures share it).",
        ["sourceId"] = "The source's id: who said it.",
        ["statementId"] = "The id of the statement the figure belongs to.",
        ["parentId"] = "The body the source belongs to, if any (a source's id).",
        ["sourceIds"] = "Ids of the sources that report the event.",
        ["bySourceId"] = "The source that retracted it, if named.",
        ["byStatementId"] = "The statement in which the source retracted it, if there is one.",
        ["supersedes"] = "An earlier figure this one replaces explicitly, across sources or scopes.",
        ["version"] = "The version number, from 1; each PUT adds one.",
        ["createdAt"] = "When version 1 was recorded (UTC, this database's clock).",
        ["updatedAt"] = "When this version was recorded (UTC, this database's clock).",
        ["recordedAt"] = "When it entered this database (UTC, this database's clock).",
        ["recordedBy"] = "The name of the API key that wrote it.",
        ["statedAt"] = "When the source said or published it (UTC, the source's clock).",
        ["asOf"] = "The moment the count refers to (UTC; defaults to the statement's statedAt).",
        ["retractedAt"] = "When the source retracted it (UTC, the source's clock; not before statedAt).",
        ["at"] = "When (UTC).",
        ["by"] = "The name of the API key that did it.",
        ["reason"] = "Why.",
        ["items"] = "This page's items, in the list's order.",
        ["nextCursor"] = "Pass as cursor to get the next page; null on the last page.",
        ["slug"] = "A readable unique id: ^[a-z0-9]+(-[a-z0-9]+)*$, at most 80 characters; derived from the title when absent on POST.",
        ["title"] = "A short title.",
        ["summary"] = "What it is about, in a few sentences.",
        ["description"] = "A longer account, if any.",
        ["countries"] = "ISO 3166-1 alpha-2 codes of the countries involved.",
        ["country"] = "ISO 3166-1 alpha-2 code, e.g. KZ.",
        ["admin1"] = "First-level administrative division (region, oblast), if known.",
        ["admin2"] = "Second-level administrative division (district), if known.",
        ["place"] = "City, town or site, if known.",
        ["latitude"] = "Degrees north (WGS 84); present together with longitude, or both null.",
        ["longitude"] = "Degrees east (WGS 84); present together with latitude, or both null.",
        ["startDate"] = "The first day.",
        ["endDate"] = "The last day, if it is over or spans days; null otherwise.",
        ["date"] = "The day it happened (the first day, for a span).",
        ["tags"] = "Free labels, each at most 50 characters.",
        ["actors"] = "Who took part, as named by the sources.",
        ["subType"] = "A finer type, free text (ACLED's sub-event types import verbatim).",
        ["externalRefs"] = "The record's ids in other datasets.",
        ["url"] = "A link to where it was said or published.",
        ["archiveUrl"] = "A copy of the page at url kept elsewhere, e.g. in a web archive (http or https), for evidence that may vanish from the web.",
        ["archivedAt"] = "When that copy was made; only with archiveUrl.",
        ["publisher"] = "Who published it, when not the source itself (a newspaper quoting a ministry).",
        ["quote"] = "The source's words, verbatim.",
        ["language"] = "The language of the quote (ISO 639-1, e.g. ru).",
        ["figures"] = "The numbers claimed in it.",
        ["subject"] = "Who is counted within the metric, a lowercase key such as children; null means everyone.",
        ["value"] = "The number (a range's best estimate, if given).",
        ["low"] = "A range's low end; null unless the qualifier is range.",
        ["high"] = "A range's high end; null unless the qualifier is range.",
        ["unit"] = "people for counts of people; an ISO 4217 code for economic_loss; a lowercase plural noun (buildings) otherwise.",
        ["perSource"] = "Each source's latest standing figure in the series.",
        ["revisionCount"] = "How many figures the series holds, all sources, superseded and retracted ones included.",
        ["eventSums"] = "Per source, the sum of its latest counts of each event of the incident (event-level figures).",
        ["events"] = "How many events the sum covers.",
        ["change"] = "This value minus the previous non-retracted value of the series (null for the first, or a range).",
        ["seq"] = "The write's position in commit order; poll with after= the last one seen.",
        ["entity"] = "What was written: incident, source, event or statement.",
        ["op"] = "What the write did: created, updated, deleted or retracted.",
        ["system"] = "The other dataset, e.g. acled, ucdp.",
        ["key"] = "system:id, as the externalRef filter takes it.",
        ["dataset"] = "What was imported: acled, ucdp or acled-deletions.",
        ["released"] = "When this release of the dataset was published.",
        ["startedAt"] = "When the import started (UTC).",
        ["finishedAt"] = "When it ended (UTC), finished or interrupted; null while it runs.",
        ["interrupted"] = "True when the import stopped before the end of its file (a failure, a record past the size bounds, or its process ended); its counts are what it had done.",
        ["rows"] = "Data rows read.",
        ["skipped"] = "Rows left out by the import's filters (country, from, to).",
        ["rejectedCount"] = "Rows refused as invalid.",
        ["rejected"] = "The first 1,000 rows refused, with why.",
        ["adjustedCount"] = "Rows imported with a value corrected.",
        ["adjusted"] = "The first 1,000 rows adjusted, with what was corrected.",
        ["eventsCreated"] = "Events recorded for the first time.",
        ["eventsUpdated"] = "Events that got a new version.",
        ["eventsUnchanged"] = "Events already recorded exactly so.",
        ["eventsDeleted"] = "Events tombstoned (a deletions list).",
        ["statementsCreated"] = "Statements recorded (one per event count).",
        ["statementsRetracted"] = "Statements retracted (counts of events deleted upstream).",
        ["row"] = "The row's number, counted from 1 (the header is row 0).",
        ["name"] = "Its name.",
        ["bytes"] = "The file's size in bytes.",
        ["sha256"] = "The file's SHA-256, hex.",
        ["incident"] = "An incident's slug.",
        ["from"] = "From this date.",
        ["to"] = "Up to this date.",
        ["status"] = "Its status at the moment asked about.",
        ["type"] = "Its type.",
        ["kind"] = "What kind of thing it is.",
        ["metric"] = "What is counted.",
        ["qualifier"] = "How the number is meant.",
    };

    public void Apply(IOpenApiSchema schema, SchemaFilterContext context)
    {
        if (schema is not OpenApiSchema { Properties: { Count: > 0 } properties })
        {
            return;
        }
        foreach (var (name, property) in properties)
        {
            if (property.Description is not null
                || !(ByType.TryGetValue($"{context.Type.Name}.{name}", out var text) || ByName.TryGetValue(name, out text)))
            {
                continue;
            }
            switch (property)
            {
                case OpenApiSchema inline: inline.Description = text; break;
                case OpenApiSchemaReference reference: reference.Description = text; break;
            }
        }
    }
}
