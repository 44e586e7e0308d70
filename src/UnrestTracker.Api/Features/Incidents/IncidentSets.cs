using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Incidents;

namespace UnrestTracker.Api.Infrastructure.Db;

/// <summary>The incidents' versions, as sets of the context (the feature's part of it).</summary>
public sealed partial class UnrestDb
{
    public DbSet<IncidentVersion> IncidentVersions => Set<IncidentVersion>();
}
