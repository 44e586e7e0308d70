using System.Globalization;
using System.Text;
using System.Xml;
using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Features.Feeds;

/// <summary>The words of the feed: entry titles naming the source and its figures, summaries, and text XML can hold.</summary>
public static class AtomText
{
    /// <summary>Text with every character XML 1.0 cannot hold (control characters, lone surrogates, U+FFFE/F) replaced by U+FFFD.</summary>
    public static string Xml(string text)
    {
        StringBuilder? clean = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var pair = char.IsHighSurrogate(c) && i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c);
            if (pair)
            {
                clean?.Append(c).Append(text[i + 1]);
                i++;
                continue;
            }
            var ok = XmlConvert.IsXmlChar(c);
            if (!ok && clean is null)
            {
                clean = new StringBuilder(text.Length).Append(text, 0, i);
            }
            clean?.Append(ok ? c : '\uFFFD');
        }
        return clean?.ToString() ?? text;
    }

    /// <summary>"Ministry of Health: killed 225, injured 4,353 (at least)": who said it and the figures it claims.</summary>
    public static string Title(StatementResponse s)
    {
        var source = s.Source?.Name ?? "Unknown source";
        return s.Figures.Count == 0 ? source : $"{source}: {string.Join(", ", s.Figures.Select(Figure))}";
    }

    private static string Figure(FigureResponse f)
    {
        var value = f.Low is { } low && f.High is { } high ? $"{Number(low)}–{Number(high)}" : f.Value is { } v ? Number(v) : "unknown";
        var qualifier = f.Qualifier is Qualifier.Exact or Qualifier.Range ? "" : $" ({EnumText.Name(f.Qualifier).Replace('_', ' ')})";
        var subject = f.Subject is null ? "" : $" {f.Subject}";
        var unit = f.Unit == "people" ? "" : $" {f.Unit}";
        return $"{EnumText.Name(f.Metric).Replace('_', ' ')}{subject} {value}{unit}{qualifier}";
    }

    private static string Number(decimal value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);

    public static string StatementSummary(StatementResponse s)
    {
        var text = new StringBuilder();
        if (s.Deleted is { } deleted)
        {
            text.Append(CultureInfo.InvariantCulture, $"Withdrawn on {Date(deleted.At)} as entered by mistake: {deleted.Reason}. ");
        }
        if (s.Retraction is { } retraction)
        {
            text.Append(CultureInfo.InvariantCulture, $"Retracted on {Date(retraction.RetractedAt)}: {retraction.Reason}. ");
        }
        return text.Append(s.Summary).ToString();
    }

    public static string RetractionSummary(StatementResponse s, RetractionResponse r) =>
        $"{r.BySource?.Name ?? s.Source?.Name ?? "The source"} retracted this statement of {Date(s.StatedAt)} on {Date(r.RetractedAt)}: {r.Reason}";

    private static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
