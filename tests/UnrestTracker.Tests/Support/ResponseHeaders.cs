namespace UnrestTracker.Tests.Support;

/// <summary>Headers as a cache or a dashboard reads them.</summary>
public static class ResponseHeaders
{
    /// <summary>A header's values joined (response or content header), or "" when absent.</summary>
    public static string Header(this HttpResponseMessage response, string name) =>
        string.Join(", ", response.Headers.TryGetValues(name, out var values) ? values
            : response.Content.Headers.TryGetValues(name, out var content) ? content : []);

    /// <summary>The target of <c>Link: &lt;…&gt;; rel="snapshot"</c>.</summary>
    public static string Snapshot(this HttpResponseMessage response) =>
        response.Headers.GetValues("Link").SelectMany(l => l.Split(", <")).Single(l => l.EndsWith("rel=\"snapshot\"", StringComparison.Ordinal))
            .Split('>')[0].TrimStart('<');
}
