using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;

namespace UnrestTracker.Api.Infrastructure.Db;

/// <summary>
/// Joins interpolated SQL pieces into one, a line break between two, each piece's arguments kept as parameters (renumbered), so that a query can
/// be built from a fragment another feature owns without pasting values into the text.
/// </summary>
public static partial class SqlText
{
    public static FormattableString Concat(params FormattableString[] parts)
    {
        var format = new StringBuilder();
        var arguments = new List<object?>();
        foreach (var part in parts)
        {
            var offset = arguments.Count;
            format.Append(format.Length == 0 ? "" : "\n");
            format.Append(Placeholder().Replace(part.Format, m => $"{{{int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) + offset}{m.Groups[2].Value}}}"));
            arguments.AddRange(part.GetArguments());
        }
        return FormattableStringFactory.Create(format.ToString(), [.. arguments]);
    }

    /// <summary>SQL text without values (column names, expressions chosen in code), to put between interpolated pieces.</summary>
    public static FormattableString Raw(string sql) =>
        FormattableStringFactory.Create(sql.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal));

    [GeneratedRegex(@"(?<!\{)\{(\d+)([,:][^{}]*)?\}(?!\})")]
    private static partial Regex Placeholder();
}
