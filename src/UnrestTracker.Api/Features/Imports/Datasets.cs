namespace UnrestTracker.Api.Features.Imports;

/// <summary>
/// A dataset an import reads: its name (the path segment of <c>POST /imports/{dataset}</c> and the CLI's word), the
/// OpenAPI operation and what the file is, and its layout; a dataset without one is ACLED's deletions list.
/// </summary>
public sealed record Dataset(string Name, string OperationName, string What, Func<IDatasetLayout>? Layout);

/// <summary>The datasets, once: the endpoints, the CLI, its usage and the importer read this list.</summary>
public static class Datasets
{
    public static readonly IReadOnlyList<Dataset> All =
    [
        new(AcledLayout.Name, "ImportAcled", "an ACLED export", () => new AcledLayout()),
        new(UcdpLayout.Name, "ImportUcdp", "a UCDP GED export", () => new UcdpLayout()),
        new(AcledDeletions.Name, "ImportAcledDeletions", "an ACLED deletions list", null),
    ];

    public static Dataset? Named(string name) => All.FirstOrDefault(d => d.Name == name);

    /// <summary>The names as a reader lists them: "acled, ucdp or acled-deletions".</summary>
    public static string Names => $"{string.Join(", ", All.SkipLast(1).Select(d => d.Name))} or {All[^1].Name}";
}
