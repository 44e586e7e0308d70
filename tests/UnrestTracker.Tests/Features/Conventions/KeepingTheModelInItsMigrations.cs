using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Conventions;

/// <summary>
/// The EF Core model the API queries with is the one its migrations built: an entity, a mapping or a convention changed
/// without a migration shows here rather than as a query against a column that is not there.
/// </summary>
public sealed class KeepingTheModelInItsMigrations(ApiFactory api) : ApiTest(api)
{
    [Fact]
    public async Task The_model_has_no_change_its_migrations_lack()
    {
        await using var scope = Api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<UnrestDb>();

        Assert.False(db.Database.HasPendingModelChanges(), "The model differs from the migrations' snapshot: add a migration (dotnet ef migrations add).");
    }
}
