using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace UnrestTracker.Tests.Support;

/// <summary>The API on a Kestrel port that counts the requests reaching it (by path and query), nginx its known proxy.</summary>
public sealed class CountingApiFactory : KestrelApiFactory
{
    public ConcurrentDictionary<string, int> Reached { get; } = new();

    public CountingApiFactory() => Settings["ForwardedHeaders:KnownProxies"] = "127.0.0.1";

    public int ReachedFor(string pathAndQuery) => Reached.GetValueOrDefault(pathAndQuery);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new Counting(Reached)));
    }

    private sealed class Counting(ConcurrentDictionary<string, int> reached) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                reached.AddOrUpdate($"{http.Request.Path}{http.Request.QueryString}", 1, (_, n) => n + 1);
                return nextMiddleware(http);
            });
            next(app);
        };
    }
}

/// <summary>
/// Debian's nginx (nginx-light) with the repository's docker/nginx-cache.conf, on a free port in front of the API on
/// Kestrel, with the demo loaded: the configuration an operator runs, only its addresses and paths changed.
/// </summary>
public sealed class NginxFixture : IAsyncLifetime
{
    public const string NginxPath = "/usr/sbin/nginx";

    private readonly string _dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), $"unrest-nginx-{Guid.NewGuid():N}")).FullName;
    private Process? _nginx;

    public CountingApiFactory Api { get; } = new();
    public Uri Address { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(NginxPath))
        {
            throw new InvalidOperationException($"nginx is missing at {NginxPath}: install it (apt-get install -y nginx-light; .ci/run does).");
        }
        await ((IAsyncLifetime)Api).InitializeAsync();
        await Api.ResetAsync();
        await Api.LoadDemoAsync();
        var port = FreePort();
        var site = (await File.ReadAllTextAsync(Path.Combine(BrowserFixture.RepositoryRoot(), "docker", "nginx-cache.conf")))
            .Replace("/var/cache/nginx/unrest", Path.Combine(_dir, "cache"), StringComparison.Ordinal)
            .Replace("server api:5080;", $"server 127.0.0.1:{Api.Address.Port};", StringComparison.Ordinal)
            .Replace("listen 80 default_server;", $"listen 127.0.0.1:{port} default_server;", StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(_dir, "site.conf"), site);
        await File.WriteAllTextAsync(Path.Combine(_dir, "nginx.conf"), $$"""
            daemon off;
            master_process off;
            pid {{_dir}}/nginx.pid;
            error_log {{_dir}}/error.log warn;
            events { worker_connections 256; }
            http {
                access_log off;
                client_body_temp_path {{_dir}}/body;
                proxy_temp_path {{_dir}}/proxy;
                include {{_dir}}/site.conf;
            }
            """);
        _nginx = Process.Start(new ProcessStartInfo(NginxPath) { ArgumentList = { "-c", Path.Combine(_dir, "nginx.conf"), "-p", _dir }, RedirectStandardError = true })!;
        Address = new Uri($"http://127.0.0.1:{port}");
        using var client = new HttpClient { BaseAddress = Address };
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                (await client.GetAsync("/health/live")).EnsureSuccessStatusCode();
                return;
            }
            catch (HttpRequestException) when (attempt < 50 && !_nginx.HasExited)
            {
                await Task.Delay(100);
            }
            catch (HttpRequestException e)
            {
                throw new InvalidOperationException($"nginx did not start: {await _nginx.StandardError.ReadToEndAsync()}", e);
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (_nginx is { HasExited: false })
        {
            _nginx.Kill();
            await _nginx.WaitForExitAsync();
        }
        _nginx?.Dispose();
        await Api.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

[CollectionDefinition(Name)]
public sealed class NginxCollection : ICollectionFixture<NginxFixture>
{
    public const string Name = "nginx";
}
