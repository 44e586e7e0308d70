-- Fills a migrated, empty UnrestTracker database with synthetic claims shaped like real use, straight
-- into the tables (INSERT ... SELECT, deterministic: the same -v figures gives the same rows, ids and all).
-- Run as the tables' owner:  psql -v figures=3000000 -v events=200000 -f bench/generate.sql
--
-- Ids: lpad(to_hex(kind),8,'0') || '-0000-7000-8000-' || lpad(to_hex(n),12,'0'); kinds 1 incident,
-- 2 source, 3 statement, 4 figure, 5 event (bench/run and the baselines rebuild them the same way).
-- Statements: figures/2, two figures each (killed, detained), statedAt spread over 2022-2023,
-- recorded one hour later. Statement i belongs to:
--   an event-level statement when i % 4 = 1: event 1 + (i * 104729) % events, in that event's incident;
--     its figures carry event_id and the series key ends in '|<event id, 32 hex>' (series_key_of, called here since triggers are off);
--   otherwise incident bench_incident(i).
-- bench_incident(k): 1 when k % 9 = 0 (the big incident: one ninth of everything, 1/9*3/4 of statements
-- incident-wide, so its 'killed' series holds figures/24 revisions: 125,000 at 3M); 2..21 when k % 9 = 1
-- (20 mid-sized incidents); otherwise one of many small incidents of ~400 figures each.
-- Sources: 40 per the big incident, 8 per other incident, out of 1,000.
-- The big incident's 'detained' figures name one of 30 regions (30 series); elsewhere no scope.
-- Edits: every statement with i % 53 = 1 gets a second version (its figures too, value + 1) 3 days later.
-- Retractions: i % 97 = 3 (about 1%), retracted 6 h after statedAt, recorded a day after it.
-- Withdrawals (tombstones): statements with i % 211 = 7, two days after statedAt; events with n % 509 = 3.
-- Links: a tenth of the big incident's events in clusters of 2-3 (see the INSERT INTO event_links).
-- The change feed gets one row per write, in recorded_at order.
\set ON_ERROR_STOP on
\if :{?figures}
\else
  \set figures 3000000
\endif
\if :{?events}
\else
  \set events 200000
\endif

SET maintenance_work_mem = '256MB';
SET synchronous_commit = off;
-- Triggers off for the load (the owner is a superuser): the write-time series counts assume writes in recorded_at order,
-- which this script does not keep (tombstones after every figure); they are rebuilt from the loaded history at the end.
SET session_replication_role = replica;
BEGIN;
CREATE FUNCTION pg_temp.bench_id(kind int, n bigint) RETURNS uuid LANGUAGE sql IMMUTABLE AS
  $$ SELECT (lpad(to_hex(kind), 8, '0') || '-0000-7000-8000-' || lpad(to_hex(n), 12, '0'))::uuid $$;
CREATE TABLE pg_temp.p AS
  SELECT greatest(:figures / 2, 1000)::bigint AS statements, (:events)::bigint AS events,
         greatest(50, (:figures / 2) * 7 / 9 * 2 / 400)::bigint AS small;
CREATE FUNCTION pg_temp.bench_incident(k bigint, small bigint) RETURNS bigint LANGUAGE sql IMMUTABLE AS
  $$ SELECT CASE WHEN k % 9 = 0 THEN 1 WHEN k % 9 = 1 THEN 2 + (k / 9) % 20 ELSE 22 + (k * 7919) % small END $$;

-- Secondary indexes are dropped for the load and rebuilt after it (several times faster than maintaining them row by row).
CREATE TABLE pg_temp.saved_indexes AS
  SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
  FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid
  WHERE c.relname IN ('figure_versions', 'statement_versions', 'event_versions', 'changes') AND NOT i.indisprimary;
DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT name FROM pg_temp.saved_indexes LOOP EXECUTE 'DROP INDEX ' || r.name; END LOOP;
END $$;

INSERT INTO incident_versions (id, version, created_at, recorded_at, recorded_by, slug, title, summary, countries, start_date, end_date, tags)
SELECT pg_temp.bench_id(1, i), 1, timestamptz '2021-12-31', timestamptz '2021-12-31', 'bench', 'bench-incident-' || i, 'Bench incident ' || i,
       'Generated for benchmarks.', ARRAY['KZ'], date '2022-01-01', date '2023-12-31', '{}'
FROM pg_temp.p, generate_series(1, 21 + p.small) i;

