using System.Globalization;
using System.Security.Cryptography;
using CsvHelper;
using CsvHelper.Configuration;

namespace UnrestTracker.Api.Features.Imports;

/// <summary>The file is not the layout the import was asked for; nothing has been written.</summary>
public sealed class ImportLayoutException(string message) : Exception(message);

/// <summary>
/// A CSV file read once, front to back, as it streams in: RFC 4180 records (quoted line breaks included)
/// by CsvHelper, while the bytes are counted and hashed (SHA-256) for the report. A field or record past the bounds of
/// <see cref="BoundedCsvText"/> throws <see cref="ImportTooLongException"/>.
/// </summary>
public sealed class ImportFile : IDisposable
{
    private readonly HashingStream _stream;
    private readonly CsvReader _csv;
    private readonly Dictionary<string, int> _columns = new(StringComparer.Ordinal);

    private ImportFile(Stream body, string name)
    {
        Name = name;
        _stream = new HashingStream(body);
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            BadDataFound = null,
            MissingFieldFound = null,
            DetectDelimiter = false,
        };
        _csv = new CsvReader(new BoundedCsvText(new StreamReader(_stream, leaveOpen: true)), configuration);
    }

    /// <summary>Opens the file and reads its header row; an empty file is a layout error.</summary>
    public static async Task<ImportFile> OpenAsync(Stream body, string name)
    {
        var file = new ImportFile(body, name);
        if (!await file._csv.ReadAsync() || !file._csv.ReadHeader() || file._csv.HeaderRecord is null)
        {
            file.Dispose();
            throw new ImportLayoutException("The file is empty: a header row is expected.");
        }
        file.Header = file._csv.HeaderRecord.Select(h => h.Trim().TrimStart('\uFEFF')).ToArray();
        // The first of two columns of the same name, as CsvHelper's lookup by name gives.
        for (var i = 0; i < file.Header.Length; i++)
        {
            file._columns.TryAdd(file.Header[i], i);
        }
        return file;
    }

    public string Name { get; }
    public string[] Header { get; private set; } = [];
    public long Bytes => _stream.Bytes;

    /// <summary>Data rows read so far; the header is row 0.</summary>
    public long Row { get; private set; }

    /// <summary>Throws <see cref="ImportLayoutException"/> naming what is missing.</summary>
    public void Require(string layout, IEnumerable<string> columns)
    {
        var missing = columns.Where(c => !_columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            throw new ImportLayoutException($"The file is not {layout}: missing column(s) {string.Join(", ", missing)}.");
        }
    }

    public bool Has(string column) => _columns.ContainsKey(column);

    /// <summary>The record past the size bounds that ended the file early (and the next row's number), or null.</summary>
    public ImportTooLongException? Stopped { get; private set; }

    /// <summary>Reads the next record; false at the end of the file, or at a record past the size bounds (<see cref="Stopped"/>).</summary>
    public async Task<bool> NextAsync()
    {
        if (Stopped is not null)
        {
            return false;
        }
        try
        {
            if (!await _csv.ReadAsync())
            {
                return false;
            }
        }
        catch (Exception e) when (e.GetBaseException() is ImportTooLongException tooLong)
        {
            Stopped = new ImportTooLongException(Row + 1, tooLong.Reason);
            return false;
        }
        Row++;
        return true;
    }

    /// <summary>
    /// Why the current record cannot be read as a row: not as many fields as the header, or a NUL character
    /// (U+0000, which PostgreSQL text cannot hold) in one of them. Null for a record that can.
    /// </summary>
    public string? Flaw()
    {
        var parser = _csv.Parser;
        if (parser.Count != Header.Length)
        {
            return $"has {parser.Count} fields where the header has {Header.Length}";
        }
        for (var i = 0; i < parser.Count; i++)
        {
            if (parser[i].Contains('\0', StringComparison.Ordinal))
            {
                return $"{Header[i]} contains a NUL character (U+0000)";
            }
        }
        return null;
    }

    /// <summary>The trimmed field, or null when it is empty or the column is absent.</summary>
    public string? this[string column]
    {
        get
        {
            // The raw field by index: CsvHelper's typed lookup by name costs more than the rest of a row's mapping.
            if (!_columns.TryGetValue(column, out var index) || index >= _csv.Parser.Count)
            {
                return null;
            }
            var text = _csv.Parser[index].Trim();
            return text.Length == 0 ? null : text;
        }
    }

    /// <summary>The SHA-256 of every byte read, in lower-case hex; call once the file is read to its end.</summary>
    public async Task<string> Sha256Async()
    {
        await _stream.DrainAsync();
        return _stream.Hash();
    }

    public void Dispose() => _csv.Dispose();

    private sealed class HashingStream(Stream inner) : Stream
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public long Bytes { get; private set; }

        public string Hash() => Convert.ToHexStringLower(_hash.GetHashAndReset());

        /// <summary>Reads what the CSV reader left (a final line break) so the hash covers the whole file.</summary>
        public async Task DrainAsync()
        {
            var buffer = new byte[8192];
            while (await ReadAsync(buffer) > 0)
            {
            }
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = await inner.ReadAsync(buffer, cancellationToken);
            _hash.AppendData(buffer.Span[..n]);
            Bytes += n;
            return n;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Bytes; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
