using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using UnrestTracker.Api.Infrastructure.Db;

#nullable disable

namespace UnrestTracker.Api.Migrations;

/// <summary>
/// Secrets a deployment generates for itself on first start (the cursor signing key), so none has a
/// default anyone can read in the source. Kept out of the entity model: only raw SQL reads it.
/// </summary>
[DbContext(typeof(UnrestDb))]
[Migration("20261129120500_DeploymentSecrets")]
public partial class DeploymentSecrets : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("CREATE TABLE deployment_secrets (name text PRIMARY KEY, value bytea NOT NULL, created_at timestamptz NOT NULL DEFAULT now());");

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("DROP TABLE deployment_secrets;");
}
