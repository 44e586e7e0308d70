using System.Text;
using System.Text.RegularExpressions;

namespace UnrestTracker.Api.Features.Incidents;

public static partial class Slugs
{
    public const int MaxLength = 80;

    /// <summary>A slug never looks like a UUID, since a UUID-shaped segment is always read as an id.</summary>
    public static bool IsValid(string slug) =>
        slug.Length <= MaxLength && Pattern().IsMatch(slug) && !Guid.TryParse(slug, out _);

    /// <summary>"January 2022 unrest in Kazakhstan" becomes "january-2022-unrest-in-kazakhstan".</summary>
    public static string FromTitle(string title)
    {
        var text = new StringBuilder();
        foreach (var c in title.Normalize(NormalizationForm.FormD).ToLowerInvariant())
        {
            if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
            {
                text.Append(c);
            }
            else if (char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark && text.Length > 0 && text[^1] != '-')
            {
                text.Append('-');
            }
        }
        var slug = text.ToString().Trim('-');
        if (slug.Length > MaxLength)
        {
            slug = slug[..MaxLength].TrimEnd('-');
        }
        return slug.Length == 0 ? "incident" : slug;
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Pattern();
}
