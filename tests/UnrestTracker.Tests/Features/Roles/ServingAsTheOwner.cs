using System.Net;
using Microsoft.AspNetCore.Hosting;
using UnrestTracker.Api.Features.Keys;
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
    public async Task The_api_still_serves_but_readiness_tells_an_admin_key_that_history_is_unprotected()
    {
        var admin = await ClientFactory.WithKeyAsync(api, $"admin-{Guid.NewGuid():N}", KeyScope.Admin);

        var list = await admin.GetAsync("/api/v1/incidents");
        var ready = await admin.GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        var text = await ready.Content.ReadAsStringAsync();
        Assert.StartsWith("Degraded", text, StringComparison.Ordinal);
        Assert.Contains("History is unprotected", text, StringComparison.Ordinal);
        Assert.Contains("superuser", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Readiness_tells_an_anonymous_caller_the_status_and_nothing_about_the_role()
    {
        var ready = await ClientFactory.Anonymous(api).GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Degraded", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readiness_tells_an_operator_on_this_machine_why_when_no_proxy_is_configured()
    {
        var text = await api.ReadinessFromLoopbackAsync();

        Assert.StartsWith("Degraded", text, StringComparison.Ordinal);
        Assert.Contains("superuser", text, StringComparison.Ordinal);
    }
}
