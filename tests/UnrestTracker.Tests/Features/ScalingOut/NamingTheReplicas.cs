using Npgsql;
using UnrestTracker.Api.Infrastructure.Replicas;

namespace UnrestTracker.Tests.Features.ScalingOut;

public sealed class NamingTheReplicas
{
    private const string Primary = "Host=db1;Port=5432;Database=unrest;Username=unrest_api;Password=secret";

    [Fact]
    public void A_multi_host_connection_string_becomes_one_replica_per_host_with_the_primarys_credentials()
    {
        var replicas = ReplicaHosts.Split(
            "Host=db2:5433,db3,[::1]:5434;Port=5440;Load Balance Hosts=true;Target Session Attributes=prefer-standby", Primary)
            .Select(c => new NpgsqlConnectionStringBuilder(c)).ToList();

        Assert.Equal(["db2:5433", "db3:5440", "::1:5434"], replicas.Select(r => $"{r.Host}:{r.Port}"));
        Assert.All(replicas, r =>
        {
            Assert.Equal("unrest_api", r.Username);
            Assert.Equal("secret", r.Password);
            Assert.Equal("unrest", r.Database);
            Assert.False(r.LoadBalanceHosts);
        });
    }

    [Fact]
    public void Without_replicas_every_read_stays_on_the_primary() =>
        Assert.Empty(ReplicaHosts.Split(null, Primary));
}
