using System.Buffers;
using System.Globalization;
using System.IO.Pipelines;
using System.Text;

namespace UnrestTracker.Api.Infrastructure.Export;

/// <summary>
/// Writes CSV as UTF-8 straight into the response's <see cref="PipeWriter"/>, one field at a time: comma-separated,
/// CRLF line ends, and a field quoted (its quotes doubled) when it holds a comma, a quote, CR or LF, or starts or ends
/// with a space. Those are CsvHelper's default writing rules, which the exports used before, so files read the same.
/// Text a user or a source wrote goes through <see cref="Text"/>, which neutralises formulas (<see cref="CsvFormulas"/>).
/// </summary>
public sealed class CsvLine(PipeWriter output, bool rawFormulas)
{
    /// <summary>ISO 8601 in UTC with up to six fraction digits and no trailing zeros: <c>2022-01-08T12:00:00Z</c>.</summary>
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.FFFFFF'Z'";

    private const int FlushBytes = 32 * 1024;
    private static readonly SearchValues<char> NeedQuotes = SearchValues.Create(",\"\r\n");
    private bool _fieldWritten;
    private int _unflushed;

    /// <summary>True once enough is buffered to be worth sending.</summary>
    public bool IsFull => _unflushed >= FlushBytes;

    /// <summary>Free text: neutralised against formulas unless the request asked for raw cells.</summary>
    public void Text(string? value) => Verbatim(rawFormulas ? value : CsvFormulas.Neutralise(value));

    /// <summary>A header, or a value already formatted (a number, date or id), quoted only if it must be.</summary>
    public void Verbatim(string? value)
    {
        Separate();
        if (string.IsNullOrEmpty(value))
        {
            return;
        }
        if (value.AsSpan().ContainsAny(NeedQuotes) || value[0] == ' ' || value[^1] == ' ')
        {
            Ascii('"');
            Utf8(value.Replace("\"", "\"\"", StringComparison.Ordinal));
            Ascii('"');
            return;
        }
        Utf8(value);
    }

    /// <summary>A number or id formatted in place (invariant culture): no string is made, and none needs quotes.</summary>
    public void Value<T>(T value, string? format = null) where T : IUtf8SpanFormattable
    {
        Separate();
        for (var size = 64; ; size *= 2)
        {
            var span = output.GetSpan(size);
            if (value.TryFormat(span, out var written, format, CultureInfo.InvariantCulture))
            {
                Advance(written);
                return;
            }
        }
    }

    public void Timestamp(DateTime utc) => Value(utc, TimestampFormat);

    /// <summary>An empty cell (a null).</summary>
    public void Empty() => Separate();

    public void End()
    {
        Ascii('\r');
        Ascii('\n');
        _fieldWritten = false;
    }

    /// <summary>Sends what is buffered; false when the client is gone and nothing more should be written.</summary>
    public async ValueTask<bool> FlushAsync(CancellationToken ct)
    {
        _unflushed = 0;
        var result = await output.FlushAsync(ct);
        return !result.IsCompleted && !result.IsCanceled;
    }

    private void Separate()
    {
        if (_fieldWritten)
        {
            Ascii(',');
        }
        _fieldWritten = true;
    }

    private void Utf8(string text)
    {
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        Advance(Encoding.UTF8.GetBytes(text, span));
    }

    private void Ascii(char c)
    {
        output.GetSpan(1)[0] = (byte)c;
        Advance(1);
    }

    private void Advance(int bytes)
    {
        output.Advance(bytes);
        _unflushed += bytes;
    }
}
