-- GET /incidents/{id}/figures[?asOf=..|recordedAsOf=..]: one row per incident-wide series of an incident
-- as the sources had told it by :asof (knowledge time) and as this database stood at :rec (transaction
-- time); 'infinity' for now. revisionCount = visible figures of the series (retracted included,
-- withdrawn not); perSource = each source's latest standing figure by (asOf, statedAt, createdAt, id); headline =
-- the latest of those; range over the current ones (perSource rows not named in a standing figure's
-- supersedes). Not included: eventSums (the event-level sums on the row without scope; their SQL is
-- being rewritten with the API's, see bench/README.md). Variables: :inc, :asof, :rec (quoted
-- timestamps). Compared: series key, revisionCount, headline id.
-- (source_id per series is walked by a loose index scan, PostgreSQL 15 having no skip scan.)
WITH RECURSIVE series AS (
  -- revisionCount from the counts kept at write time (migration SeriesRevisionCounts), as the API reads it
  SELECT s.series_key, s.metric, s.unit, c.n AS revision_count
  FROM figure_series s
  CROSS JOIN LATERAL (SELECT series_revision_count(s.series_key, NULL, (:asof)::timestamptz, (:rec)::timestamptz) AS n) c
  WHERE s.incident_id = ('00000001-0000-7000-8000-' || lpad(to_hex(:inc), 12, '0'))::uuid AND c.n > 0
  ORDER BY s.series_key LIMIT 51
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
    WHERE f.series_key = p.series_key AND f.source_id = p.source_id AND f.recorded_at <= (:rec)::timestamptz AND f.stated_at <= (:asof)::timestamptz
      AND NOT EXISTS (SELECT 1 FROM figure_versions l WHERE l.id = f.id AND l.version > f.version AND l.recorded_at <= (:rec)::timestamptz)
      AND NOT EXISTS (SELECT 1 FROM tombstones t WHERE t.entity = 'statement' AND t.entity_id = f.statement_id AND t.at <= (:rec)::timestamptz)
      AND NOT EXISTS (SELECT 1 FROM retractions r WHERE r.statement_id = f.statement_id AND r.recorded_at <= (:rec)::timestamptz AND r.retracted_at <= (:asof)::timestamptz)
    ORDER BY f.as_of DESC, f.stated_at DESC, f.created_at DESC, f.id DESC LIMIT 1) x
), rated AS (
  SELECT l.*, src.name AS source_name, src.kind AS source_kind, sup.superseded
  FROM latest l
  -- a LATERAL top-1 per row keeps this a probe of ix_figure_versions_supersedes (as a plain EXISTS the
  -- planner chose a parallel scan of every standing figure once asOf narrowed the estimate)
  CROSS JOIN LATERAL (
    SELECT count(*) > 0 AS superseded FROM (
      SELECT 1 FROM figure_versions g
      WHERE g.supersedes = l.id AND g.recorded_at <= (:rec)::timestamptz AND g.stated_at <= (:asof)::timestamptz
        AND NOT EXISTS (SELECT 1 FROM figure_versions v WHERE v.id = g.id AND v.version > g.version AND v.recorded_at <= (:rec)::timestamptz)
        AND NOT EXISTS (SELECT 1 FROM tombstones t WHERE t.entity = 'statement' AND t.entity_id = g.statement_id AND t.at <= (:rec)::timestamptz)
        AND NOT EXISTS (SELECT 1 FROM retractions r WHERE r.statement_id = g.statement_id AND r.recorded_at <= (:rec)::timestamptz AND r.retracted_at <= (:asof)::timestamptz)
      LIMIT 1) x) sup
  CROSS JOIN LATERAL (SELECT s.name, s.kind FROM source_versions s WHERE s.id = l.source_id AND s.recorded_at <= (:rec)::timestamptz
                      ORDER BY s.version DESC LIMIT 1) src
)
SELECT replace(s.series_key, '|', '/') AS series, s.revision_count, h.headline ->> 'id' AS headline_id, s.metric, s.unit,
       h.headline, p.per_source, c.low, c.high
FROM series s
CROSS JOIN LATERAL (
  SELECT json_agg(json_build_object('id', r.id, 'value', r.value, 'asOf', r.as_of, 'statedAt', r.stated_at, 'source', r.source_name,
                                    'kind', r.source_kind, 'status', CASE WHEN r.superseded THEN 'superseded' ELSE 'current' END)
                  ORDER BY r.as_of DESC, r.stated_at DESC, r.created_at DESC, r.id DESC) AS per_source
  FROM rated r WHERE r.series_key = s.series_key) p
CROSS JOIN LATERAL (SELECT p.per_source -> 0 AS headline) h
CROSS JOIN LATERAL (
  SELECT min(coalesce(r.low, r.value)) AS low, max(coalesce(r.high, r.value)) AS high
  FROM rated r WHERE r.series_key = s.series_key AND NOT r.superseded) c
ORDER BY s.series_key;
