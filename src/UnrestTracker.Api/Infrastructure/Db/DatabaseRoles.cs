using Npgsql;

namespace UnrestTracker.Api.Infrastructure.Db;

/// <summary>
/// The API's privileges, granted by the owner after every migration: SELECT and INSERT on every table
/// (tables added later included, by default privileges) but no INSERT on <see cref="DatabaseWritten"/>, UPDATE and
/// DELETE only on <see cref="Bookkeeping"/>, never TRUNCATE. Together with the append-only and transaction-time
/// triggers (migration TransactionTime), history survives even the API's own credentials.
/// </summary>
public static class DatabaseRoles
{
    /// <summary>The only tables the API may UPDATE or DELETE in: none of them is history.</summary>
    public static readonly string[] Bookkeeping = ["api_keys", "idempotency_records", "webhooks", "webhook_deliveries"];

    public const string MigrationsHistory = "__ef_migrations_history";

    /// <summary>Written only by the database's own triggers and functions (as the owner): the API may read them, never insert.</summary>
    public static readonly string[] DatabaseWritten = ["history_clock", "figure_series", "series_revisions", "figure_status_now", "event_sums_now", "event_figures_now", "event_clusters_now", "events_now", "event_figures_stamp"];

    public static async Task GrantAsync(string ownerConnectionString, string apiRole, CancellationToken ct)
    {
        var role = Quote(apiRole);
        var exceptions = string.Join("\n", Bookkeeping.Select(table => $"""
            IF to_regclass('public.{table}') IS NOT NULL THEN GRANT UPDATE, DELETE ON public.{table} TO {role}; END IF;
            """).Concat(DatabaseWritten.Select(table => $"""
            IF to_regclass('public.{table}') IS NOT NULL THEN REVOKE INSERT ON public.{table} FROM {role}; END IF;
            """)));
        await using var connection = new NpgsqlConnection(ownerConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand($"""
            GRANT USAGE ON SCHEMA public TO {role};
            REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {role};
            GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA public TO {role};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role};
            REVOKE INSERT ON public.{MigrationsHistory} FROM {role};
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT ON TABLES TO {role};
            ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {role};
            DO $$ BEGIN
            {exceptions}
            END $$;
            """, connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Why history is not protected from the API's connection: empty when it is.</summary>
    public static async Task<IReadOnlyList<string>> WeaknessesAsync(string apiConnectionString, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(apiConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("""
            WITH tables AS (
                SELECT c.oid, c.relname, c.relowner FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p'))
            SELECT current_user,
                (SELECT rolsuper FROM pg_roles WHERE rolname = current_user),
                (SELECT count(*) FROM tables WHERE pg_has_role(current_user, relowner, 'MEMBER')),
                (SELECT string_agg(relname, ', ' ORDER BY relname) FROM tables
                 WHERE relname <> ALL($1) AND has_table_privilege(oid, 'UPDATE, DELETE, TRUNCATE'))
            """, connection);
        command.Parameters.AddWithValue(Bookkeeping.Append(MigrationsHistory).ToArray());
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var weaknesses = new List<string>();
        var role = reader.GetString(0);
        if (reader.GetBoolean(1))
        {
            weaknesses.Add($"the API's role {role} is a superuser");
        }
        if (reader.GetInt64(2) > 0)
        {
            weaknesses.Add($"the API's role {role} owns {reader.GetInt64(2)} table(s)");
        }
        if (!reader.IsDBNull(3))
        {
            weaknesses.Add($"the API's role {role} may UPDATE, DELETE or TRUNCATE {reader.GetString(3)}");
        }
        return weaknesses;
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
