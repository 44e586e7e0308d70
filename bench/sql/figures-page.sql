-- GET /figures?incident={id}&limit=50: the first page of an incident's figures (both levels) in
-- (statedAt, id) order, each in its version current now, withdrawn statements left out, with status
-- and source. Variable: :inc (incident number). Compared: id, status.
SELECT f.id,
       CASE
         WHEN EXISTS (SELECT 1 FROM retractions r WHERE r.statement_id = f.statement_id AND r.recorded_at <= now()) THEN 'retracted'
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
       f.version, f.statement_id, f.event_id, f.metric, f.value, f.as_of, f.stated_at, f.source_id, src.name, src.kind
FROM figure_versions f
CROSS JOIN LATERAL (SELECT s.name, s.kind FROM source_versions s WHERE s.id = f.source_id AND s.recorded_at <= now()
                    ORDER BY s.version DESC LIMIT 1) src
WHERE f.incident_id = ('00000001-0000-7000-8000-' || lpad(to_hex(:inc), 12, '0'))::uuid
  AND f.recorded_at <= now()
  AND NOT EXISTS (SELECT 1 FROM figure_versions l WHERE l.id = f.id AND l.version > f.version AND l.recorded_at <= now())
  AND NOT EXISTS (SELECT 1 FROM tombstones t WHERE t.entity = 'statement' AND t.entity_id = f.statement_id AND t.at <= now())
ORDER BY f.stated_at, f.id
LIMIT 51;
