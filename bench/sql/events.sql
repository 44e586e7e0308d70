-- GET /events?type=protests&bbox=70,40,79,49&limit=10[&cursor]: events in (date, id) order, each in its
-- version current now, withdrawn ones left out, after the key (:date, :id) of the row before the page
-- (date '0001-01-01' and the nil uuid for page 1). Compared: id.
SELECT e.id, e.version, e.date, e.type, e.title, e.latitude, e.longitude, e.incident_id, e.country, e.place, e.actors, e.source_ids
FROM event_versions e
WHERE e.type = 'protests' AND e.longitude BETWEEN 70 AND 79 AND e.latitude BETWEEN 40 AND 49
  AND (e.date, e.id) > (:date::date, :id::uuid)
  AND e.recorded_at <= now()
  AND NOT EXISTS (SELECT 1 FROM event_versions l WHERE l.id = e.id AND l.version > e.version AND l.recorded_at <= now())
  AND NOT EXISTS (SELECT 1 FROM tombstones t WHERE t.entity = 'event' AND t.entity_id = e.id AND t.at <= now())
ORDER BY e.date, e.id
LIMIT 11;
