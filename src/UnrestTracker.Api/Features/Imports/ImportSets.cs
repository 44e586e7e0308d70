using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Imports;

namespace UnrestTracker.Api.Infrastructure.Db;

/// <summary>The import reports, as sets of the context (the feature's part of it).</summary>
public sealed partial class UnrestDb
{
    public DbSet<ImportReport> ImportReports => Set<ImportReport>();
}
