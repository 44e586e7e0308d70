-- GET /incidents/{id}/timeline?limit=50: the first 50 of the incident's events (at = date 00:00Z),
-- statements (at = statedAt) and retractions (at = retractedAt), oldest first, each kind read by its
-- own index and merged; then, as the API renders them, each statement item and each retraction's
-- statement with its figures and their status, its retraction and its source. Variable: :inc.
-- Compared: kind, id.
WITH page AS (
  SELECT kind, id, at, k FROM (
    (SELECT 'event' AS kind, e.id, e.date::timestamp AT TIME ZONE 'UTC' AS at, 0 AS k FROM event_versions e
     WHERE e.incident_id = ('00000001-0000-7000-8000-' || lpad(to_hex(:inc), 12, '0'))::uuid AND e.recorded_at <= now()
       AND NOT EXISTS (SELECT 1 FROM event_versions l WHERE l.id = e.id AND l.version > e.version AND l.recorded_at <= now())
       AND NOT EXISTS (SELECT 1 FROM tombstones t WHERE t.entity = 'event' AND t.entity_id = e.id AND t.at <= now())
     ORDER BY e.date, e.id LIMIT 51)
    UNION ALL
    (SELECT 'statement', s.id, s.stated_at, 1 FROM statement_versions s
     WHERE s.incident_id = ('00000001-0000-7000-8000-' || lpad(to_hex(:inc), 12, '0'))::uuid AND s.recorded_at <= now()
       AND NOT EXISTS (SELECT 1 FROM statement_versions l WHERE l.id = s.id AND l.version > s.version AND l.recorded_at <= now())
       AND NOT EXISTS (SELECT 1 FROM tombstones t WHERE t.entity = 'statement' AND t.entity_id = s.id AND t.at <= now())
     ORDER BY s.stated_at, s.id LIMIT 51)
    UNION ALL
    (SELECT 'retraction', r.statement_id, r.retracted_at, 2 FROM retractions r
     WHERE r.recorded_at <= now() AND EXISTS (
       SELECT 1 FROM statement_versions s WHERE s.id = r.statement_id
         AND s.incident_id = ('00000001-0000-7000-8000-' || lpad(to_hex(:inc), 12, '0'))::uuid AND s.recorded_at <= now())
       AND NOT EXISTS (SELECT 1 FROM tombstones t WHERE t.entity = 'statement' AND t.entity_id = r.statement_id AND t.at <= now())
     ORDER BY r.retracted_at, r.statement_id LIMIT 51)) x
  ORDER BY at, k, id
  LIMIT 51
)
SELECT p.kind, p.id, p.at, ev.title, st.body
FROM page p
LEFT JOIN LATERAL (SELECT e.title FROM event_versions e WHERE p.kind = 'event' AND e.id = p.id AND e.recorded_at <= now()
                   ORDER BY e.version DESC LIMIT 1) ev ON true
LEFT JOIN LATERAL (
  SELECT json_build_object('summary', s.summary, 'version', s.version, 'source', src.name,
    'retraction', (SELECT row_to_json(r) FROM retractions r WHERE r.statement_id = s.id AND r.recorded_at <= now()),
    'figures', (SELECT json_agg(json_build_object('id', f.id, 'metric', f.metric, 'value', f.value, 'status', CASE
         WHEN EXISTS (SELECT 1 FROM retractions r WHERE r.statement_id = f.statement_id AND r.recorded_at <= now()) THEN 'retracted'
         WHEN EXISTS (
           SELECT 1 FROM figure_versions g
           WHERE (g.supersedes = f.id OR (g.series_key = f.series_key AND g.source_id = f.source_id AND (g.as_of, g.stated_at) > (f.as_of, f.stated_at)))
             AND g.recorded_at <= now()
             AND NOT EXISTS (SELECT 1 FROM figure_versions l WHERE l.id = g.id AND l.version > g.version AND l.recorded_at <= now())
             AND NOT EXISTS (SELECT 1 FROM tombstones t WHERE t.entity = 'statement' AND t.entity_id = g.statement_id AND t.at <= now())
             AND NOT EXISTS (SELECT 1 FROM retractions r WHERE r.statement_id = g.statement_id AND r.recorded_at <= now()))
         THEN 'superseded' ELSE 'current' END) ORDER BY f.ordinal)
       FROM figure_versions f WHERE f.statement_id = s.id AND f.version = s.version)) AS body
  FROM statement_versions s
  CROSS JOIN LATERAL (SELECT v.name FROM source_versions v WHERE v.id = s.source_id AND v.recorded_at <= now() ORDER BY v.version DESC LIMIT 1) src
  WHERE p.kind <> 'event' AND s.id = p.id AND s.recorded_at <= now()
  ORDER BY s.version DESC LIMIT 1) st ON true
ORDER BY p.at, p.k, p.id;
