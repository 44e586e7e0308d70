using System.Globalization;
using UnrestTracker.Api.Features.Events;
using UnrestTracker.Api.Features.Imports.Countries;
using UnrestTracker.Api.Features.Sources;
using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Imports;

/// <summary>
/// UCDP's Georeferenced Event Dataset, layouts 19.1 and 23.1+ (columns are read by name, so their order
/// and the optional ones do not matter). Rules: docs/imports.md; codes: the GED codebook.
/// </summary>
public sealed class UcdpLayout : IDatasetLayout
{
    public const string Name = "ucdp";

    private static readonly string[] Columns =
    [
        "id", "type_of_violence", "conflict_new_id", "conflict_name", "dyad_name", "side_a", "side_b", "source_office",
        "source_headline", "where_prec", "where_coordinates", "adm_1", "adm_2", "latitude", "longitude", "country", "country_id",
        "date_prec", "date_start", "date_end", "deaths_a", "deaths_b", "deaths_civilians", "deaths_unknown", "best", "low", "high",
    ];

    private static readonly (string Column, string Subject)[] SideCounts =
        [("deaths_a", "side_a"), ("deaths_b", "side_b"), ("deaths_civilians", "civilians"), ("deaths_unknown", "unknown")];

    public string Dataset => Name;
    public string System => "ucdp";
    public string SourceName => "UCDP";
    public string SourceUrl => "https://ucdp.uu.se";
    public SourceKind SourceKind => SourceKind.Other;

    public void Check(ImportFile file) => file.Require("a UCDP GED file", Columns);

    public (ImportRow?, string?) Read(ImportFile f)
    {
        if (Fields.Integer(f["id"]) is not { } id)
        {
            return (null, $"id {Fields.Quoted(f["id"])} is not a number");
        }
        // The incident's slug is ucdp-conflict-{conflict_new_id}: without a number there is no valid slug to put the event in.
        if (Fields.Integer(f["conflict_new_id"]) is not { } conflict || conflict < 0)
        {
            return (null, $"conflict_new_id {Fields.Quoted(f["conflict_new_id"])} is not a number");
        }
        var (type, subType) = Fields.Integer(f["type_of_violence"]) switch
        {
            1 => (EventType.Battles, "state-based"),
            2 => (EventType.Battles, "non-state"),
            3 => (EventType.ViolenceAgainstCivilians, "one-sided"),
            _ => (default(EventType?), ""),
        };
        if (type is null)
        {
            return (null, $"type_of_violence {Fields.Quoted(f["type_of_violence"])} is not 1, 2 or 3");
        }
        if (Fields.Date(f["date_start"]) is not { } date)
        {
            return (null, $"date_start {Fields.Quoted(f["date_start"])} is not a date");
        }
        var end = f["date_end"] is null ? date : Fields.Date(f["date_end"]);
        if (end is null)
        {
            return (null, $"date_end {Fields.Quoted(f["date_end"])} is not a date");
        }
        var (lat, lon) = (Fields.Number(f["latitude"]), Fields.Number(f["longitude"]));
        if (Fields.Integer(f["country_id"]) is not { } gw || CountryCodes.ForUcdp((int)Math.Clamp(gw, -1, 10_000), lat, lon) is not { } country)
        {
            return (null, $"country_id {Fields.Quoted(f["country_id"])} ({Fields.Quoted(f["country"])}) maps to no present-day country at these coordinates");
        }
        var counts = new Dictionary<string, long>();
        foreach (var column in new[] { "best", "low", "high" }.Concat(SideCounts.Select(s => s.Column)))
        {
            if (Fields.Integer(f[column]) is not { } n || n < 0)
            {
                return (null, $"{column} {Fields.Quoted(f[column])} is not a count");
            }
            counts[column] = n;
        }
        var (best, low, high) = (counts["best"], counts["low"], counts["high"]);
        var notes = new List<string>();
        string? quote = null;
        if (best < low || best > high)
        {
            notes.Add($"best {best} outside low-high {low}-{high}: range widened");
            quote = $"UCDP GED row: best {best}, low {low}, high {high}";
            (low, high) = (Math.Min(low, best), Math.Max(high, best));
        }
        var asOf = ImportRow.EndOfDay(end.Value);
        var dyad = f["dyad_name"] ?? f["conflict_name"] ?? "";
        var row = new ImportRow
        {
            Row = f.Row,
            Ref = new ExternalRef(System, id.ToString(CultureInfo.InvariantCulture)),
            Event = new EventRequest
            {
                Date = date,
                EndDate = end == date ? null : end,
                DatePrecision = f["date_prec"] switch { "2" or "3" => DatePrecision.Week, "4" => DatePrecision.Month, "5" => DatePrecision.Year, _ => DatePrecision.Day },
                Type = type,
                SubType = subType,
                Title = Fields.Fit($"{subType} violence: {dyad}", TextLimits.Title, "title", notes),
                Description = Fields.Fit(f["where_description"], TextLimits.Prose, "where_description", notes),
                Location = new LocationRequest
                {
                    Country = country,
                    Admin1 = Fields.Fit(f["adm_1"], TextLimits.Label, "adm_1", notes),
                    Admin2 = Fields.Fit(f["adm_2"], TextLimits.Label, "adm_2", notes),
                    Place = Fields.Fit(f["where_coordinates"], TextLimits.Label, "where_coordinates", notes),
                    Latitude = lat,
                    Longitude = lon,
                    Precision = f["where_prec"] switch
                    {
                        "1" => LocationPrecision.Exact,
                        "2" => LocationPrecision.Near,
                        "3" => LocationPrecision.Admin2,
                        "4" => LocationPrecision.Admin1,
                        _ => LocationPrecision.Country,
                    },
                },
                Actors = new[] { f["side_a"], f["side_b"] }.OfType<string>().Select(a => Fields.Fit(a, TextLimits.Label, "side", notes)!).Distinct().ToArray(),
                ExternalRefs = [new ExternalRefRequest { System = System, Id = id.ToString(CultureInfo.InvariantCulture) }],
            },
            IncidentSlug = $"ucdp-conflict-{conflict}",
            IncidentTitle = Fields.Fit(f["conflict_name"] ?? $"UCDP conflict {conflict}", TextLimits.Title, "conflict_name", notes)!,
            Figures =
            [
                new FigureRequest { Metric = Metric.Killed, Qualifier = Qualifier.Range, Value = best, Low = low, High = high, Unit = "people", AsOf = asOf },
                .. SideCounts.Select(s => new FigureRequest
                {
                    Metric = Metric.Killed, Subject = s.Subject, Qualifier = Qualifier.Exact, Value = counts[s.Column], Unit = "people", AsOf = asOf,
                }),
            ],
            Summary = Fields.Fit(f["source_headline"], TextLimits.Prose, "source_headline", notes) ?? $"UCDP GED event {id}: {best} killed ({counts["low"]}-{counts["high"]})",
            Publisher = Fields.Fit(f["source_office"], TextLimits.Name, "source_office", notes),
            Quote = quote,
        };
        row.Adjustments.AddRange(notes);
        return (row, null);
    }
}
