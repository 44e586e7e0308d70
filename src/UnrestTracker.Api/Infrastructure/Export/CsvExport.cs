using System.Globalization;
using System.Text;
using CsvHelper;
using UnrestTracker.Api.Infrastructure.Http;

namespace UnrestTracker.Api.Infrastructure.Export;

/// <summary>
/// The columns of a CSV export, in order: a header and how to read it from a row. Text columns may be
/// neutralised against formulas (<see cref="CsvFormulas"/>); verbatim ones (numbers, dates, ids) never are.
/// </summary>
public sealed class CsvColumns<T>
{
    private readonly List<(string Header, Func<T, string?> Value, bool IsText)> _columns = [];

    public IReadOnlyList<(string Header, Func<T, string?> Value, bool IsText)> All => _columns;

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
}

/// <summary>
/// Streams rows as CSV (header row, one line per row, quoting by CsvHelper) straight into the
/// response, flushing as it goes, so memory stays flat however many rows the query yields.
/// </summary>
public sealed class CsvExport<T>(IAsyncEnumerable<T> rows, CsvColumns<T> columns, string fileName, DateTimeOffset answeredAt) : IResult
{
    public const int FlushEvery = 200;

    public async Task ExecuteAsync(HttpContext http)
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
        var raw = CsvFormulas.AreRaw(http.Request);
        var count = 0;
        try
        {
            await using var text = new StreamWriter(http.Response.Body, new UTF8Encoding(false), 16 * 1024, leaveOpen: true);
            await using var csv = new CsvWriter(text, CultureInfo.InvariantCulture, leaveOpen: true);
            foreach (var column in columns.All)
            {
                csv.WriteField(column.Header);
            }
            await csv.NextRecordAsync();
            for (; more; more = await rowsLeft.MoveNextAsync())
            {
                foreach (var column in columns.All)
                {
                    var value = column.Value(rowsLeft.Current);
                    csv.WriteField(column.IsText && !raw ? CsvFormulas.Neutralise(value) : value);
                }
                await csv.NextRecordAsync();
                if (++count % FlushEvery == 0)
                {
                    await csv.FlushAsync();
                    await http.Response.Body.FlushAsync(ct);
                }
            }
            await csv.FlushAsync();
        }
        catch (Exception e) when (ExportFailure.Abort(http, e, fileName, count))
        {
        }
    }
}
