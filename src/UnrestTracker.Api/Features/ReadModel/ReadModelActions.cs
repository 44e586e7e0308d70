using Microsoft.EntityFrameworkCore;
using Npgsql;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Features.ReadModel;

/// <summary><c>rebuild-read-model [--check]</c>: the statuses kept for "now" refilled from history, or compared with it.</summary>
public static class ReadModelActions
{
    public static async Task<int> RebuildAsync(UnrestDb db, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var rows = await StatusNow.RebuildAsync(await OpenAsync(db, ct), ct);
        await output.WriteLineAsync($"{rows} figure statuses rebuilt from history.");
        return 0;
    }

    public static async Task<int> CheckAsync(UnrestDb db, TextWriter output, TextWriter error, CancellationToken ct)
    {
        var differences = await StatusNow.DifferencesAsync(await OpenAsync(db, ct), ct);
        foreach (var difference in differences)
        {
            await output.WriteLineAsync(difference);
        }
        await error.WriteLineAsync(differences.Count == 0
            ? "The kept statuses equal history's definition."
            : $"{differences.Count} kept status(es) differ from history's definition: run rebuild-read-model.");
        return differences.Count == 0 ? 0 : 1;
    }

    private static async Task<NpgsqlConnection> OpenAsync(UnrestDb db, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        return (NpgsqlConnection)db.Database.GetDbConnection();
    }
}
