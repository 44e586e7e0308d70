using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Tests.Support.OpenApi;

namespace UnrestTracker.Tests.Support;

/// <summary>
/// The API in-process against real PostgreSQL, migrated once per run, the demo data not loaded,
/// rate limits off (tests that need them configure a factory of their own).
/// </summary>
public class ApiFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    /// <summary>The API's own connection (its least-privilege role): what a bug or an injection in the API could do.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>The owner's connection: migrations and resets, and tests that check what even the owner cannot do.</summary>
    public string OwnerConnectionString { get; private set; } = "";

    /// <summary>Extra settings a test class needs (rate limits, timeouts) before the host starts.</summary>
    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["RateLimiting:KeyPermitsPerMinute"] = "0",
        ["RateLimiting:AnonymousPermitsPerMinute"] = "0",
    };

    public async Task InitializeAsync()
    {
        (OwnerConnectionString, ConnectionString) = await ConnectionsAsync();
        StartHost();
    }

    /// <summary>Starts the host, which applies migrations: in memory here, on a real socket for the browser tests.</summary>
    protected virtual void StartHost() => _ = Server;

    /// <summary>Which PostgreSQL this factory uses: the shared test database unless a test needs its own.</summary>
    protected virtual Task<TestConnections> ConnectionsAsync() => TestDatabase.ConnectionsAsync();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ConnectionStrings:Unrest", ConnectionString);
        builder.UseSetting("ConnectionStrings:UnrestMigrations", OwnerConnectionString);
        builder.UseSetting("Demo:Load", "false");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    private Task<ApiDocument>? _document;

    /// <summary>The OpenAPI document this host serves, read once.</summary>
    public Task<ApiDocument> DocumentAsync() => _document ??= ReadDocumentAsync();

    /// <summary>From an address of its own (TEST-NET-1): reading the document spends a rate budget like any request.</summary>
    private async Task<ApiDocument> ReadDocumentAsync() =>
        ApiDocument.Parse(await GetTextFromAsync(System.Net.IPAddress.Parse("192.0.2.254"), "/swagger/v1/swagger.json"));

    /// <summary>A client whose every response is checked against the served OpenAPI document (<see cref="ConformanceHandler"/>).</summary>
    public new HttpClient CreateClient() => CreateClient(ClientOptions);

    /// <inheritdoc cref="CreateClient()"/>
    public new HttpClient CreateClient(WebApplicationFactoryClientOptions options)
    {
        List<DelegatingHandler> handlers = [];
        if (options.AllowAutoRedirect)
        {
            handlers.Add(new RedirectHandler(options.MaxAutomaticRedirections));
        }
        if (options.HandleCookies)
        {
            handlers.Add(new CookieContainerHandler());
        }
        handlers.Add(new ConformanceHandler(DocumentAsync));
        return CreateDefaultClient(options.BaseAddress, [.. handlers]);
    }

    /// <summary>Empties the database, and the API's answers remembered per history prefix (the reset bypasses the change log).</summary>
    public async Task ResetAsync()
    {
        await TestDatabase.ResetAsync(OwnerConnectionString);
        Services.GetRequiredService<HistoryMemo>().Clear();
    }

    /// <summary>Loads the Kazakhstan demo dataset through the API's own loader.</summary>
    public async Task LoadDemoAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        await Api.Features.Demo.DemoData.LoadOnceAsync(scope.ServiceProvider, CancellationToken.None);
    }

    /// <summary>The API's DbContext on the owner's connection (no statement timeout): for tests that load data in bulk.</summary>
    public async Task<T> AsOwnerAsync<T>(Func<UnrestDb, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UnrestDb>();
        db.Database.SetConnectionString(OwnerConnectionString);
        return await work(db);
    }

    public async Task<T> WithDbAsync<T>(Func<UnrestDb, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        return await work(scope.ServiceProvider.GetRequiredService<UnrestDb>());
    }

    /// <summary><c>/health/ready</c> as an operator on this machine reads it: from loopback, where readiness gives its reasons.</summary>
    public Task<string> ReadinessFromLoopbackAsync() => GetTextFromAsync(System.Net.IPAddress.Loopback, "/health/ready");

    /// <summary>A GET as if from <paramref name="from"/>; a factory on a real socket sends it from loopback.</summary>
    protected virtual async Task<string> GetTextFromAsync(System.Net.IPAddress from, string path)
    {
        var context = await Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = path;
            c.Connection.RemoteIpAddress = from;
        });
        return await new StreamReader(context.Response.Body).ReadToEndAsync();
    }

    async Task IAsyncLifetime.DisposeAsync()
    {
        await DisposeAsync();
        await OnDisposedAsync();
        TempFiles.Clear();
    }

    protected virtual Task OnDisposedAsync() => Task.CompletedTask;
}

[CollectionDefinition(Name)]
public sealed class ApiCollection : ICollectionFixture<ApiFactory>
{
    public const string Name = "api";
}
