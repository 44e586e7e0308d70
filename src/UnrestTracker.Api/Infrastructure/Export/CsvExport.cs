using System.Globalization;
using UnrestTracker.Api.Infrastructure.Http;

namespace UnrestTracker.Api.Infrastructure.Export;

/// <summary>How an export writes its header line and each of its rows.</summary>
public interface ICsvFormat<in T>
{
    void WriteHeader(CsvLine line);

    void WriteRow(T row, CsvLine line);
}

/// <summary>
/// The columns of a CSV export, in order: a header and how to read it from a row. Text columns may be
/// neutralised against formulas (<see cref="CsvFormulas"/>); verbatim ones (numbers, dates, ids) never are.
/// </summary>
public sealed class CsvColumns<T> : ICsvFormat<T>
{
    private readonly List<(string Header, Func<T, string?> Value, bool IsText)> _columns = [];

    /// <summary>A text column: free text a user or a source wrote.</summary>
    public CsvColumns<T> Add(string header, Func<T, string?> value)
    {
        _columns.Add((header, value, true));
        return this;
    }

    public CsvColumns<T> Add(string header, Func<T, IEnumerable<string>?> values) =>
        Add(header, row => values(row) is { } list ? string.Join(';', list) : null);

    /// <summary>A number, date, timestamp or id, already formatted: written as it is.</summary>
    public CsvColumns<T> Verbatim(string header, Func<T, string?> value)
    {
        _columns.Add((header, value, false));
        return this;
    }

    public CsvColumns<T> Add(string header, Func<T, IFormattable?> value) =>
        Verbatim(header, row => value(row)?.ToString(null, CultureInfo.InvariantCulture));

    public void WriteHeader(CsvLine line)
    {
        foreach (var column in _columns)
        {
            line.Verbatim(column.Header);
        }
    }

    public void WriteRow(T row, CsvLine line)
    {
        foreach (var (_, value, isText) in _columns)
        {
            if (isText)
            {
                line.Text(value(row));
            }
            else
            {
                line.Verbatim(value(row));
            }
        }
    }
}

/// <summary>
/// Streams rows as CSV (header line, one line per row, see <see cref="CsvLine"/>) straight into the
/// response, flushing as it goes, so memory stays flat however many rows the query yields.
/// </summary>
public sealed class CsvExport<T>(IAsyncEnumerable<T> rows, ICsvFormat<T> format, string fileName, DateTimeOffset answeredAt) : ExportStream
{
    public override async Task ExecuteAsync(HttpContext http)
    {
        try
        {
            await WriteAsync(http);
        }
        finally
        {
            ExportAdmission.Release(http);
        }
    }

    private async Task WriteAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        await using var rowsLeft = rows.GetAsyncEnumerator(ct);
        // The first row is read before anything is sent: a database failure here still becomes a 503 problem.
        var more = await rowsLeft.MoveNextAsync();
        http.Response.ContentType = "text/csv; charset=utf-8";
        ExportFile.Attach(http.Response, fileName, answeredAt, "csv");
        if (http.IsHead())
        {
            return;
        }
        var line = new CsvLine(http.Response.BodyWriter, CsvFormulas.AreRaw(http.Request));
        var count = 0;
        try
        {
            format.WriteHeader(line);
            line.End();
            for (; more; more = await rowsLeft.MoveNextAsync())
            {
                format.WriteRow(rowsLeft.Current, line);
                line.End();
                count++;
                if (line.IsFull && !await line.FlushAsync(ct))
                {
                    return;
                }
            }
            await line.FlushAsync(ct);
        }
        catch (Exception e) when (ExportFailure.Abort(http, e, fileName, count))
        {
        }
    }
}