INSERT INTO source_versions (id, version, created_at, recorded_at, recorded_by, name, kind, country, url, parent_id)
SELECT pg_temp.bench_id(2, i), 1, timestamptz '2021-12-31', timestamptz '2021-12-31', 'bench', 'Bench source ' || i,
       (ARRAY['government','security_forces','judiciary','media','ngo'])[1 + i % 5], 'KZ', NULL, NULL
FROM generate_series(1, 1000) i;

-- Events: half of them protests; latitude 40-50, longitude 70-80, spread evenly.
INSERT INTO event_versions (id, version, created_at, recorded_at, recorded_by, incident_id, date, end_date, date_precision, type, sub_type,
                            title, description, country, admin1, admin2, place, latitude, longitude, location_precision, actors, tags,
                            source_ids, external_refs, external_keys)
SELECT pg_temp.bench_id(5, n), 1, timestamptz '2022-01-01' + n * interval '5 minutes', timestamptz '2022-01-01' + n * interval '5 minutes',
       'bench', pg_temp.bench_id(1, pg_temp.bench_incident(n, p.small)), date '2022-01-01' + (n % 730)::int, NULL, 'day',
       CASE WHEN n % 2 = 0 THEN 'protests'
            ELSE (ARRAY['riots','violence_against_civilians','battles','explosions_remote_violence','strategic_developments'])[1 + (n / 2) % 5] END,
       NULL, 'Generated event ' || n, 'Generated for the benchmark, row ' || n || '.', 'KZ', 'Almaty', NULL, 'Place ' || (n % 1000),
       40 + ((n * 7) % 1000) / 100.0, 70 + ((n * 13) % 1000) / 100.0, 'exact', ARRAY['protesters','police'], ARRAY['bench'],
       ARRAY[pg_temp.bench_id(2, 1 + n % 1000)], '[]', '{}'
FROM pg_temp.p, generate_series(1, p.events) n;

CREATE TABLE pg_temp.st AS
SELECT i, e AS event_n, inc,
       1 + ((inc * 37 + i % (CASE WHEN inc = 1 THEN 40 ELSE 8 END)) % 1000) AS src,
       timestamptz '2022-01-01' + i * (interval '730 days' / p.statements) AS stated_at
FROM pg_temp.p, generate_series(1, p.statements) i
CROSS JOIN LATERAL (SELECT CASE WHEN i % 4 = 1 THEN 1 + (i * 104729) % p.events END AS e) ev
CROSS JOIN LATERAL (SELECT pg_temp.bench_incident(coalesce(ev.e, i), p.small) AS inc) ic;

INSERT INTO statement_versions (id, version, created_at, recorded_at, recorded_by, incident_id, event_id, source_id, stated_at,
                                url, publisher, quote, summary, language, external_refs, external_keys)
SELECT pg_temp.bench_id(3, i), v, stated_at + interval '1 hour', stated_at + interval '1 hour' + (v - 1) * interval '3 days',
       'bench', pg_temp.bench_id(1, inc), CASE WHEN event_n IS NOT NULL THEN pg_temp.bench_id(5, event_n) END, pg_temp.bench_id(2, src),
       stated_at, NULL, NULL, NULL, 'Generated statement ' || i || CASE WHEN v = 2 THEN ' (corrected)' ELSE '' END, 'en', '[]', '{}'
FROM pg_temp.st CROSS JOIN LATERAL generate_series(1, CASE WHEN i % 53 = 1 THEN 2 ELSE 1 END) v;

INSERT INTO figure_versions (id, version, created_at, recorded_at, recorded_by, statement_id, ordinal, metric, subject, value, low, high,
                             qualifier, unit, scope_country, scope_admin1, scope_place, as_of, supersedes, incident_id, source_id,
                             stated_at, series_key, event_id)
SELECT pg_temp.bench_id(4, i * 2 + m), v, stated_at + interval '1 hour', stated_at + interval '1 hour' + (v - 1) * interval '3 days', 'bench',
       pg_temp.bench_id(3, i), m, metric, NULL, (i % 1000) * (1 + m * 10) + (v - 1), NULL, NULL, 'exact', 'people', CASE WHEN admin1 IS NOT NULL THEN 'KZ' END, admin1, NULL,
       stated_at, NULL, pg_temp.bench_id(1, inc), pg_temp.bench_id(2, src), stated_at,
       series_key_of(pg_temp.bench_id(1, inc), CASE WHEN event_n IS NOT NULL THEN pg_temp.bench_id(5, event_n) END, metric, NULL,
                     CASE WHEN admin1 IS NOT NULL THEN 'KZ' END, admin1, NULL, 'people'),
       CASE WHEN event_n IS NOT NULL THEN pg_temp.bench_id(5, event_n) END
