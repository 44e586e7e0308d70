-- GET /figures?status=current&limit=50 (no incident): the first 51 current figures of the whole
-- database in (statedAt, id) order. A figure is current when no standing figure of its series and
-- source is later and none names it in supersedes, so without state kept between queries the SQL
-- answer is the latest standing figures of every (series, source) pair (rank 1 by asOf, statedAt,
-- first recorded: two figures of one statement can tie), then the supersedes probe, then a top-51
-- sort. Walking the (statedAt, id) index instead rates every superseded revision before the first
-- current figure, which comes late: current figures are the latest. Compared: id, status.
SELECT c.id, 'current' AS status, c.version, c.statement_id, c.metric, c.value, c.as_of, c.stated_at, c.source_id
FROM (
  SELECT f.*, rank() OVER (PARTITION BY f.series_key, f.source_id ORDER BY f.as_of DESC, f.stated_at DESC, f.created_at DESC) AS place
  FROM figure_versions f
  WHERE f.recorded_at <= now()
    AND NOT EXISTS (SELECT 1 FROM figure_versions l WHERE l.id = f.id AND l.version > f.version AND l.recorded_at <= now())
    AND NOT EXISTS (SELECT 1 FROM tombstones t WHERE t.entity = 'statement' AND t.entity_id = f.statement_id AND t.at <= now())
    AND NOT EXISTS (SELECT 1 FROM retractions r WHERE r.statement_id = f.statement_id AND r.recorded_at <= now())) c
WHERE c.place = 1 AND NOT EXISTS (
  SELECT 1 FROM figure_versions g
  WHERE g.supersedes = c.id AND g.id <> c.id AND g.recorded_at <= now()
    AND NOT EXISTS (SELECT 1 FROM figure_versions l WHERE l.id = g.id AND l.version > g.version AND l.recorded_at <= now())
    AND NOT EXISTS (SELECT 1 FROM tombstones t WHERE t.entity = 'statement' AND t.entity_id = g.statement_id AND t.at <= now())
    AND NOT EXISTS (SELECT 1 FROM retractions r WHERE r.statement_id = g.statement_id AND r.recorded_at <= now()))
ORDER BY c.stated_at, c.id
LIMIT 51;
