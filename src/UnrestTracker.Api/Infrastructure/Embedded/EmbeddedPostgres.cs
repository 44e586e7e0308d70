using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace UnrestTracker.Api.Infrastructure.Embedded;

/// <summary>
/// A project-local PostgreSQL cluster under <c>.data/</c>: created once, started if it is not
/// running (reused if it is), on a port chosen once and remembered in the data folder.
/// It is stopped on shutdown only by the process that started it, and only once no other client uses it.
/// </summary>
public sealed class EmbeddedPostgres(string dataDirectory, ILogger logger)
{
    private const string PortFile = "unrest-port";

    public string DataDirectory { get; } = dataDirectory;
    public bool StartedByUs { get; private set; }
    public int Port { get; private set; }
    public EmbeddedSecrets Secrets { get; } = new(dataDirectory);

    public async Task<string> EnsureStartedAsync(string database, CancellationToken ct)
    {
        var bin = EmbeddedLocations.Binaries();
        Directory.CreateDirectory(Path.GetDirectoryName(DataDirectory)!);
        await using (var gate = await AcquireGateAsync(ct))
        {
            if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
            {
                await InitializeAsync(bin, ct);
            }
            Port = ReadOrChoosePort();
            var running = await IsRunningAsync(bin, ct);
            if (EmbeddedAccess.NeedsSecuring(DataDirectory, Secrets))
            {
                await (running
                    ? EmbeddedAccess.SecureRunningAsync(bin, DataDirectory, Port, Secrets, logger, ct)
                    : EmbeddedAccess.SecureStoppedAsync(bin, DataDirectory, Secrets, logger, ct));
            }
            await ReuseOrStartAsync(bin, running, ct);
        }
        await WaitUntilReadyAsync(bin, ct);
        var connectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = EmbeddedSecrets.Owner,
            Password = Secrets.PasswordOf(EmbeddedSecrets.Owner),
            Database = database,
        }.ConnectionString;
        await EmbeddedAccess.CreateDatabaseIfMissingAsync(connectionString, database, ct);
        await EmbeddedAccess.EnsureApiRoleAsync(connectionString, Secrets, ct);
        return connectionString;
    }

    /// <summary>The API's own connection: the least-privilege role, same cluster and database as <paramref name="ownerConnectionString"/>.</summary>
    public string ApiConnectionString(string ownerConnectionString) => new NpgsqlConnectionStringBuilder(ownerConnectionString)
    {
        Username = EmbeddedSecrets.ApiRole,
        Password = Secrets.PasswordOf(EmbeddedSecrets.ApiRole),
    }.ConnectionString;

    public async Task StopAsync(CancellationToken ct = default)
    {
        var bin = EmbeddedLocations.Binaries();
        await ProcessRunner.RunAsync(Path.Combine(bin, "pg_ctl"), ["stop", "-D", DataDirectory, "-m", "fast", "-w"], true, ct);
        logger.LogInformation("Stopped the embedded PostgreSQL in {Directory}", DataDirectory);
    }

    public async Task StartAsync(CancellationToken ct = default) => await StartAsync(EmbeddedLocations.Binaries(), ct);

    /// <summary>
    /// Starts a cluster whose data folder exists already (a replica's, made by <c>pg_basebackup</c>), or reuses it
    /// running, on its own remembered port. <paramref name="prepare"/> runs first, under the same gate, while the
    /// folder is missing: it creates it.
    /// </summary>
    internal async Task StartExistingAsync(Func<string, CancellationToken, Task> prepare, CancellationToken ct)
    {
        var bin = EmbeddedLocations.Binaries();
        Directory.CreateDirectory(Path.GetDirectoryName(DataDirectory)!);
        await using (var gate = await AcquireGateAsync(ct))
        {
            if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
            {
                await prepare(bin, ct);
            }
            Port = ReadOrChoosePort();
            await ReuseOrStartAsync(bin, await IsRunningAsync(bin, ct), ct);
        }
        await WaitUntilReadyAsync(bin, ct);
    }

    private async Task<bool> IsRunningAsync(string bin, CancellationToken ct) =>
        (await ProcessRunner.RunAsync(Path.Combine(bin, "pg_ctl"), ["status", "-D", DataDirectory], true, ct)).ExitCode == 0;

    private async Task ReuseOrStartAsync(string bin, bool running, CancellationToken ct)
    {
        KeepPrivate(LogPath);
        if (running)
        {
            logger.LogInformation("Reusing the embedded PostgreSQL in {Directory} on port {Port}", DataDirectory, Port);
        }
        else
        {
            await StartAsync(bin, ct);
        }
    }

    /// <summary>
    /// Stops the cluster this process started, unless another process is still connected to it
    /// (an API started after a <c>keys</c> command, tests beside a running API): that one keeps it.
    /// </summary>
    public async Task StopIfUnusedAsync(string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            var admin = new NpgsqlConnectionStringBuilder(connectionString) { Database = "postgres", Pooling = false, Timeout = 3 };
            await using var connection = new NpgsqlConnection(admin.ConnectionString);
            await connection.OpenAsync();
            await using var others = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()", connection);
            if (await others.ExecuteScalarAsync() is long count && count > 0)
            {
                logger.LogInformation("Leaving the embedded PostgreSQL running: {Count} other connection(s) still use it", count);
                return;
            }
        }
        catch (NpgsqlException)
        {
            // Unreachable: nothing can be using it, and pg_ctl stop is harmless on a stopped cluster.
        }
        await StopAsync();
    }

    private async Task StartAsync(string bin, CancellationToken ct)
    {
        var log = LogPath;
        KeepPrivate(log);
        if (ProcessRunner.IsRoot)
        {
            await ProcessRunner.RunAsync("chown", ["postgres:postgres", log], false, ct);
        }
        var options = $"-p {Port} -c listen_addresses=127.0.0.1 {EmbeddedAccess.SocketOption(DataDirectory)} -c max_connections=200 -c shared_buffers={SharedBuffersMegabytes}MB";
        var (code, output) = await ProcessRunner.RunAsync(
            Path.Combine(bin, "pg_ctl"), ["start", "-D", DataDirectory, "-l", log, "-w", "-t", "60", "-o", options], true, ct);
        if (code != 0)
        {
            throw new InvalidOperationException($"pg_ctl could not start the embedded PostgreSQL in {DataDirectory} (see {log}): {output}");
        }
        StartedByUs = true;
        logger.LogInformation("Started the embedded PostgreSQL in {Directory} on port {Port}", DataDirectory, Port);
    }

    /// <summary>
    /// An eighth of the machine's memory, between PostgreSQL's default 128 MB and 2 GB: the default is sized for a machine
    /// that runs nothing else, and a database of millions of claims read at random would go to the kernel's cache for most
    /// pages (memory is taken as pages are used, so a small database costs no more).
    /// </summary>
    private static long SharedBuffersMegabytes => Math.Clamp(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 8 / (1024 * 1024), 128, 2048);

    /// <summary>The server's log, beside its data folder.</summary>
    public string LogPath => Path.Combine(Path.GetDirectoryName(DataDirectory)!, Path.GetFileName(DataDirectory) + ".log");

    /// <summary>The log tells who connected and what failed: readable by its owner only (a log made by an older checkout included).</summary>
    private static void KeepPrivate(string log)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (new FileStream(log, new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, UnixCreateMode = OwnerOnly }))
        {
        }
        File.SetUnixFileMode(log, OwnerOnly);
    }

    private async Task InitializeAsync(string bin, CancellationToken ct)
    {
        Directory.CreateDirectory(DataDirectory);
        if (ProcessRunner.IsRoot)
        {
            await ProcessRunner.RunAsync("chown", ["-R", "postgres:postgres", DataDirectory], false, ct);
        }
        // ICU root collation: lower(), upper() and ORDER BY follow Unicode in every script. Search does not rely on
        // it (it names its collation), but every other comparison does. Clusters made earlier keep their locale.
        var (code, output) = await ProcessRunner.RunAsync(
            Path.Combine(bin, "initdb"),
            ["-D", DataDirectory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--locale-provider=icu", "--icu-locale=und"], true, ct);
        if (code != 0)
        {
            throw new InvalidOperationException($"initdb failed for {DataDirectory}: {output}");
        }
        logger.LogInformation("Created an embedded PostgreSQL cluster in {Directory}", DataDirectory);
    }

    private int ReadOrChoosePort()
    {
        var file = Path.Combine(DataDirectory, PortFile);
        if (File.Exists(file) && int.TryParse(File.ReadAllText(file).Trim(), out var remembered))
        {
            return remembered;
        }
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        File.WriteAllText(file, port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return port;
    }

    private async Task WaitUntilReadyAsync(string bin, CancellationToken ct)
    {
        // As the superuser initdb made: without -U, pg_isready names the OS user (root), and the server logs
        // FATAL: role "root" does not exist on every probe.
        for (var attempt = 0; attempt < 60; attempt++)
        {
            var (code, _) = await ProcessRunner.RunAsync(Path.Combine(bin, "pg_isready"),
                ["-h", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", EmbeddedSecrets.Owner, "-d", "postgres"], false, ct);
            if (code == 0)
            {
                return;
            }
            await Task.Delay(500, ct);
        }
        throw new InvalidOperationException($"The embedded PostgreSQL on port {Port} did not become ready.");
    }

    /// <summary>An exclusive file lock, so two processes starting at once do not both run initdb.</summary>
    private async Task<FileStream> AcquireGateAsync(CancellationToken ct)
    {
        var path = DataDirectory + ".lock";
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (attempt < 240)
            {
                await Task.Delay(250, ct);
            }
        }
    }
}
