-- GET /events/{id}/candidates (withinKm 25, days 1, limit 20): events standing now, not in the event's cluster, within
-- 25 km (haversine) and a day of its days, scored as the API scores them (distance 0.4, days 0.3, type 0.2, shared
-- actors 0.1, each rounded to 3 places), by score, then id. The GiST index on point and days (migration CandidateSearch)
-- finds them; the box is the circle's, as the API's. Variable: :id (a quoted event id). Compared: id.
WITH me AS (
  SELECT e.*, 25.0 / 6371.0088 * 180 / pi() AS dlat,
         degrees(asin(least(1, sin(25.0 / 6371.0088) / cos(radians(e.latitude))))) AS dlon
  FROM event_versions_at('infinity') e WHERE e.id = :id::uuid
), cluster AS (
  SELECT from_event AS id FROM event_cluster_links(ARRAY[:id::uuid], 'infinity')
  UNION SELECT to_event FROM event_cluster_links(ARRAY[:id::uuid], 'infinity')
), near AS (
  SELECT c.id, c.type, c.actors, me.type AS my_type, me.actors AS my_actors,
         round((2 * 6371.0088 * asin(least(1, sqrt(sin(radians(c.latitude - me.latitude) / 2) ^ 2
           + cos(radians(me.latitude)) * cos(radians(c.latitude)) * sin(radians(c.longitude - me.longitude) / 2) ^ 2))))::numeric, 3) AS km,
         greatest(0, c.date - coalesce(me.end_date, me.date), me.date - coalesce(c.end_date, c.date)) AS apart
  FROM me JOIN event_versions_at('infinity') c
    ON point(c.longitude, c.latitude) <@ box(point(me.longitude - me.dlon, me.latitude - me.dlat), point(me.longitude + me.dlon, me.latitude + me.dlat))
   AND daterange(c.date, greatest(c.date, coalesce(c.end_date, c.date)), '[]')
       && daterange(me.date - 1, coalesce(me.end_date, me.date) + 1, '[]')
   AND c.latitude IS NOT NULL AND c.longitude IS NOT NULL
  WHERE c.id <> me.id AND c.id NOT IN (SELECT id FROM cluster)
    AND c.date <= coalesce(me.end_date, me.date) + 1 AND coalesce(c.end_date, c.date) >= me.date - 1
), scored AS (
  SELECT n.id, n.km, n.apart,
         round(0.4 * (1 - n.km / 25), 3) + round(0.3 * (1 - n.apart / 2.0), 3) + CASE WHEN n.type = n.my_type THEN 0.2 ELSE 0 END
         + coalesce(round(0.1 * (SELECT count(DISTINCT lower(a)) FROM unnest(n.my_actors) a WHERE lower(a) IN (SELECT lower(b) FROM unnest(n.actors) b))
                    / nullif(least(cardinality(n.my_actors), cardinality(n.actors)), 0), 3), 0) AS score
  FROM near n WHERE n.km <= 25
)
SELECT id, round(score, 3) AS score, km, apart FROM scored ORDER BY score DESC, id LIMIT 20;
