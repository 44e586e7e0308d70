using System.Net;
using Microsoft.AspNetCore.Hosting;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Roles;

/// <summary>A user's single connection string that owns the tables (or is a superuser): the API serves, and says so.</summary>
public sealed class OwnerApiFactory : ApiFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("ConnectionStrings:Unrest", OwnerConnectionString);
        builder.UseSetting("ConnectionStrings:UnrestMigrations", "");
    }
}

public sealed class ServingAsTheOwner(OwnerApiFactory api) : IClassFixture<OwnerApiFactory>
{
    [Fact]
    public async Task The_api_still_serves_but_readiness_says_history_is_unprotected()
    {
        var client = ClientFactory.Anonymous(api);

        var list = await client.GetAsync("/api/v1/incidents");
        var ready = await client.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var text = await ready.Content.ReadAsStringAsync();
        Assert.StartsWith("Degraded", text, StringComparison.Ordinal);
        Assert.Contains("History is unprotected", text, StringComparison.Ordinal);
        Assert.Contains("superuser", text, StringComparison.Ordinal);
    }
}
