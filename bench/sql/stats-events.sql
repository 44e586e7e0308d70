-- GET /stats/events?incident={id}&interval=week: the incident's visible events (current version, not withdrawn)
-- counted per Monday week of their date. The API zero-fills the weeks between; the check compares the weeks
-- that hold events. Variables: :inc. Compared: week start, events.
SELECT (e.date - ((extract(isodow FROM e.date)::int - 1) % 7))::date AS start, count(*) AS events
FROM event_versions e
WHERE e.incident_id = ('00000001-0000-7000-8000-' || lpad(to_hex(:inc), 12, '0'))::uuid
  AND e.recorded_at <= now()
  AND NOT EXISTS (SELECT 1 FROM event_versions l WHERE l.id = e.id AND l.version > e.version AND l.recorded_at <= now())
  AND NOT EXISTS (SELECT 1 FROM tombstones t WHERE t.entity = 'event' AND t.entity_id = e.id AND t.at <= now())
GROUP BY 1
ORDER BY 1;
