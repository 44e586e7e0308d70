using System.Globalization;
using System.Reflection;
using System.Text;
using System.Xml;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Incidents;
using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.History;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Problems;
using UnrestTracker.Api.Infrastructure.Swagger;

namespace UnrestTracker.Api.Features.Feeds;

/// <summary>
/// <c>GET /incidents/{incident}/feed</c>: an Atom feed (RFC 4287) of the incident's 50 most recently recorded statements
/// and retractions, newest <c>updated</c> first. A statement's entry shows its version current at the moment asked
/// (withdrawn ones too, the withdrawal in the summary); a retraction has an entry of its own.
/// </summary>
public static class IncidentFeed
{
    public const string MediaType = "application/atom+xml";
    private const int Size = 50;
    private const string Tag = "tag:unresttracker,2022:";

    private sealed record Entry(string Id, string Title, string Link, DateTimeOffset Published, DateTimeOffset Updated, string Author, string Summary);

    public static async Task<Results<FileContentHttpResult, ProblemResult>> Handle(string incident, FeedLevel feed, Recorded recorded, HttpContext http, UnrestDb db, CancellationToken ct)
    {
        var (level, time) = (feed.Level, recorded.Time);
        if (await db.FindAsync(incident, time.RecordedAt, ct) is not { } found)
        {
            return Problems.NotFound("incident", incident);
        }
        var entries = await EntriesAsync(new ClaimView(db, time), found.Id, level, http.Request, ct);
        var xml = Write(found, entries, http.Request);
        return TypedResults.Bytes(xml, $"{MediaType}; charset=utf-8");
    }

    private static async Task<List<Entry>> EntriesAsync(ClaimView view, Guid incidentId, string? level, HttpRequest request, CancellationToken ct)
    {
        var statements = view.StatementsIncludingWithdrawn().Where(s => s.IncidentId == incidentId);
        statements = level switch
        {
            "incident" => statements.Where(s => s.EventId == null),
            "event" => statements.Where(s => s.EventId != null),
            _ => statements,
        };
        var recent = await statements.OrderByDescending(s => s.RecordedAt).ThenByDescending(s => s.Id).Take(Size).ToListAsync(ct);
        var retractions = await view.Retractions().Where(r => statements.Any(s => s.Id == r.StatementId))
            .OrderByDescending(r => r.RecordedAt).ThenByDescending(r => r.StatementId).Take(Size).ToListAsync(ct);
        var missing = retractions.Select(r => r.StatementId).Except(recent.Select(s => s.Id)).ToList();
        var retracted = await statements.Where(s => missing.Contains(s.Id)).ToListAsync(ct);
        var shown = (await view.RenderAsync([.. recent, .. retracted], ct)).ToDictionary(s => s.Id);

        // Published: the statement's first recording (every version keeps it as CreatedAt); updated: the shown version's.
        var entries = recent.Select(v => (v.CreatedAt, Shown: shown[v.Id])).Select(x => new Entry($"{Tag}statement:{x.Shown.Id}", AtomText.Title(x.Shown),
            Link(request, x.Shown.Id), x.CreatedAt, x.Shown.RecordedAt, x.Shown.Source?.Name ?? "Unknown source", AtomText.StatementSummary(x.Shown)));
        var retractionEntries = retractions.Select(r => shown[r.StatementId]).Select(s => new Entry($"{Tag}retraction:{s.Id}",
            $"Retracted: {AtomText.Title(s)}", Link(request, s.Id), s.Retraction!.RecordedAt, s.Retraction.RecordedAt,
            s.Retraction.BySource?.Name ?? s.Source?.Name ?? "Unknown source", AtomText.RetractionSummary(s, s.Retraction)));
        return entries.Concat(retractionEntries).OrderByDescending(e => e.Updated).ThenByDescending(e => e.Id, StringComparer.Ordinal).Take(Size).ToList();
    }

    /// <summary>A link as every link the API writes starts (<see cref="PublicBaseUrl"/>): never from an unvouched Host header.</summary>
    private static string Url(HttpRequest request, string path) =>
        request.HttpContext.RequestServices.GetRequiredService<PublicBaseUrl>().Link(request.HttpContext, path, QueryString.Empty);

    private static string Link(HttpRequest request, Guid statementId) => Url(request, $"{ApiPath.V1}/statements/{statementId}");

    private static byte[] Write(IncidentVersion incident, List<Entry> entries, HttpRequest request)
    {
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            xml.WriteStartElement("feed", "http://www.w3.org/2005/Atom");
            xml.WriteElementString("id", $"{Tag}incident:{incident.Id}");
            xml.WriteElementString("title", AtomText.Xml(incident.Title));
            xml.WriteElementString("updated", Time(entries.Count > 0 ? entries[0].Updated : incident.RecordedAt));
            WriteLink(xml, "self", Url(request, $"{ApiPath.V1}/incidents/{incident.Slug}/feed") + request.QueryString, MediaType);
            WriteLink(xml, "alternate", Url(request, $"{ApiPath.V1}/incidents/{incident.Id}"), "application/json");
            xml.WriteStartElement("author");
            xml.WriteElementString("name", "UnrestTracker");
            xml.WriteEndElement();
            foreach (var entry in entries)
            {
                xml.WriteStartElement("entry");
                xml.WriteElementString("id", entry.Id);
                xml.WriteElementString("title", AtomText.Xml(entry.Title));
                WriteLink(xml, "alternate", entry.Link, "application/json");
                xml.WriteElementString("published", Time(entry.Published));
                xml.WriteElementString("updated", Time(entry.Updated));
                xml.WriteStartElement("author");
                xml.WriteElementString("name", AtomText.Xml(entry.Author));
                xml.WriteEndElement();
                xml.WriteElementString("summary", AtomText.Xml(entry.Summary));
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
        }
        return buffer.ToArray();
    }

    private static void WriteLink(XmlWriter xml, string rel, string href, string type)
    {
        xml.WriteStartElement("link");
        xml.WriteAttributeString("rel", rel);
        xml.WriteAttributeString("type", type);
        xml.WriteAttributeString("href", href);
        xml.WriteEndElement();
    }

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    public static RouteGroupBuilder MapFeedEndpoints(this RouteGroupBuilder incidents)
    {
        incidents.MapGet("/{incident}/feed", Handle).WithHistoryETag().WithTags("Incidents").WithName("IncidentFeed")
            .WithSummary("Atom feed of the incident's 50 most recently recorded statements and retractions, newest first")
            .Produces<string>(StatusCodes.Status200OK, MediaType);
        return incidents;
    }
}

/// <summary>Which statements a feed carries: incident-wide ones, event-level ones, or (null) both.</summary>
public sealed record FeedLevel(string? Level) : IQueryParameters<FeedLevel>
{
    public static IEnumerable<QueryParameter> Declared(ParameterInfo parameter) =>
        [new("level", "incident: incident-wide statements only (they name no event); event: event-level ones only.", ["incident", "event"])];

    public static FeedLevel Read(QueryReader query, ParameterInfo parameter)
    {
        var level = query.Text("level");
        if (level is not null and not "incident" and not "event")
        {
            query.Errors.Add("level", "Must be one of: incident, event.");
        }
        return new(level);
    }
}
