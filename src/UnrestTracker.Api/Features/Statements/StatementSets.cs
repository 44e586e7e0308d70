using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Statements;

namespace UnrestTracker.Api.Infrastructure.Db;

/// <summary>The claims: statements' and figures' versions, and retractions, as sets of the context (the feature's part of it).</summary>
public sealed partial class UnrestDb
{
    public DbSet<StatementVersion> StatementVersions => Set<StatementVersion>();
    public DbSet<FigureVersion> FigureVersions => Set<FigureVersion>();
    public DbSet<Retraction> Retractions => Set<Retraction>();
}
