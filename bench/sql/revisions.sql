-- GET /figures/{id}/revisions?limit=10[&cursor]: the figure's series in (statedAt, asOf, id) order after
-- the key (:sa, :ao, :fid) of the row before the page ('-infinity' and the nil uuid for page 1), each
-- visible now (withdrawn left out, retracted kept) with its status, source and change (value minus the
-- previous standing value, looked back past the cursor once). Variables: :series (the quoted series
-- key), :sa, :ao (quoted timestamps), :fid (quoted uuid). Compared: id, status.
WITH page AS (
  SELECT f.*, EXISTS (SELECT 1 FROM retractions r WHERE r.statement_id = f.statement_id AND r.recorded_at <= now()) AS retracted
  FROM figure_versions f
  WHERE f.series_key = :series AND (f.stated_at, f.as_of, f.id) > ((:sa)::timestamptz, (:ao)::timestamptz, (:fid)::uuid)
    AND f.recorded_at <= now()
    AND NOT EXISTS (SELECT 1 FROM figure_versions l WHERE l.id = f.id AND l.version > f.version AND l.recorded_at <= now())
    AND NOT EXISTS (SELECT 1 FROM tombstones t WHERE t.entity = 'statement' AND t.entity_id = f.statement_id AND t.at <= now())
  ORDER BY f.stated_at, f.as_of, f.id
  LIMIT 11
)
SELECT p.id, CASE WHEN p.retracted THEN 'retracted'
         WHEN EXISTS (
           SELECT 1 FROM figure_versions g
           WHERE (g.supersedes = p.id OR (g.series_key = p.series_key AND g.source_id = p.source_id AND (g.as_of, g.stated_at) > (p.as_of, p.stated_at)))
             AND g.recorded_at <= now()
             AND NOT EXISTS (SELECT 1 FROM figure_versions l WHERE l.id = g.id AND l.version > g.version AND l.recorded_at <= now())
             AND NOT EXISTS (SELECT 1 FROM tombstones t WHERE t.entity = 'statement' AND t.entity_id = g.statement_id AND t.at <= now())
             AND NOT EXISTS (SELECT 1 FROM retractions r WHERE r.statement_id = g.statement_id AND r.recorded_at <= now()))
         THEN 'superseded' ELSE 'current' END AS status,
       p.value - coalesce((array_agg(p.value) FILTER (WHERE NOT p.retracted) OVER w)[count(*) FILTER (WHERE NOT p.retracted) OVER w], b.value) AS change,
       p.statement_id, p.source_id, src.name, src.kind, p.stated_at, p.as_of, p.value
FROM page p
CROSS JOIN LATERAL (SELECT s.name, s.kind FROM source_versions s WHERE s.id = p.source_id AND s.recorded_at <= now()
                    ORDER BY s.version DESC LIMIT 1) src
LEFT JOIN LATERAL (
  SELECT f.value FROM figure_versions f
  WHERE f.series_key = :series AND (f.stated_at, f.as_of, f.id) <= ((:sa)::timestamptz, (:ao)::timestamptz, (:fid)::uuid)
    AND f.recorded_at <= now()
    AND NOT EXISTS (SELECT 1 FROM figure_versions l WHERE l.id = f.id AND l.version > f.version AND l.recorded_at <= now())
    AND NOT EXISTS (SELECT 1 FROM tombstones t WHERE t.entity = 'statement' AND t.entity_id = f.statement_id AND t.at <= now())
    AND NOT EXISTS (SELECT 1 FROM retractions r WHERE r.statement_id = f.statement_id AND r.recorded_at <= now())
  ORDER BY f.stated_at DESC, f.as_of DESC, f.id DESC LIMIT 1) b ON true
WINDOW w AS (ORDER BY p.stated_at, p.as_of, p.id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
ORDER BY p.stated_at, p.as_of, p.id;
