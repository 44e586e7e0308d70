-- (d2) GET /incidents/{id}/figures?recordedAsOf=2022-04-01T00:00:00Z: one row per series of an incident, as this database stood on 2022-04-01 (transaction time).
-- revisionCount = visible figures of the series (retracted included, withdrawn not); perSource = each
-- source's latest standing figure by (asOf, statedAt, id); headline = the latest of those; range over
-- the current ones (perSource rows not named in a standing figure's supersedes).
-- (source_id per series is walked by a loose index scan, PostgreSQL 15 having no skip scan.)
\set n random(1, 100)
WITH RECURSIVE series AS (
  SELECT f.series_key, min(f.metric) AS metric, min(f.unit) AS unit, count(*) AS revision_count
  FROM figure_versions f
  WHERE f.incident_id = ('00000001-0000-7000-8000-' || lpad(to_hex(:n), 12, '0'))::uuid
    AND f.recorded_at <= timestamptz '2022-04-01T00:00:00Z' AND f.stated_at <= 'infinity'
    AND NOT EXISTS (SELECT 1 FROM figure_versions l WHERE l.id = f.id AND l.version > f.version AND l.recorded_at <= timestamptz '2022-04-01T00:00:00Z')
    AND NOT EXISTS (SELECT 1 FROM tombstones t WHERE t.entity = 'statement' AND t.entity_id = f.statement_id AND t.at <= timestamptz '2022-04-01T00:00:00Z')
  GROUP BY f.series_key ORDER BY f.series_key LIMIT 51
), pairs(series_key, source_id) AS (
  SELECT s.series_key, (SELECT f.source_id FROM figure_versions f WHERE f.series_key = s.series_key ORDER BY f.source_id LIMIT 1)
  FROM series s
  UNION ALL
  SELECT p.series_key, (SELECT f.source_id FROM figure_versions f WHERE f.series_key = p.series_key AND f.source_id > p.source_id
                        ORDER BY f.source_id LIMIT 1)
  FROM pairs p WHERE p.source_id IS NOT NULL
), latest AS (
  SELECT x.* FROM pairs p CROSS JOIN LATERAL (
    SELECT f.* FROM figure_versions f
    WHERE f.series_key = p.series_key AND f.source_id = p.source_id AND f.recorded_at <= timestamptz '2022-04-01T00:00:00Z' AND f.stated_at <= 'infinity'
      AND NOT EXISTS (SELECT 1 FROM figure_versions l WHERE l.id = f.id AND l.version > f.version AND l.recorded_at <= timestamptz '2022-04-01T00:00:00Z')
      AND NOT EXISTS (SELECT 1 FROM tombstones t WHERE t.entity = 'statement' AND t.entity_id = f.statement_id AND t.at <= timestamptz '2022-04-01T00:00:00Z')
      AND NOT EXISTS (SELECT 1 FROM retractions r WHERE r.statement_id = f.statement_id AND r.recorded_at <= timestamptz '2022-04-01T00:00:00Z' AND r.retracted_at <= 'infinity')
    ORDER BY f.as_of DESC, f.stated_at DESC, f.id DESC LIMIT 1) x
), rated AS (
  SELECT l.*, src.name AS source_name, src.kind AS source_kind, sup.superseded
  FROM latest l
  -- a LATERAL top-1 per row keeps this a probe of ix_figure_versions_supersedes (as a plain EXISTS the
  -- planner chose a parallel scan of every standing figure once asOf narrowed the estimate)
  CROSS JOIN LATERAL (
    SELECT count(*) > 0 AS superseded FROM (
      SELECT 1 FROM figure_versions g
      WHERE g.supersedes = l.id AND g.recorded_at <= timestamptz '2022-04-01T00:00:00Z' AND g.stated_at <= 'infinity'
        AND NOT EXISTS (SELECT 1 FROM figure_versions v WHERE v.id = g.id AND v.version > g.version AND v.recorded_at <= timestamptz '2022-04-01T00:00:00Z')
        AND NOT EXISTS (SELECT 1 FROM tombstones t WHERE t.entity = 'statement' AND t.entity_id = g.statement_id AND t.at <= timestamptz '2022-04-01T00:00:00Z')
        AND NOT EXISTS (SELECT 1 FROM retractions r WHERE r.statement_id = g.statement_id AND r.recorded_at <= timestamptz '2022-04-01T00:00:00Z' AND r.retracted_at <= 'infinity')
      LIMIT 1) x) sup
  CROSS JOIN LATERAL (SELECT s.name, s.kind FROM source_versions s WHERE s.id = l.source_id AND s.recorded_at <= timestamptz '2022-04-01T00:00:00Z'
                      ORDER BY s.version DESC LIMIT 1) src
)
SELECT s.series_key, s.metric, s.unit, s.revision_count,
       h.headline, p.per_source, c.low, c.high
FROM series s
CROSS JOIN LATERAL (
  SELECT json_agg(json_build_object('id', r.id, 'value', r.value, 'asOf', r.as_of, 'statedAt', r.stated_at, 'source', r.source_name,
                                    'kind', r.source_kind, 'status', CASE WHEN r.superseded THEN 'superseded' ELSE 'current' END)
                  ORDER BY r.as_of DESC, r.stated_at DESC, r.id DESC) AS per_source
  FROM rated r WHERE r.series_key = s.series_key) p
CROSS JOIN LATERAL (SELECT p.per_source -> 0 AS headline) h
CROSS JOIN LATERAL (
  SELECT min(coalesce(r.low, r.value)) AS low, max(coalesce(r.high, r.value)) AS high
  FROM rated r WHERE r.series_key = s.series_key AND NOT r.superseded) c
ORDER BY s.series_key;