FROM pg_temp.st
CROSS JOIN LATERAL generate_series(1, CASE WHEN i % 53 = 1 THEN 2 ELSE 1 END) v
CROSS JOIN LATERAL generate_series(0, 1) m
CROSS JOIN LATERAL (SELECT (ARRAY['killed','detained'])[1 + m] AS metric,
                           CASE WHEN m = 1 AND inc = 1 AND event_n IS NULL THEN 'Region ' || (i % 30) END AS admin1) k;

INSERT INTO retractions (statement_id, retracted_at, reason, by_statement_id, by_source_id, url, recorded_at, recorded_by)
SELECT pg_temp.bench_id(3, i), stated_at + interval '6 hours', 'generated retraction', NULL, NULL, NULL, stated_at + interval '1 day', 'bench'
FROM pg_temp.st WHERE i % 97 = 3;

INSERT INTO tombstones (entity, entity_id, at, by, reason)
SELECT 'statement', pg_temp.bench_id(3, i), stated_at + interval '2 days', 'bench', 'generated withdrawal'
FROM pg_temp.st WHERE i % 211 = 7;
INSERT INTO tombstones (entity, entity_id, at, by, reason)
SELECT 'event', pg_temp.bench_id(5, n), timestamptz '2022-01-03' + n * interval '5 minutes', 'bench', 'generated withdrawal'
FROM pg_temp.p, generate_series(1, p.events) n WHERE n % 509 = 3;

-- Links (same_as): a tenth of the big incident's events (n % 90 = 0, the k-th of them n = 90k) in clusters of two and
-- three: k = 1,2 | 3,4,5 | 6,7 | 8,9,10 ...; each event linked to the one before it in its cluster, an hour after the later
-- of the two was recorded; with it, a change (event, updated) of both ends.
INSERT INTO event_links (id, from_event, to_event, relation, reason, recorded_by, recorded_at)
SELECT pg_temp.bench_id(6, k), pg_temp.bench_id(5, 90 * (k - 1)), pg_temp.bench_id(5, 90 * k), 'same_as', 'generated link', 'bench',
       timestamptz '2022-01-01' + 90 * k * interval '5 minutes' + interval '1 hour'
FROM pg_temp.p, generate_series(2, p.events / 90) k WHERE (k - 1) % 5 IN (1, 3, 4);

INSERT INTO changes (entity, entity_id, op, at, by)
SELECT entity, id, op, at, 'bench' FROM (
  SELECT 'incident' AS entity, id, 'created' AS op, recorded_at AS at FROM incident_versions
  UNION ALL SELECT 'source', id, 'created', recorded_at FROM source_versions
  UNION ALL SELECT 'event', id, 'created', recorded_at FROM event_versions
  UNION ALL SELECT 'statement', id, CASE WHEN version = 1 THEN 'created' ELSE 'updated' END, recorded_at FROM statement_versions
  UNION ALL SELECT 'retraction', statement_id, 'retracted', recorded_at FROM retractions
  UNION ALL SELECT entity, entity_id, 'deleted', at FROM tombstones
  UNION ALL SELECT 'event', e, 'updated', recorded_at FROM event_links CROSS JOIN LATERAL (VALUES (from_event), (to_event)) ends(e)) w
ORDER BY at, entity, id;

DO $$ DECLARE r record; BEGIN
  FOR r IN SELECT def FROM pg_temp.saved_indexes LOOP EXECUTE r.def; END LOOP;
END $$;
SELECT rebuild_series_revisions();
SELECT rebuild_figure_status_now();
SELECT rebuild_event_clusters_now();
SELECT rebuild_events_now();
COMMIT;
SET session_replication_role = DEFAULT;

VACUUM ANALYZE;
SELECT (SELECT count(*) FROM incident_versions) AS incidents,
       (SELECT count(*) FROM statement_versions) AS statement_versions,
       (SELECT count(*) FROM figure_versions) AS figure_versions,
       (SELECT count(*) FROM figure_versions WHERE event_id IS NOT NULL) AS event_level,
       (SELECT count(*) FROM retractions) AS retractions,
       (SELECT count(*) FROM tombstones) AS tombstones,
       (SELECT count(*) FROM event_versions) AS events,
       (SELECT count(*) FROM event_links) AS event_links,
       (SELECT count(*) FROM changes) AS changes;
