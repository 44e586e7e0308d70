-- GET /stats/events?interval=week&groupBy=type,country: every visible event of the database (current version, not
-- withdrawn) counted per Monday week, type and country. The API zero-fills the cells between; the check compares the
-- cells that hold events. No variables. Compared: week start, type, country, events.
SELECT (e.date - ((extract(isodow FROM e.date)::int - 1) % 7))::date AS start, e.type, e.country, count(*) AS events
FROM event_versions e
WHERE e.recorded_at <= now()
  AND NOT EXISTS (SELECT 1 FROM event_versions l WHERE l.id = e.id AND l.version > e.version AND l.recorded_at <= now())
  AND NOT EXISTS (SELECT 1 FROM tombstones t WHERE t.entity = 'event' AND t.entity_id = e.id AND t.at <= now())
GROUP BY 1, 2, 3
ORDER BY 1, 2, 3;
