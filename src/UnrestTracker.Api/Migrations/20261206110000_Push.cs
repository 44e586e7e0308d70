using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using UnrestTracker.Api.Infrastructure.Db;

#nullable disable

namespace UnrestTracker.Api.Migrations;

/// <summary>
/// Push: every insert into the change log notifies <c>unrest_changes</c> in its own transaction (so a listener
/// hears of a change only once it is committed, whichever path wrote it: the API, an import, the CLI), and the
/// webhooks with their delivery log. Webhooks are configuration and delivery state, not history: the API updates
/// and deletes them (<see cref="DatabaseRoles.Bookkeeping"/>), and the delivery log is pruned after
/// <c>Webhooks:DeliveryLogDays</c>. Kept out of the entity model: only raw SQL reads them.
/// </summary>
[DbContext(typeof(UnrestDb))]
[Migration("20261206110000_Push")]
public partial class Push : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        CREATE FUNCTION notify_changes() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            PERFORM pg_notify('unrest_changes', '');
            RETURN NULL;
        END $$;
        CREATE TRIGGER changes_notify AFTER INSERT ON changes FOR EACH STATEMENT EXECUTE FUNCTION notify_changes();

        CREATE TABLE webhooks (
            id uuid PRIMARY KEY,
            url text NOT NULL,
            description text,
            entities text[],
            incident_id uuid,
            secret text NOT NULL,
            created_at timestamptz NOT NULL,
            created_by text NOT NULL,
            position bigint NOT NULL,
            attempt integer NOT NULL DEFAULT 0,
            next_attempt_at timestamptz NOT NULL,
            failing_since timestamptz,
            disabled_at timestamptz,
            disabled_reason text,
            lease_until timestamptz,
            lease_token uuid
        );
        CREATE TABLE webhook_deliveries (
            id uuid PRIMARY KEY,
            webhook_id uuid NOT NULL REFERENCES webhooks (id) ON DELETE CASCADE,
            seq bigint NOT NULL,
            attempt integer NOT NULL,
            at timestamptz NOT NULL,
            status integer,
            error text,
            duration_ms integer NOT NULL
        );
        CREATE INDEX ix_webhook_deliveries_webhook_at ON webhook_deliveries (webhook_id, at DESC, id DESC);
        CREATE INDEX ix_webhook_deliveries_at ON webhook_deliveries (at);
        """);

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        DROP TABLE webhook_deliveries;
        DROP TABLE webhooks;
        DROP TRIGGER changes_notify ON changes;
        DROP FUNCTION notify_changes();
        """);
}
