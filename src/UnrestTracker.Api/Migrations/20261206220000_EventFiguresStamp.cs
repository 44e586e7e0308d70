using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using UnrestTracker.Api.Infrastructure.Db;

#nullable disable

namespace UnrestTracker.Api.Migrations;

/// <summary>
/// A number (<c>event_figures_stamp</c>) that every write changing the counted event figures (<c>event_figures_now</c>) or
/// the clusters (<c>event_clusters_now</c>) takes anew from a sequence, in its own transaction, as the owner. The combined
/// ranges of the present read nothing else, so they are remembered per stamp rather than per write: a statement with only
/// incident-wide figures leaves them as they were. Statement triggers with transition tables, so a write that touches no
/// row (every statement write runs the kept tables' upserts) keeps the stamp.
/// </summary>
[DbContext(typeof(UnrestDb))]
[Migration("20261206220000_EventFiguresStamp")]
public partial class EventFiguresStamp : Migration
{
    private static readonly (string Table, string Event, string Rows)[] Kept =
    [
        ("event_figures_now", "INSERT", "NEW"), ("event_figures_now", "UPDATE", "NEW"), ("event_figures_now", "DELETE", "OLD"),
        ("event_clusters_now", "INSERT", "NEW"), ("event_clusters_now", "DELETE", "OLD"),
    ];

    private static string TriggerName(string table, string op) => $"{table}_stamped_{op.ToLowerInvariant()}";

    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder) => migrationBuilder.Sql($"""
        CREATE SEQUENCE event_figures_stamp_n;
        -- One row (emptied tables start without it: the first change writes it).
        CREATE TABLE event_figures_stamp (one boolean PRIMARY KEY DEFAULT true CHECK (one), n bigint NOT NULL);
        INSERT INTO event_figures_stamp (n) VALUES (nextval('event_figures_stamp_n'));

        CREATE FUNCTION event_figures_stamp_take() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
        BEGIN
            IF EXISTS (SELECT 1 FROM changed_rows) THEN
                INSERT INTO public.event_figures_stamp AS s (n) VALUES (nextval('public.event_figures_stamp_n'))
                ON CONFLICT (one) DO UPDATE SET n = excluded.n;
            END IF;
            RETURN NULL;
        END $fn$;
        CREATE FUNCTION event_figures_stamp_take_on_truncate() RETURNS trigger
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $fn$
        BEGIN
            INSERT INTO public.event_figures_stamp AS s (n) VALUES (nextval('public.event_figures_stamp_n'))
            ON CONFLICT (one) DO UPDATE SET n = excluded.n;
            RETURN NULL;
        END $fn$;
        {string.Join("\n", Kept.Select(k => $"""
            CREATE TRIGGER {TriggerName(k.Table, k.Event)} AFTER {k.Event} ON {k.Table}
                REFERENCING {k.Rows} TABLE AS changed_rows FOR EACH STATEMENT EXECUTE FUNCTION event_figures_stamp_take();
            """))}
        CREATE TRIGGER event_figures_now_stamped_truncate AFTER TRUNCATE ON event_figures_now
            FOR EACH STATEMENT EXECUTE FUNCTION event_figures_stamp_take_on_truncate();
        CREATE TRIGGER event_clusters_now_stamped_truncate AFTER TRUNCATE ON event_clusters_now
            FOR EACH STATEMENT EXECUTE FUNCTION event_figures_stamp_take_on_truncate();
        """);

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder) => migrationBuilder.Sql($"""
        DROP TRIGGER event_clusters_now_stamped_truncate ON event_clusters_now;
        DROP TRIGGER event_figures_now_stamped_truncate ON event_figures_now;
        {string.Join("\n", Kept.Select(k => $"DROP TRIGGER {TriggerName(k.Table, k.Event)} ON {k.Table};"))}
        DROP FUNCTION event_figures_stamp_take_on_truncate();
        DROP FUNCTION event_figures_stamp_take();
        DROP TABLE event_figures_stamp;
        DROP SEQUENCE event_figures_stamp_n;
        """);
}
