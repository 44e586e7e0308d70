using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using UnrestTracker.Api.Infrastructure.Http;

namespace UnrestTracker.Api.Infrastructure.Export;

/// <summary>
/// A raw SQL export: each row of the query is one CSV line, its columns in the query's order under the given headers.
/// Cells follow the column's type: uuid, numeric and timestamptz are formatted in place (no strings made), text is free text
/// (neutralised against formulas), null is empty. The query runs on the context's connection (the export pool once admitted).
/// </summary>
public sealed class CsvQuery(IReadOnlyList<string> headers) : ICsvFormat<DbDataReader>
{
    /// <summary>
    /// The rows as one reader, moved along row by row (SequentialAccess: the reader holds one row, never the result). A read of
    /// the present runs in its <see cref="ExportSnapshot"/>; <paramref name="query"/> is told whether the kept tables may answer it.
    /// </summary>
    public static async IAsyncEnumerable<DbDataReader> ReadAsync(HttpContext http, DbContext db, TimeTravel time,
        Func<NpgsqlConnection, bool, NpgsqlCommand> query, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            var kept = time.IsNow && await ExportSnapshot.BeginAsync(http, db, ct);
            await using var command = query((NpgsqlConnection)db.Database.GetDbConnection(), kept);
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
            while (await reader.ReadAsync(ct))
            {
                yield return reader;
            }
        }
        finally
        {
            // The snapshot only read: ending it is a rollback.
            if (db.Database.CurrentTransaction is { } snapshot)
            {
                await snapshot.DisposeAsync();
            }
            await db.Database.CloseConnectionAsync();
        }
    }

    public void WriteHeader(CsvLine line)
    {
        foreach (var header in headers)
        {
            line.Verbatim(header);
        }
    }

    public void WriteRow(DbDataReader row, CsvLine line)
    {
        for (var i = 0; i < headers.Count; i++)
        {
            if (row.IsDBNull(i))
            {
                line.Empty();
                continue;
            }
            var type = row.GetFieldType(i);
            if (type == typeof(Guid))
            {
                line.Value(row.GetGuid(i));
            }
            else if (type == typeof(decimal))
            {
                line.Value(row.GetDecimal(i));
            }
            else if (type == typeof(DateTime))
            {
                line.Timestamp(row.GetDateTime(i));
            }
            else
            {
                line.Text(row.GetString(i));
            }
        }
    }
}
