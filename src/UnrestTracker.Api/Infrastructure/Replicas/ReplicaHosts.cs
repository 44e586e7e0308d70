using System.Globalization;
using Npgsql;

namespace UnrestTracker.Api.Infrastructure.Replicas;

/// <summary>
/// Reads <c>ConnectionStrings:UnrestReplicas</c>, an Npgsql multi-host connection string
/// (<c>Host=r1:5432,r2:5432;Load Balance Hosts=true;Target Session Attributes=prefer-standby</c>), as one
/// connection string per host. Npgsql's own choice of host cannot see how far each replica has replayed, so
/// the API balances and falls back itself (<see cref="ReadRouting"/>); both settings are implied and dropped here.
/// </summary>
public static class ReplicaHosts
{
    /// <summary>Missing username, password and database are the primary's (a physical replica has its roles).</summary>
    public static IReadOnlyList<string> Split(string? replicas, string primary)
    {
        if (string.IsNullOrWhiteSpace(replicas))
        {
            return [];
        }
        var template = new NpgsqlConnectionStringBuilder(replicas) { LoadBalanceHosts = false, TargetSessionAttributes = null };
        var api = new NpgsqlConnectionStringBuilder(primary);
        template.Username ??= api.Username;
        template.Password ??= api.Password;
        template.Database ??= api.Database;
        return (template.Host ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(entry =>
            {
                var (host, port) = HostAndPort(entry, template.Port);
                return new NpgsqlConnectionStringBuilder(template.ConnectionString) { Host = host, Port = port }.ConnectionString;
            })
            .ToList();
    }

    /// <summary><c>host</c>, <c>host:port</c>, <c>[v6]</c> or <c>[v6]:port</c>.</summary>
    private static (string Host, int Port) HostAndPort(string entry, int defaultPort)
    {
        var colon = entry.LastIndexOf(':');
        var bracket = entry.LastIndexOf(']');
        if (colon < 0 || colon < bracket || (bracket < 0 && entry.IndexOf(':') != colon))
        {
            return (entry.Trim('[', ']'), defaultPort);
        }
        return (entry[..colon].Trim('[', ']'), int.Parse(entry[(colon + 1)..], CultureInfo.InvariantCulture));
    }

    /// <summary>How a replica is named in logs and on /health/ready: host:port, never its password.</summary>
    public static string NameOf(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Host}:{builder.Port}";
    }
}
