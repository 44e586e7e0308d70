using System.Text.RegularExpressions;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Conventions;

/// <summary>
/// The repository documents itself: every operation the served OpenAPI document lists has its entry in docs/api.md,
/// written as `METHOD /path` with the document's own parameter names, and no relative link in the docs leads nowhere.
/// </summary>
public sealed partial class KeepingTheDocsInStep(ApiFactory api) : ApiTest(api)
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch", "head", "options"];

    [Fact]
    public async Task Every_operation_in_the_api_document_has_its_entry_in_docs_api_md()
    {
        var document = await GetOkAsync("/swagger/v1/swagger.json");
        var reference = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot, "docs", "api.md"));

        var operations = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject()
                .Where(operation => Methods.Contains(operation.Name))
                .Select(operation => $"`{operation.Name.ToUpperInvariant()} {path.Name}`"))
            .ToList();

        var missing = operations.Where(operation => !reference.Contains(operation, StringComparison.Ordinal)).ToList();

        Assert.NotEmpty(operations);
        Assert.True(missing.Count == 0, $"docs/api.md has no entry for {string.Join(", ", missing)}");
    }

    [Fact]
    public void Every_relative_link_in_the_readme_and_docs_leads_to_a_file_of_the_repository()
    {
        var pages = Directory.GetFiles(Path.Combine(RepositoryRoot, "docs"), "*.md")
            .Prepend(Path.Combine(RepositoryRoot, "README.md"));

        var broken = (from page in pages
                      from Match link in MarkdownLink().Matches(File.ReadAllText(page))
                      let target = link.Groups["target"].Value.Split('#')[0]
                      where target.Length > 0 && !target.Contains("://") && !target.StartsWith("mailto:")
                      let resolved = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(page)!, Uri.UnescapeDataString(target)))
                      where !resolved.StartsWith(RepositoryRoot + Path.DirectorySeparatorChar) || !(File.Exists(resolved) || Directory.Exists(resolved))
                      select $"{Path.GetRelativePath(RepositoryRoot, page)}: {link.Value}").ToList();

        Assert.Empty(broken);
    }

    [GeneratedRegex(@"\[[^\]]*\]\((?<target>[^)\s]+)(\s+""[^""]*"")?\)")]
    private static partial Regex MarkdownLink();

    /// <summary>The folder holding UnrestTracker.sln, found upwards from the test binaries.</summary>
    private static string RepositoryRoot { get; } = FindRepositoryRoot();

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "UnrestTracker.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException($"No UnrestTracker.sln above {AppContext.BaseDirectory}.");
    }
}
