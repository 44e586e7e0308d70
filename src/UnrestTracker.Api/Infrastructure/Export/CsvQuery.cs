using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace UnrestTracker.Api.Infrastructure.Export;

/// <summary>
/// A raw SQL export: each row of the query is one CSV line, its columns in the query's order under the given headers.
/// Cells follow the column's type: uuid, numeric and timestamptz are formatted in place (no strings made), text is free text
/// (neutralised against formulas), null is empty. The query runs on the context's connection (the export pool once admitted).
/// </summary>
public sealed class CsvQuery(IReadOnlyList<string> headers) : ICsvFormat<DbDataReader>
{
    /// <summary>The rows as one reader, moved along row by row (SequentialAccess: the reader holds one row, never the result).</summary>
    public static async IAsyncEnumerable<DbDataReader> ReadAsync(
        DbContext db, Func<NpgsqlConnection, NpgsqlCommand> query, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = query((NpgsqlConnection)db.Database.GetDbConnection());
            await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess, ct);
            while (await reader.ReadAsync(ct))
            {
                yield return reader;
            }
        }
        finally
        {
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
