using UnrestTracker.Api.Features.Sources;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Features.Demo;

/// <summary>Who speaks in the demo, by a short key the other demo files use.</summary>
internal static class DemoSources
{
    private static readonly (string Key, SourceRequest Request)[] All =
    [
        ("health", new() { Name = "Ministry of Health of Kazakhstan", Kind = SourceKind.Government, Country = "KZ" }),
        ("information", new() { Name = "Ministry of Information and Social Development of Kazakhstan", Kind = SourceKind.Government, Country = "KZ" }),
        ("interior", new() { Name = "Ministry of Internal Affairs of Kazakhstan", Kind = SourceKind.SecurityForces, Country = "KZ" }),
        ("prosecutor", new() { Name = "Prosecutor General's Office of Kazakhstan", Kind = SourceKind.Judiciary, Country = "KZ" }),
        ("president", new() { Name = "President Kassym-Jomart Tokayev", Kind = SourceKind.HeadOfState, Country = "KZ" }),
        ("csto", new() { Name = "Collective Security Treaty Organisation", Kind = SourceKind.Intergovernmental }),
        ("russia-mfa", new() { Name = "Russian Foreign Ministry", Kind = SourceKind.Government, Country = "RU" }),
        ("trt", new() { Name = "TRT World", Kind = SourceKind.Media, Country = "TR", Url = "https://www.trtworld.com" }),
        ("reuters", new() { Name = "Reuters", Kind = SourceKind.Media, Url = "https://www.reuters.com" }),
    ];

    /// <summary>Every demo source key mapped to one id, for examples that need source ids before any exist.</summary>
    public static Dictionary<string, Guid> Placeholders(Guid id) => All.ToDictionary(s => s.Key, _ => id);

    public static Dictionary<string, Guid> Record(UnrestDb db, WriteBatch batch) =>
        All.ToDictionary(s => s.Key, s => CreateSource.Record(db, batch, s.Request).Id);
}
