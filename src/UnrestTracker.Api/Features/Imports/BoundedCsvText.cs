namespace UnrestTracker.Api.Features.Imports;

/// <summary>A field or record of the file, at data row <paramref name="row"/>, is longer than <see cref="BoundedCsvText"/> allows; the import stops there.</summary>
public sealed class ImportTooLongException(long row, string reason) : Exception($"Row {row}: {reason}.")
{
    public long Row => row;
    public string Reason => reason;

    /// <summary>The report of the import it stopped: the rows before it are written.</summary>
    public ImportReport? Report { get; init; }
}

/// <summary>
/// The file's text as the CSV parser reads it, with RFC 4180 fields and records followed as they stream by, so that a
/// field past <see cref="MaxFieldChars"/> or a record past <see cref="MaxRecordChars"/> (an unclosed quote runs to the
/// end of the file) stops the import at once: the parser buffers a whole record, and without a bound it would
/// buffer the whole body. The text before the overlong record is handed over first, so its rows are still read.
/// </summary>
public sealed class BoundedCsvText(TextReader inner) : TextReader
{
    public const int MaxFieldChars = 1 << 20;
    public const int MaxRecordChars = 4 << 20;

    private bool _quoted, _quotePending, _atFieldStart = true;
    private int _field, _record;
    private string? _tooLong;

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer) => Scan(buffer, inner.Read(Room(buffer)));

    public override async ValueTask<int> ReadAsync(Memory<char> buffer, CancellationToken ct = default)
    {
        var read = await inner.ReadAsync(Room(buffer), ct);
        return Scan(buffer.Span, read);
    }

    public override Task<int> ReadAsync(char[] buffer, int index, int count) => ReadAsync(buffer.AsMemory(index, count)).AsTask();

    public override int Read()
    {
        Span<char> one = stackalloc char[1];
        return Read(one) == 0 ? -1 : one[0];
    }

    public override int Peek() => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }
        base.Dispose(disposing);
    }

    private Span<char> Room(Span<char> buffer) => _tooLong is null ? buffer : throw new ImportTooLongException(0, _tooLong);

    private Memory<char> Room(Memory<char> buffer) => _tooLong is null ? buffer : throw new ImportTooLongException(0, _tooLong);

    /// <summary>Follows the chars read; at the first one past a bound, keeps it and the rest back and throws on the next read.</summary>
    private int Scan(Span<char> buffer, int read)
    {
        for (var i = 0; i < read; i++)
        {
            Follow(buffer[i]);
            if (_field > MaxFieldChars || _record > MaxRecordChars)
            {
                _tooLong = _field > MaxFieldChars
                    ? $"a field is longer than {MaxFieldChars:N0} characters (an unclosed quote?)"
                    : $"the record is longer than {MaxRecordChars:N0} characters";
                // Zero chars would read as the end of the file.
                return i > 0 ? i : throw new ImportTooLongException(0, _tooLong);
            }
        }
        return read;
    }

    private void Follow(char c)
    {
        _record++;
        if (_quoted)
        {
            if (!_quotePending)
            {
                _quotePending = c == '"';
                _field += _quotePending ? 0 : 1;
                return;
            }
            _quotePending = false;
            if (c == '"')
            {
                _field++;
                return;
            }
            _quoted = false;
        }
        switch (c)
        {
            case ',':
                (_field, _atFieldStart) = (0, true);
                break;
            case '\n' or '\r':
                (_field, _record, _atFieldStart) = (0, 0, true);
                break;
            case '"' when _atFieldStart:
                (_quoted, _atFieldStart) = (true, false);
                break;
            default:
                _field++;
                _atFieldStart = false;
                break;
        }
    }
}
