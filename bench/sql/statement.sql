-- GET /statements/{id}: the statement in its version current now, its figures in that version with
-- their status (retracted / superseded / current), its retraction if any. Variable: :n (statement number).
-- First columns (figure id, figure status, statement status, version) are what bench/check compares.
WITH st AS (
  SELECT s.* FROM statement_versions s
  WHERE s.id = ('00000003-0000-7000-8000-' || lpad(to_hex(:n), 12, '0'))::uuid AND s.recorded_at <= now()
  ORDER BY s.version DESC LIMIT 1
), withdrawn AS (
  SELECT t.* FROM tombstones t, st WHERE t.entity = 'statement' AND t.entity_id = st.id AND t.at <= now()
), retracted AS (
  SELECT r.* FROM retractions r, st WHERE r.statement_id = st.id AND r.recorded_at <= now()
)
SELECT f.id, CASE
         WHEN EXISTS (SELECT 1 FROM withdrawn) OR EXISTS (SELECT 1 FROM retracted) THEN 'retracted'
         WHEN EXISTS (
           SELECT 1 FROM figure_versions g
           WHERE g.supersedes = f.id AND g.id <> f.id AND g.recorded_at <= now()
             AND NOT EXISTS (SELECT 1 FROM figure_versions l WHERE l.id = g.id AND l.version > g.version AND l.recorded_at <= now())
             AND NOT EXISTS (SELECT 1 FROM tombstones t WHERE t.entity = 'statement' AND t.entity_id = g.statement_id AND t.at <= now())
             AND NOT EXISTS (SELECT 1 FROM retractions r WHERE r.statement_id = g.statement_id AND r.recorded_at <= now()))
           OR EXISTS (
           SELECT 1 FROM figure_versions g
           WHERE g.series_key = f.series_key AND g.source_id = f.source_id AND (g.as_of, g.stated_at) > (f.as_of, f.stated_at)
             AND g.recorded_at <= now()
             AND NOT EXISTS (SELECT 1 FROM figure_versions l WHERE l.id = g.id AND l.version > g.version AND l.recorded_at <= now())
             AND NOT EXISTS (SELECT 1 FROM tombstones t WHERE t.entity = 'statement' AND t.entity_id = g.statement_id AND t.at <= now())
             AND NOT EXISTS (SELECT 1 FROM retractions r WHERE r.statement_id = g.statement_id AND r.recorded_at <= now()))
         THEN 'superseded' ELSE 'current' END AS status,
       CASE WHEN EXISTS (SELECT 1 FROM withdrawn) THEN 'withdrawn' WHEN EXISTS (SELECT 1 FROM retracted) THEN 'retracted' ELSE 'active' END AS statement_status,
       st.version, st.recorded_at, st.incident_id, st.event_id, st.source_id, st.stated_at, st.summary,
       (SELECT row_to_json(r) FROM retracted r) AS retraction, f.metric, f.value, f.as_of, f.supersedes
FROM st JOIN figure_versions f ON f.statement_id = st.id AND f.version = st.version
ORDER BY f.ordinal;
