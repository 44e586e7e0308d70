using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace UnrestTracker.Api.Infrastructure.Db;

/// <summary>Lets <c>dotnet ef migrations add</c> build the model without a running database.</summary>
internal sealed class DesignTimeDbFactory : IDesignTimeDbContextFactory<UnrestDb>
{
    public UnrestDb CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<UnrestDb>()
        .UseNpgsql("Host=localhost;Database=unrest", npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history"))
        .UseSnakeCaseNamingConvention()
        .Options);
}
