using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Keys;

namespace UnrestTracker.Api.Infrastructure.Db;

/// <summary>The API keys, as sets of the context (the feature's part of it).</summary>
public sealed partial class UnrestDb
{
    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();
}
