-- Fills an UnrestTracker database with synthetic claims, straight into the tables (the API is
-- not involved, so generation takes seconds, not hours). Run against a migrated, empty database:
--   psql -v statements=500000 -f bench/generate.sql "$BENCH_DB"
-- Two figures per statement (killed and detained): 500,000 statements give 1,000,000 figures
-- over 100 incidents and 500 sources; 1% of statements are retracted, every 50th statement is
-- edited once (a second version of it and its figures).
-- Transaction time is spread like real use, so that recordedAsOf reads have something to find:
-- incidents and sources are recorded on 2021-12-31;
-- a statement and its figures are recorded one hour after statedAt, an edit three days later, a
-- retraction (six hours after the statement) one day after the statement.
-- Also 200,000 events (psql -v events=N) for the export memory run.
\set ON_ERROR_STOP on
\if :{?statements}
\else
  \set statements 500000
\endif
\if :{?events}
\else
  \set events 200000
\endif

BEGIN;
CREATE FUNCTION pg_temp.bench_id(kind int, n bigint) RETURNS uuid LANGUAGE sql IMMUTABLE AS
  $$ SELECT (lpad(to_hex(kind), 8, '0') || '-0000-7000-8000-' || lpad(to_hex(n), 12, '0'))::uuid $$;

INSERT INTO incident_versions (id, version, created_at, recorded_at, recorded_by, slug, title, summary, countries, start_date, end_date, tags)
SELECT pg_temp.bench_id(1, i), 1, timestamptz '2021-12-31', timestamptz '2021-12-31', 'bench', 'bench-incident-' || i, 'Bench incident ' || i,
       'Generated for benchmarks.', ARRAY['KZ'], date '2022-01-01', date '2022-12-31', '{}'
FROM generate_series(1, 100) i;

INSERT INTO source_versions (id, version, created_at, recorded_at, recorded_by, name, kind, country, url, parent_id)
SELECT pg_temp.bench_id(2, i), 1, timestamptz '2021-12-31', timestamptz '2021-12-31', 'bench', 'Bench source ' || i,
       (ARRAY['government','security_forces','judiciary','media','ngo'])[1 + i % 5], 'KZ', NULL, NULL
FROM generate_series(1, 500) i;

INSERT INTO statement_versions (id, version, created_at, recorded_at, recorded_by, incident_id, event_id, source_id, stated_at,
                                url, publisher, quote, summary, language, external_refs, external_keys)
SELECT pg_temp.bench_id(3, i), 1, timestamptz '2022-01-01 01:00' + i * interval '37 seconds', timestamptz '2022-01-01 01:00' + i * interval '37 seconds',
       'bench', pg_temp.bench_id(1, 1 + i % 100), NULL, pg_temp.bench_id(2, 1 + i % 500),
       timestamptz '2022-01-01' + i * interval '37 seconds', NULL, NULL, NULL, 'Generated statement ' || i, 'en', '[]', '{}'
FROM generate_series(1, :statements) i;

INSERT INTO figure_versions (id, version, created_at, recorded_at, recorded_by, statement_id, ordinal, metric, subject, value, low, high,
                             qualifier, unit, scope_country, scope_admin1, scope_place, as_of, supersedes, incident_id, source_id,
                             stated_at, series_key)
SELECT pg_temp.bench_id(4, i * 2 + m), 1, s.created_at, s.recorded_at, 'bench', s.id, m, (ARRAY['killed','detained'])[1 + m], NULL,
       (i % 1000) * (1 + m * 10), NULL, NULL, 'exact', 'people', NULL, NULL, NULL, s.stated_at, NULL, s.incident_id, s.source_id,
       s.stated_at, replace(s.incident_id::text, '-', '') || '|' || (ARRAY['killed','detained'])[1 + m] || '|||||people'
FROM generate_series(1, :statements) i
CROSS JOIN generate_series(0, 1) m
JOIN statement_versions s ON s.id = pg_temp.bench_id(3, i) AND s.version = 1;

-- Editorial fixes: a second version of every 50th statement, with all its figures.
INSERT INTO statement_versions (id, version, created_at, recorded_at, recorded_by, incident_id, event_id, source_id, stated_at,
                                url, publisher, quote, summary, language, external_refs, external_keys)
SELECT id, 2, created_at, recorded_at + interval '3 days', 'bench', incident_id, event_id, source_id, stated_at, url, publisher, quote,
       summary || ' (corrected)', language, external_refs, external_keys
FROM statement_versions WHERE version = 1 AND recorded_by = 'bench' AND summary ~ '0$' AND right(summary, 2) IN ('00', '50');
INSERT INTO figure_versions (id, version, created_at, recorded_at, recorded_by, statement_id, ordinal, metric, subject, value, low, high,
                             qualifier, unit, scope_country, scope_admin1, scope_place, as_of, supersedes, incident_id, source_id,
                             stated_at, series_key)
SELECT f.id, 2, f.created_at, s.recorded_at, 'bench', f.statement_id, f.ordinal, f.metric, f.subject, f.value + 1, f.low, f.high,
       f.qualifier, f.unit, f.scope_country, f.scope_admin1, f.scope_place, f.as_of, f.supersedes, f.incident_id, f.source_id,
       f.stated_at, f.series_key
FROM figure_versions f JOIN statement_versions s ON s.id = f.statement_id AND s.version = 2 WHERE f.version = 1;

INSERT INTO retractions (statement_id, retracted_at, reason, by_statement_id, by_source_id, url, recorded_at, recorded_by)
SELECT id, stated_at + interval '6 hours', 'generated retraction', NULL, NULL, NULL, stated_at + interval '1 day', 'bench'
FROM statement_versions WHERE version = 1 AND recorded_by = 'bench' AND right(summary, 2) = '07';

INSERT INTO event_versions (id, version, created_at, recorded_at, recorded_by, incident_id, date, end_date, date_precision, type, sub_type,
                            title, description, country, admin1, admin2, place, latitude, longitude, location_precision, actors, tags,
                            source_ids, external_refs, external_keys)
SELECT pg_temp.bench_id(5, i), 1, timestamptz '2022-01-02' + i * interval '90 seconds', timestamptz '2022-01-02' + i * interval '90 seconds',
       'bench', pg_temp.bench_id(1, 1 + i % 100), date '2022-01-01' + (i % 365), NULL, 'day',
       (ARRAY['protests','riots','violence_against_civilians','battles','explosions_remote_violence','strategic_developments'])[1 + i % 6],
       NULL, 'Generated event ' || i, 'Generated for the export benchmark, row ' || i || '.', 'KZ', 'Almaty', NULL, 'Place ' || (i % 1000),
       43 + (i % 1000) / 1000.0, 76 + (i % 997) / 1000.0, 'exact', ARRAY['protesters','police'], ARRAY['bench'],
       ARRAY[pg_temp.bench_id(2, 1 + i % 500)], '[]', '{}'
FROM generate_series(1, :events) i;
COMMIT;

ANALYZE;
SELECT (SELECT count(*) FROM statement_versions) AS statement_versions,
       (SELECT count(*) FROM figure_versions) AS figure_versions,
       (SELECT count(*) FROM retractions) AS retractions,
       (SELECT count(*) FROM event_versions) AS event_versions;
