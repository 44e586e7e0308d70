using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using UnrestTracker.Api.Infrastructure.Json;

namespace UnrestTracker.Api.Features.Citations;

/// <summary>The plain text and BibTeX of a citation.</summary>
public static class CitationFormats
{
    public static CitationResponse Of(string snapshot, DateTimeOffset recordedAt, DateTimeOffset retrievedAt, string title)
    {
        var recorded = UtcDateTimeOffsetConverter.Format(recordedAt);
        var retrieved = retrievedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var text = $"{title}. UnrestTracker, as recorded at {recorded}. {snapshot} (retrieved {retrieved}).";
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(snapshot)))[..10];
        var bibtex = $$"""
            @misc{unrest-{{key}},
              title = {{{Escape(title)}}},
              author = {UnrestTracker},
              year = {{{recordedAt.UtcDateTime.Year}}},
              howpublished = {{{Escape(snapshot)}}},
              note = {{{Escape($"As recorded at {recorded}; retrieved {retrieved}")}}}
            }
            """;
        return new CitationResponse(snapshot, recordedAt, retrievedAt, title, text, bibtex);
    }

    /// <summary>BibTeX's special characters in a field: braces, backslashes and <c>%</c> (a comment), and the others LaTeX reads.</summary>
    public static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            escaped.Append(c switch
            {
                '\\' => @"\textbackslash{}",
                '{' or '}' or '%' or '$' or '&' or '#' or '_' => $"\\{c}",
                '~' => @"\textasciitilde{}",
                '^' => @"\textasciicircum{}",
                _ => c.ToString(),
            });
        }
        return escaped.ToString();
    }
}
