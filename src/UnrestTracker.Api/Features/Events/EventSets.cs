using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Events;

namespace UnrestTracker.Api.Infrastructure.Db;

/// <summary>The events' versions, as sets of the context (the feature's part of it).</summary>
public sealed partial class UnrestDb
{
    public DbSet<EventVersion> EventVersions => Set<EventVersion>();
}
