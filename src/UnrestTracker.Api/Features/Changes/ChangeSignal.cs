using Npgsql;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Features.Changes;

/// <summary>
/// Wakes whoever waits for new changes (streams, webhook delivery), once per process: one connection of its own
/// (outside the pool) listens to <c>unrest_changes</c>, which every insert into the change log notifies on commit,
/// and a poll of the newest seq every second covers a lost listener connection. It only wakes: readers find out
/// what changed from the database they read, so a replica (which delivers no NOTIFY) is read once it has replayed.
/// </summary>
public sealed class ChangeSignal(DatabaseLocation location, ILogger<ChangeSignal> logger) : BackgroundService
{
    public const string Channel = "unrest_changes";
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _newest;

    /// <summary>The newest seq the primary had at the last poll or notification (0 before the first).</summary>
    public long Newest => Interlocked.Read(ref _newest);

    /// <summary>Completes at the next wake-up; take it before reading, so a change committed meanwhile is not missed.</summary>
    public Task Next => Volatile.Read(ref _next).Task;

    private void Wake() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(ListenAsync(stoppingToken), PollAsync(stoppingToken));

    private async Task ListenAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(location.ConnectionString) { Pooling = false, KeepAlive = 30, CommandTimeout = 0 };
                await using var connection = new NpgsqlConnection(builder.ConnectionString);
                await connection.OpenAsync(ct);
                connection.Notification += (_, _) => _ = PollOnceAsync(ct);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(ct);
                }
                Wake(); // whatever was committed while no one listened
                while (true)
                {
                    await connection.WaitAsync(ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                logger.LogWarning(e, "Listening for changes failed; polling every second until it is back");
                await Task.Delay(TimeSpan.FromSeconds(5), ct).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private async Task PollAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(PollInterval);
        do
        {
            await PollOnceAsync(ct);
        }
        while (await timer.WaitForNextTickAsync(ct).AsTask().ContinueWith(t => t.IsCompletedSuccessfully && t.Result, TaskScheduler.Default));
    }

    /// <summary>Reads the newest seq and wakes the readers when it moved (a notification wakes them in any case).</summary>
    private async Task PollOnceAsync(CancellationToken ct)
    {
        try
        {
            await using var connection = new NpgsqlConnection(location.ConnectionString);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT coalesce(max(seq), 0) FROM changes", connection);
            var newest = (long)(await command.ExecuteScalarAsync(ct))!;
            if (Interlocked.Exchange(ref _newest, newest) != newest)
            {
                Wake();
            }
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or OperationCanceledException)
        {
            logger.LogDebug(e, "Polling the newest change failed");
            Wake(); // readers look for themselves
        }
    }
}
