using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace UnrestTracker.Api.Infrastructure.Embedded;

/// <summary>
/// Who may connect to the embedded cluster, and what exists in it for the API. Passwords (scram-sha-256) on TCP and on the socket, which
/// lives in the data folder (mode 0700). Clusters created by older checkouts trusted everyone on
/// loopback and in /tmp; they are given passwords the first time they are used.
/// </summary>
internal static partial class EmbeddedAccess
{
    private const string Hba = """
        # Written by UnrestTracker: every connection proves its password (see ../{0}.pgpass).
        local all all scram-sha-256
        host  all all 127.0.0.1/32 scram-sha-256
        host  all all ::1/128 scram-sha-256
        host  replication postgres 127.0.0.1/32 scram-sha-256

        """;

    private const string ReplicationLine = "host  replication postgres 127.0.0.1/32 scram-sha-256";

    public static bool NeedsSecuring(string dataDirectory, EmbeddedSecrets secrets) => !secrets.Exist || Trusts(dataDirectory);

    /// <summary>A stopped cluster: the owner's password is set in single-user mode, which needs no login.</summary>
    public static async Task SecureStoppedAsync(string bin, string dataDirectory, EmbeddedSecrets secrets, ILogger logger, CancellationToken ct)
    {
        secrets.Generate();
        var (code, output) = await ProcessRunner.RunAsync(
            Path.Combine(bin, "postgres"), ["--single", "-D", dataDirectory, "postgres"], true, ct,
            input: $"ALTER ROLE {EmbeddedSecrets.Owner} PASSWORD '{secrets.VerifierOf(EmbeddedSecrets.Owner)}';\n");
        if (code != 0 || output.Contains("ERROR", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"Could not set the embedded cluster's password in {dataDirectory}: {Redacted(output)}");
        }
        WriteHba(dataDirectory);
        logger.LogInformation("The embedded PostgreSQL in {Directory} now asks for passwords ({File})", dataDirectory, secrets.FilePath);
    }

    /// <summary>A cluster an older checkout left running with trust: set the password while trust still lets us in, then reload.</summary>
    public static async Task SecureRunningAsync(string bin, string dataDirectory, int port, EmbeddedSecrets secrets, ILogger logger, CancellationToken ct)
    {
        if (!secrets.Exist && !Trusts(dataDirectory))
        {
            throw new InvalidOperationException(
                $"{secrets.FilePath} is missing and the embedded PostgreSQL in {dataDirectory} asks for passwords. " +
                $"Stop it (pg_ctl stop -D {dataDirectory}); the next start gives it new passwords.");
        }
        secrets.Generate();
        var trusted = new NpgsqlConnectionStringBuilder { Host = "127.0.0.1", Port = port, Username = EmbeddedSecrets.Owner, Database = "postgres", Pooling = false };
        await using (var connection = new NpgsqlConnection(trusted.ConnectionString))
        {
            await connection.OpenAsync(ct);
            await using var alter = new NpgsqlCommand(
                $"ALTER ROLE {EmbeddedSecrets.Owner} PASSWORD '{secrets.VerifierOf(EmbeddedSecrets.Owner)}'", connection);
            await alter.ExecuteNonQueryAsync(ct);
        }
        WriteHba(dataDirectory);
        await ProcessRunner.RunAsync(Path.Combine(bin, "pg_ctl"), ["reload", "-D", dataDirectory], true, ct);
        logger.LogInformation("The running embedded PostgreSQL in {Directory} now asks for passwords ({File})", dataDirectory, secrets.FilePath);
    }

    /// <summary>The API's role: may log in, nothing more; its privileges come from the grants made after migrating.</summary>
    public static async Task EnsureApiRoleAsync(string ownerConnectionString, EmbeddedSecrets secrets, CancellationToken ct)
    {
        var admin = new NpgsqlConnectionStringBuilder(ownerConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(ct);
        var password = secrets.VerifierOf(EmbeddedSecrets.ApiRole);
        await using var command = new NpgsqlCommand($"""
            DO $$ BEGIN
                IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{EmbeddedSecrets.ApiRole}') THEN
                    CREATE ROLE {EmbeddedSecrets.ApiRole} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
                END IF;
            END $$;
            ALTER ROLE {EmbeddedSecrets.ApiRole} PASSWORD '{password}';
            """, connection);
        try
        {
            await command.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Another process created the role at the same moment; it set the same password from the same file.
        }
    }

    public static async Task CreateDatabaseIfMissingAsync(string connectionString, string database, CancellationToken ct)
    {
        var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(admin.ConnectionString);
        await connection.OpenAsync(ct);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        exists.Parameters.AddWithValue(database);
        if (await exists.ExecuteScalarAsync(ct) is null)
        {
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database.Replace("\"", "", StringComparison.Ordinal)}\"", connection);
            try
            {
                await create.ExecuteNonQueryAsync(ct);
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateDatabase)
            {
                // Another process created it first.
            }
        }
    }

    /// <summary>
    /// Lets the cluster's superuser stream WAL over loopback (pg_basebackup, a replica's walreceiver): added to a
    /// pg_hba.conf written before replicas existed, then reloaded. <c>wal_level=replica</c> is PostgreSQL's default.
    /// </summary>
    public static async Task AllowReplicationAsync(string bin, string dataDirectory, CancellationToken ct)
    {
        if (File.ReadLines(HbaPath(dataDirectory)).Any(line => line.Trim() == ReplicationLine))
        {
            return;
        }
        File.AppendAllText(HbaPath(dataDirectory), ReplicationLine + "\n");
        await ProcessRunner.RunAsync(Path.Combine(bin, "pg_ctl"), ["reload", "-D", dataDirectory], true, ct);
    }

    /// <summary>
    /// The socket in the data folder (only postgres may enter it), unless that path is too long for a socket or holds a
    /// comma (PostgreSQL's list separator). <c>pg_ctl -o</c> goes through the shell: the path is quoted for it.
    /// </summary>
    public static string SocketOption(string dataDirectory) =>
        dataDirectory.Length + ".s.PGSQL.65535".Length + 1 <= 107 && !dataDirectory.Contains(',', StringComparison.Ordinal)
            ? $"-k {ShellQuoted(dataDirectory)}"
            : "-c unix_socket_directories=''";

    /// <summary>One word for the POSIX shell, whatever it holds (spaces, quotes, <c>$</c>).</summary>
    public static string ShellQuoted(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>Tool output with any password literal blanked, before it goes into an error or a log.</summary>
    public static string Redacted(string output) => PasswordLiteral().Replace(output, "PASSWORD '…'");

    private static bool Trusts(string dataDirectory) =>
        File.ReadLines(HbaPath(dataDirectory)).Any(line => TrustLine().IsMatch(line.Split('#')[0]));

    private static void WriteHba(string dataDirectory) =>
        File.WriteAllText(HbaPath(dataDirectory), string.Format(CultureInfo.InvariantCulture, Hba, Path.GetFileName(dataDirectory)));

    private static string HbaPath(string dataDirectory) => Path.Combine(dataDirectory, "pg_hba.conf");

    [GeneratedRegex(@"PASSWORD\s+'(?:[^']|'')*'", RegexOptions.IgnoreCase)]
    private static partial Regex PasswordLiteral();

    [GeneratedRegex(@"\btrust\b")]
    private static partial Regex TrustLine();
}
