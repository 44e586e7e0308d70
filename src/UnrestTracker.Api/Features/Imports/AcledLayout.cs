using System.Globalization;
using UnrestTracker.Api.Features.Events;
using UnrestTracker.Api.Features.Imports.Countries;
using UnrestTracker.Api.Features.Incidents;
using UnrestTracker.Api.Features.Sources;
using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Imports;

/// <summary>
/// ACLED's standard export (the 31 columns of the API and the data export tool). Rules: docs/imports.md.
/// ACLED records the most conservative fatality count it found, hence <c>at_least</c>.
/// </summary>
public sealed class AcledLayout : IDatasetLayout
{
    public const string Name = "acled";

    private static readonly string[] Columns =
    [
        "event_id_cnty", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2",
        "assoc_actor_2", "iso", "country", "admin1", "admin2", "location", "latitude", "longitude", "geo_precision", "source",
        "notes", "fatalities", "timestamp",
    ];

    public string Dataset => Name;
    public string System => "acled";
    public string SourceName => "ACLED";
    public string SourceUrl => "https://acleddata.com";
    public SourceKind SourceKind => SourceKind.Ngo;

    public void Check(ImportFile file) => file.Require("an ACLED export", Columns);

    public (ImportRow?, string?) Read(ImportFile f)
    {
        if (f["event_id_cnty"] is not { } id)
        {
            return (null, "event_id_cnty is empty");
        }
        if (Fields.Date(f["event_date"]) is not { } date)
        {
            return (null, $"event_date {Fields.Quoted(f["event_date"])} is not a date");
        }
        if (!EnumText.TryParse<EventType>(TypeName(f["event_type"]), out var type))
        {
            return (null, $"event_type {Fields.Quoted(f["event_type"])} is not one of ACLED's six event types");
        }
        if (Fields.Integer(f["iso"]) is not { } iso || CountryCodes.FromIsoNumeric((int)Math.Clamp(iso, -1, 10_000)) is not { } country)
        {
            return (null, $"iso {Fields.Quoted(f["iso"])} is not an ISO 3166-1 numeric code");
        }
        if (Fields.Integer(f["fatalities"]) is not { } fatalities || fatalities < 0)
        {
            return (null, $"fatalities {Fields.Quoted(f["fatalities"])} is not a count");
        }
        var notes = new List<string>();
        var subType = f["sub_event_type"];
        var place = f["location"];
        var row = new ImportRow
        {
            Row = f.Row,
            Ref = new ExternalRef(System, id),
            Event = new EventRequest
            {
                Date = date,
                DatePrecision = f["time_precision"] switch { "2" => DatePrecision.Week, "3" => DatePrecision.Month, _ => DatePrecision.Day },
                Type = type,
                SubType = Fields.Fit(subType, TextLimits.Label, "sub_event_type", notes),
                Title = Fields.Fit($"{subType ?? f["event_type"]} in {place ?? f["country"] ?? country}", TextLimits.Title, "title", notes),
                Description = Fields.Fit(f["notes"], TextLimits.Prose, "notes", notes),
                Location = new LocationRequest
                {
                    Country = country,
                    Admin1 = Fields.Fit(f["admin1"], TextLimits.Label, "admin1", notes),
                    Admin2 = Fields.Fit(f["admin2"], TextLimits.Label, "admin2", notes),
                    Place = Fields.Fit(place, TextLimits.Label, "location", notes),
                    Latitude = Fields.Number(f["latitude"]),
                    Longitude = Fields.Number(f["longitude"]),
                    Precision = f["geo_precision"] switch { "2" => LocationPrecision.Near, "3" => LocationPrecision.Admin1, _ => LocationPrecision.Exact },
                },
                Actors = Actors(f, notes),
                ExternalRefs = [new ExternalRefRequest { System = System, Id = id }],
            },
            IncidentSlug = IncidentSlug(f["country"], country, date),
            IncidentTitle = Fields.Fit($"ACLED: {f["country"] ?? country}, {date.ToString("MMMM yyyy", CultureInfo.InvariantCulture)}", TextLimits.Title, "incident title", notes)!,
            Figures = [new FigureRequest { Metric = Metric.Killed, Qualifier = Qualifier.AtLeast, Value = fatalities, Unit = "people", AsOf = ImportRow.EndOfDay(date) }],
            Summary = $"ACLED: {fatalities} reported fatalities",
            Publisher = Fields.Fit(f["source"], TextLimits.Name, "source", notes),
            Timestamp = Fields.UnixSeconds(f["timestamp"]),
        };
        row.Adjustments.AddRange(notes);
        return (row, null);
    }

    /// <summary>
    /// acled-{country}-{yyyy-MM}, a valid slug whatever the country column holds: the name is cut to leave room for
    /// the month, and a name without a Latin letter or digit gives way to the ISO code.
    /// </summary>
    private static string IncidentSlug(string? name, string country, DateOnly date)
    {
        const int room = Slugs.MaxLength - 14;
        var slug = Slugs.FromTitle(name is not null && name.Any(char.IsAsciiLetterOrDigit) ? name : country);
        return $"acled-{(slug.Length > room ? slug[..room].TrimEnd('-') : slug)}-{date:yyyy-MM}";
    }

    /// <summary>"Explosions/Remote violence" becomes explosions_remote_violence.</summary>
    private static string? TypeName(string? text) =>
        text?.ToLowerInvariant().Replace('/', '_').Replace(' ', '_');

    private static string[] Actors(ImportFile f, List<string> notes)
    {
        var names = new List<string?> { f["actor1"], f["actor2"] };
        foreach (var column in new[] { "assoc_actor_1", "assoc_actor_2" })
        {
            names.AddRange((f[column] ?? "").Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        }
        return names.OfType<string>().Select(n => Fields.Fit(n, TextLimits.Label, "actor", notes)!).Distinct().ToArray();
    }
}
