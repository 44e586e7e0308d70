using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Incidents;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Features.Demo;

/// <summary>
/// The January 2022 unrest in Kazakhstan, loaded once into an empty database through the same
/// write paths the API uses (its facts and timestamps: docs/demo.md).
/// </summary>
public static class DemoData
{
    public const string Slug = "kazakhstan-2022-01";
    public const string RecordedBy = "demo";

    /// <summary>A start-up step: the demo loaded once unless <c>Demo:Load</c> is false, logged either way.</summary>
    public static async Task LoadDemoOnceAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        if (!services.GetRequiredService<IConfiguration>().GetValue("Demo:Load", true))
        {
            return;
        }
        await using var scope = services.CreateAsyncScope();
        var loaded = await LoadOnceAsync(scope.ServiceProvider, ct);
        services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DemoData)).LogInformation(loaded
            ? "Loaded the demo incident {Slug} (Demo:Load=false turns this off)"
            : "The demo incident {Slug} is already present", Slug);
    }

    public static async Task<bool> LoadOnceAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<UnrestDb>();
        var writer = services.GetRequiredService<Writer>();
        return await writer.WriteAsync(RecordedBy, async batch =>
        {
            // Checked under the write lock, so two processes starting at once load it once.
            if (await db.IncidentVersions.AnyAsync(v => v.Slug == Slug, ct))
            {
                return false;
            }
            var incident = await CreateIncident.RecordAsync(db, batch, DemoIncident.Request, ct)
                ?? throw new InvalidOperationException("The demo slug is taken.");
            var sources = DemoSources.Record(db, batch);
            DemoEvents.Record(db, batch, incident.Id, sources);
            DemoStatements.Record(db, batch, incident.Id, sources);
            return true;
        }, ct);
    }
}
