using Npgsql;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Infrastructure.Replicas;

/// <summary>One replica host and what the last check saw of it.</summary>
public sealed class Replica(string connectionString)
{
    public string ConnectionString { get; } = connectionString;
    public string Name { get; } = ReplicaHosts.NameOf(connectionString);

    /// <summary>Null until checked; then its position and how far it trails the primary's writes.</summary>
    public ReplicaStatus? Status { get; set; }
}

/// <summary>
/// A replica as last seen: <see cref="Problem"/> says why reads skip it (down, not a standby, too far behind);
/// <see cref="BehindSeconds"/> is the larger of its replay lag and the age of the oldest write on the primary it lacks.
/// </summary>
public sealed record ReplicaStatus(ReplayPosition? Position, double BehindSeconds, string? Problem);

/// <summary>
/// Checks every <c>Replicas:CheckSeconds</c> (1) each replica and the primary's horizon, so that a replica that is
/// down or more than <c>Replicas:MaxLagSeconds</c> (10) behind is skipped, and forgets clients' floors (see
/// <see cref="ClientFloors"/>) that have expired. A request also marks a replica down the moment it fails to reach it.
/// </summary>
public sealed class ReplicaMonitor(DatabaseLocation location, ClientFloors floors, IConfiguration configuration, ILogger<ReplicaMonitor> logger)
    : BackgroundService
{
    private readonly TimeSpan _interval = TimeSpan.FromSeconds(Math.Max(0.1, configuration.GetValue("Replicas:CheckSeconds", 1.0)));
    private IReadOnlyList<Replica>? _replicas;
    private int _next;

    public double MaxLagSeconds { get; } = configuration.GetValue("Replicas:MaxLagSeconds", 10.0);

    /// <summary>The configured replicas; empty when there are none (or before the database is resolved).</summary>
    public IReadOnlyList<Replica> Replicas
    {
        get
        {
            if (_replicas is null && location.IsResolved)
            {
                _replicas = location.ReplicaConnectionStrings.Select(c => new Replica(c)).ToList();
            }
            return _replicas ?? [];
        }
    }

    public PrimaryHorizon? Horizon { get; private set; }

    /// <summary>The next usable replica, round robin (the load balancing), or null: read from the primary.</summary>
    public Replica? Next()
    {
        var usable = Replicas.Where(r => r.Status is { Problem: null }).ToList();
        return usable.Count == 0 ? null : usable[(int)((uint)Interlocked.Increment(ref _next) % usable.Count)];
    }

    public void MarkDown(Replica replica, Exception e)
    {
        replica.Status = new ReplicaStatus(null, double.PositiveInfinity, $"down ({e.Message})");
        NpgsqlConnection.ClearPool(new NpgsqlConnection(replica.ConnectionString));
        logger.LogWarning("Replica {Replica} is unreachable ({Reason}); reads go elsewhere until it answers", replica.Name, e.Message);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (Replicas.Count > 0)
                {
                    await CheckAsync(stoppingToken);
                }
                floors.Sweep();
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Never let a surprise end the checks (a failed BackgroundService stops the host): try again next round.
                logger.LogError(e, "Checking the replicas failed");
            }
            try
            {
                await Task.Delay(_interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task CheckAsync(CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        var positions = await Task.WhenAll(Replicas.Select(r => PositionAsync(r, timeout.Token)));
        try
        {
            await using var primary = new NpgsqlConnection(location.ConnectionString);
            await primary.OpenAsync(timeout.Token);
            Horizon = await HorizonAsync(primary, timeout.Token) ?? Horizon;
            foreach (var (replica, position) in Replicas.Zip(positions))
            {
                if (position is not null)
                {
                    var missing = await OldestMissingAgeAsync(primary, position.Seq, timeout.Token);
                    Judge(replica, position, Math.Max(position.LagSeconds, missing));
                }
            }
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or InvalidOperationException && !stoppingToken.IsCancellationRequested)
        {
            // The primary does not answer: judge replicas on their own replay lag; requests get their 503 from the primary.
            foreach (var (replica, position) in Replicas.Zip(positions).Where(p => p.Second is not null))
            {
                Judge(replica, position!, position!.LagSeconds);
            }
        }
    }

    private async Task<ReplayPosition?> PositionAsync(Replica replica, CancellationToken ct)
    {
        try
        {
            await using var connection = new NpgsqlConnection(replica.ConnectionString);
            return await ReplayPosition.ReadAsync(connection, ct);
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            if (replica.Status?.Problem?.StartsWith("down", StringComparison.Ordinal) != true)
            {
                MarkDown(replica, e);
            }
            return null;
        }
    }

    private void Judge(Replica replica, ReplayPosition position, double behind)
    {
        var problem = !position.InRecovery ? "not a standby (promoted, or not a replica)"
            : behind > MaxLagSeconds ? $"{behind:0.0} s behind, more than Replicas:MaxLagSeconds ({MaxLagSeconds:0.#})"
            : null;
        if (replica.Status is null || (problem is null) != (replica.Status.Problem is null))
        {
            logger.LogInformation("Replica {Replica}: {State}", replica.Name, problem ?? "serving reads");
        }
        replica.Status = new ReplicaStatus(position, behind, problem);
    }

    /// <summary>
    /// Holds the write lock for an instant (skipping a round while a write holds it) so that no write stamped before the
    /// clock reading is still uncommitted; then every write recorded by that clock has a seq up to the newest one.
    /// </summary>
    private static async Task<PrimaryHorizon?> HorizonAsync(NpgsqlConnection primary, CancellationToken ct)
    {
        await using var transaction = await primary.BeginTransactionAsync(ct);
        await using var locked = new NpgsqlCommand($"SELECT clock_timestamp() WHERE pg_try_advisory_xact_lock({Writer.WriteLockKey})", primary, transaction);
        if (await locked.ExecuteScalarAsync(ct) is not DateTime at)
        {
            return null;
        }
        await using var newest = new NpgsqlCommand("SELECT coalesce(max(seq), 0) FROM changes", primary, transaction);
        var seq = (long)(await newest.ExecuteScalarAsync(ct))!;
        await transaction.CommitAsync(ct);
        return new PrimaryHorizon(new DateTimeOffset(at, TimeSpan.Zero), seq);
    }

    /// <summary>How long ago the oldest write the replica has not replayed was recorded; 0 when it lacks none.</summary>
    private static async Task<double> OldestMissingAgeAsync(NpgsqlConnection primary, long replicaSeq, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            "SELECT extract(epoch FROM clock_timestamp() - at)::float8 FROM changes WHERE seq > $1 ORDER BY seq LIMIT 1", primary);
        command.Parameters.AddWithValue(replicaSeq);
        return await command.ExecuteScalarAsync(ct) is double age ? Math.Max(0, age) : 0;
    }
}
