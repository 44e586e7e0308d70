-- GET /stats/figures?incident={id}&metric=killed&interval=week: the figures eventSums counts (each visible
-- event's latest standing figure per source by (asOf, statedAt, createdAt), not named in a standing figure's
-- supersedes), killed, without subject, in people, summed per Monday week of the event's date and source.
-- The API zero-fills; the check compares the non-empty cells, sorted. Variables: :inc.
-- Compared: week start, source id, events, value.
WITH standing AS (
  SELECT f.id, f.source_id, f.value, f.low, f.high, e.date,
         rank() OVER (PARTITION BY f.series_key, f.source_id ORDER BY f.as_of DESC, f.stated_at DESC, f.created_at DESC) AS place
  FROM event_versions e JOIN figure_versions f ON f.event_id = e.id
  WHERE e.incident_id = ('00000001-0000-7000-8000-' || lpad(to_hex(:inc), 12, '0'))::uuid AND e.recorded_at <= now()
    AND NOT EXISTS (SELECT 1 FROM event_versions l WHERE l.id = e.id AND l.version > e.version AND l.recorded_at <= now())
    AND NOT EXISTS (SELECT 1 FROM tombstones t WHERE t.entity = 'event' AND t.entity_id = e.id AND t.at <= now())
    AND f.metric = 'killed' AND f.subject IS NULL AND f.unit = 'people' AND f.recorded_at <= now()
    AND NOT EXISTS (SELECT 1 FROM figure_versions l WHERE l.id = f.id AND l.version > f.version AND l.recorded_at <= now())
    AND NOT EXISTS (SELECT 1 FROM tombstones t WHERE t.entity = 'statement' AND t.entity_id = f.statement_id AND t.at <= now())
    AND NOT EXISTS (SELECT 1 FROM retractions r WHERE r.statement_id = f.statement_id AND r.recorded_at <= now())
)
SELECT (s.date - ((extract(isodow FROM s.date)::int - 1) % 7))::date AS start, s.source_id, count(*) AS events, sum(s.value) AS value,
       sum(coalesce(s.low, s.value)) AS low, sum(coalesce(s.high, s.value)) AS high
FROM standing s
WHERE s.place = 1 AND NOT EXISTS (
  SELECT 1 FROM figure_versions g WHERE g.supersedes = s.id AND g.recorded_at <= now()
    AND NOT EXISTS (SELECT 1 FROM figure_versions l WHERE l.id = g.id AND l.version > g.version AND l.recorded_at <= now())
    AND NOT EXISTS (SELECT 1 FROM tombstones t WHERE t.entity = 'statement' AND t.entity_id = g.statement_id AND t.at <= now())
    AND NOT EXISTS (SELECT 1 FROM retractions r WHERE r.statement_id = g.statement_id AND r.recorded_at <= now()))
GROUP BY 1, 2
ORDER BY 1, 2;
