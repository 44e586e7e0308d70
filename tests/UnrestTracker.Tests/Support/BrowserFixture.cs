using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace UnrestTracker.Tests.Support;

/// <summary>The API on a real Kestrel port (a browser needs a socket; TestServer has none), with the demo loaded.</summary>
public class KestrelApiFactory : ApiFactory
{
    public KestrelApiFactory() => UseKestrel(options => options.Listen(IPAddress.Loopback, 0));

    protected override void StartHost() => StartServer();

    protected override async Task<string> GetTextFromAsync(IPAddress from, string path)
    {
        using var client = CreateDefaultClient(Address);
        return await client.GetStringAsync(path);
    }

    public Uri Address => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
}

/// <summary>
/// Debian's chromium (<c>CHROMIUM_PATH</c> overrides /usr/bin/chromium) driven by Playwright, on a fresh profile,
/// against the demo. A missing chromium fails every browser test: it is a dependency, like PostgreSQL.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public static readonly string ChromiumPath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    private readonly string _profile = Path.Combine(Path.GetTempPath(), $"unrest-chromium-{Guid.NewGuid():N}");
    private IPlaywright? _playwright;

    public KestrelApiFactory Api { get; } = new();
    public IBrowserContext Browser { get; private set; } = null!;

    /// <summary>Where screenshots go: TestResults/page at the repository root (kept by CI as artifacts).</summary>
    public static string Artifacts { get; } = Directory.CreateDirectory(Path.Combine(RepositoryRoot(), "TestResults", "page")).FullName;

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium is missing at {ChromiumPath}: install it (apt-get install -y chromium; .ci/run does) or set CHROMIUM_PATH.");
        }
        await ((IAsyncLifetime)Api).InitializeAsync();
        await Api.ResetAsync();
        await Api.LoadDemoAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchPersistentContextAsync(_profile, new()
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
            BaseURL = Api.Address.ToString(),
            Locale = "en-GB",
            TimezoneId = "Asia/Almaty", // the page must say UTC whatever the reader's zone
        });
        // Generous waits: a busy CI machine renders Swagger UI's large document slowly; a wait ends as soon as the page is ready.
        Browser.SetDefaultTimeout(60_000);
        Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(60_000);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }
        _playwright?.Dispose();
        await ((IAsyncLifetime)Api).DisposeAsync();
        if (Directory.Exists(_profile))
        {
            Directory.Delete(_profile, recursive: true);
        }
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "UnrestTracker.sln")))
            {
                return dir.FullName;
            }
        }
        return AppContext.BaseDirectory;
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
