using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Sources;

namespace UnrestTracker.Api.Infrastructure.Db;

/// <summary>The sources' versions, as sets of the context (the feature's part of it).</summary>
public sealed partial class UnrestDb
{
    public DbSet<SourceVersion> SourceVersions => Set<SourceVersion>();
}
