using UnrestTracker.Api.Features.Sources;
using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Features.Stats;

/// <summary>
/// One key of a group: the value the JSON answer shows, the text and id it sorts by (text ordinally, no value or
/// <c>none</c> last), and the cells long CSV writes for it under <see cref="Headers"/>.
/// </summary>
public sealed record GroupPart(string Key, object? Value, string? Text, Guid? Id, IReadOnlyList<string> Headers, IReadOnlyList<string?> Cells)
{
    public const string None = "none";

    public bool Last => Text is null or None;

    /// <summary>The long CSV columns of a key: one, or id, name/slug and kind/title for a source or an incident.</summary>
    public static IReadOnlyList<string> HeadersOf(string key) => key switch
    {
        "source" => ["sourceId", "sourceName", "sourceKind"],
        "incident" => ["incidentId", "incidentSlug", "incidentTitle"],
        _ => [key],
    };

    /// <summary>A text key (type, subType, country, admin1, dataset): null when the event has none.</summary>
    public static GroupPart Of(string key, string? text) => new(key, text, text, null, HeadersOf(key), [text]);

    public static GroupPart Of<T>(string key, T? value) where T : struct, Enum => Of(key, value is { } v ? EnumText.Name(v) : null);

    public static GroupPart Of(SourceBrief source) =>
        new("source", source, source.Name, source.Id, HeadersOf("source"), [source.Id.ToString(), source.Name, EnumText.Name(source.Kind)]);

    public static GroupPart Of(IncidentBrief incident) =>
        new("incident", incident, incident.Slug, incident.Id, HeadersOf("incident"), [incident.Id.ToString(), incident.Slug, incident.Title]);
}

/// <summary>An incident as a group shows it.</summary>
public sealed record IncidentBrief(Guid Id, string Slug, string Title);

/// <summary>The keys of one group, in the order of the answer's group keys.</summary>
public sealed class StatGroup(IReadOnlyList<GroupPart> parts)
{
    public IReadOnlyList<GroupPart> Parts => parts;

    public string Identity { get; } = string.Join('\u001f', parts.Select(p => p.Id?.ToString() ?? p.Text ?? "\u0000"));

    public Dictionary<string, object?> Json() => parts.ToDictionary(p => p.Key, p => p.Value);

    /// <summary>By the keys in order: text ordinally with no value and <c>none</c> last, then by id (two sources of one name).</summary>
    public static readonly IComparer<StatGroup> Order = Comparer<StatGroup>.Create((a, b) =>
    {
        for (var i = 0; i < a.Parts.Count; i++)
        {
            var (x, y) = (a.Parts[i], b.Parts[i]);
            var c = x.Last.CompareTo(y.Last);
            c = c != 0 ? c : string.CompareOrdinal(x.Text, y.Text);
            c = c != 0 ? c : Nullable.Compare(x.Id, y.Id);
            if (c != 0)
            {
                return c;
            }
        }
        return 0;
    });
}
