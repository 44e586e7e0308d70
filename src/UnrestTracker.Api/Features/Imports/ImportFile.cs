using System.Globalization;
using System.Security.Cryptography;
using CsvHelper;
using CsvHelper.Configuration;

namespace UnrestTracker.Api.Features.Imports;

/// <summary>The file is not the layout the import was asked for; nothing has been written.</summary>
public sealed class ImportLayoutException(string message) : Exception(message);

/// <summary>
/// A CSV file read once, front to back, as it streams in: RFC 4180 records (quoted line breaks included)
/// by CsvHelper, while the bytes are counted and hashed (SHA-256) for the report.
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
        _csv = new CsvReader(new StreamReader(_stream, leaveOpen: true), configuration);
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

    public async Task<bool> NextAsync()
    {
        if (!await _csv.ReadAsync())
        {
            return false;
        }
        Row++;
        return true;
    }

    /// <summary>Whether the current record has as many fields as the header.</summary>
    public bool IsWhole => _csv.Parser.Count == Header.Length;

    public int FieldCount => _csv.Parser.Count;

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
