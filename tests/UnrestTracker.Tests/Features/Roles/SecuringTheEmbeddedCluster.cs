using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using UnrestTracker.Api.Infrastructure.Embedded;

namespace UnrestTracker.Tests.Features.Roles;

/// <summary>Clusters made by older checkouts trusted every local connection; the first use gives them passwords.</summary>
public sealed class SecuringTheEmbeddedCluster
{
    private static async Task RunAsPostgresAsync(string tool, params string[] args)
    {
        var (code, output) = await ProcessRunner.RunAsync(Path.Combine(EmbeddedLocations.Binaries(), tool), args, true, CancellationToken.None);
        Assert.True(code == 0, output);
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_running_cluster_that_trusted_everyone_asks_for_a_password_once_the_api_has_used_it()
    {
        var directory = EmbeddedLocations.DataDirectory($"pg-trust-{Guid.NewGuid():N}"[..16], NullLogger.Instance);
        Directory.CreateDirectory(directory);
        await ProcessRunner.RunAsync("chown", ["postgres:postgres", directory], false, CancellationToken.None);
        var cluster = new EmbeddedPostgres(directory, NullLogger.Instance);
        try
        {
            await RunAsPostgresAsync("initdb", "-D", directory, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale");
            var port = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
            port.Start();
            var number = ((System.Net.IPEndPoint)port.LocalEndpoint).Port;
            port.Stop();
            await File.WriteAllTextAsync(Path.Combine(directory, "unrest-port"), number.ToString(System.Globalization.CultureInfo.InvariantCulture));
            await RunAsPostgresAsync("pg_ctl", "start", "-D", directory, "-w", "-l", Path.Combine(directory, "log"),
                "-o", $"-p {number} -c listen_addresses=127.0.0.1 -k {directory}");

            var owner = await cluster.EnsureStartedAsync("unrest", CancellationToken.None);

            var anonymous = new NpgsqlConnectionStringBuilder(owner) { Password = null, Pooling = false };
            await using var withoutPassword = new NpgsqlConnection(anonymous.ConnectionString);
            await Assert.ThrowsAnyAsync<NpgsqlException>(() => withoutPassword.OpenAsync());
            await using var api = new NpgsqlConnection(cluster.ApiConnectionString(owner));
            await api.OpenAsync();
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cluster.Secrets.FilePath));
        }
        finally
        {
            await cluster.StopAsync();
            Directory.Delete(directory, recursive: true);
            File.Delete(cluster.Secrets.FilePath);
            File.Delete(directory + ".lock");
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task A_cluster_in_a_folder_with_a_space_and_a_quote_keeps_its_socket_inside_its_log_private_and_no_password_in_it()
    {
        var directory = EmbeddedLocations.DataDirectory($"pg o'q {Guid.NewGuid():N}"[..15], NullLogger.Instance);
        var cluster = new EmbeddedPostgres(directory, NullLogger.Instance);
        try
        {
            var owner = await cluster.EnsureStartedAsync("unrest", CancellationToken.None);
            await using (var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(owner) { Pooling = false }.ConnectionString))
            {
                await connection.OpenAsync();
                // An operator auditing every statement: what the roles' passwords are set with is then in the log.
                await new NpgsqlCommand("ALTER SYSTEM SET log_statement = 'all'; SELECT pg_reload_conf();", connection).ExecuteNonQueryAsync();
            }
            await Task.Delay(500);
            await cluster.EnsureStartedAsync("unrest", CancellationToken.None);

            Assert.True(File.Exists(Path.Combine(directory, $".s.PGSQL.{cluster.Port}")), "the socket is not in the data folder");
            const UnixFileMode Others = UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;
            Assert.Equal((UnixFileMode)0, File.GetUnixFileMode(cluster.LogPath) & Others);
            var log = await File.ReadAllTextAsync(cluster.LogPath);
            Assert.Contains("ALTER ROLE", log, StringComparison.Ordinal);
            Assert.DoesNotContain(cluster.Secrets.PasswordOf(EmbeddedSecrets.Owner), log, StringComparison.Ordinal);
            Assert.DoesNotContain(cluster.Secrets.PasswordOf(EmbeddedSecrets.ApiRole), log, StringComparison.Ordinal);
        }
        finally
        {
            await cluster.StopAsync();
            Directory.Delete(directory, recursive: true);
            File.Delete(cluster.Secrets.FilePath);
            File.Delete(cluster.LogPath);
            File.Delete(directory + ".lock");
        }
    }
}
