using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using UnrestTracker.Api.Infrastructure.Db;

#nullable disable

namespace UnrestTracker.Api.Migrations;

/// <summary>
/// The series key, stated once: <c>series_key_of</c>, which a BEFORE INSERT trigger applies to every figure version (the API's
/// writes, the import's COPY, raw inserts), so no writer computes it. The key is (incident, metric, subject, scope country,
/// admin1, place, unit) joined by <c>|</c>, and <c>|{event id}</c> for an event-level figure; each part escapes <c>%</c> as
/// <c>%25</c> and <c>|</c> as <c>%7C</c>, so that {admin1: "A|B", place: "C"} and {admin1: "A", place: "B|C"} are two series.
/// Keys of parts without <c>%</c> or <c>|</c> are unchanged.
/// <para>
/// Existing keys that differ are recomputed here, as the owner: keys are derived, so no history is lost, but
/// <c>figure_versions</c> refuses UPDATE, so its append-only trigger is disabled for that one statement inside this
/// migration's transaction; the derived series tables are then rebuilt from history.
/// </para>
/// </summary>
[DbContext(typeof(UnrestDb))]
[Migration("20261206120010_UnambiguousSeriesKey")]
public partial class UnambiguousSeriesKey : Migration
{
    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE FUNCTION series_key_part(part text) RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
                SELECT replace(replace(coalesce(part, ''), '%', '%25'), '|', '%7C')
            $fn$;
            CREATE FUNCTION series_key_of(incident uuid, event uuid, metric text, subject text, country text, admin1 text, place text, unit text)
            RETURNS text LANGUAGE sql IMMUTABLE AS $fn$
                SELECT concat_ws('|', replace(incident::text, '-', ''), series_key_part(metric), series_key_part(subject), series_key_part(country),
                                 series_key_part(admin1), series_key_part(place), series_key_part(unit), replace(event::text, '-', ''))
            $fn$;
            CREATE FUNCTION figure_versions_series_key() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                NEW.series_key := public.series_key_of(NEW.incident_id, NEW.event_id, NEW.metric, NEW.subject,
                                                       NEW.scope_country, NEW.scope_admin1, NEW.scope_place, NEW.unit);
                RETURN NEW;
            END $fn$;
            CREATE TRIGGER figure_versions_series_key BEFORE INSERT ON figure_versions FOR EACH ROW EXECUTE FUNCTION figure_versions_series_key();

            DO $$
            DECLARE
                changed bigint;
            BEGIN
                ALTER TABLE figure_versions DISABLE TRIGGER figure_versions_append_only;
                UPDATE figure_versions f
                SET series_key = series_key_of(f.incident_id, f.event_id, f.metric, f.subject, f.scope_country, f.scope_admin1, f.scope_place, f.unit)
                WHERE f.series_key <> series_key_of(f.incident_id, f.event_id, f.metric, f.subject, f.scope_country, f.scope_admin1, f.scope_place, f.unit);
                GET DIAGNOSTICS changed = ROW_COUNT;
                ALTER TABLE figure_versions ENABLE TRIGGER figure_versions_append_only;
                IF changed > 0 THEN
                    PERFORM rebuild_series_revisions();
                END IF;
            END $$;
            """);
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            DROP TRIGGER figure_versions_series_key ON figure_versions;
            DROP FUNCTION figure_versions_series_key();
            DROP FUNCTION series_key_of(uuid, uuid, text, text, text, text, text, text);
            DROP FUNCTION series_key_part(text);
            """);
    }
}
