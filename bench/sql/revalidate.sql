-- A 304 of GET /incidents/{big}/figures with If-None-Match: what it costs the database, the probe of the newest write. Compared: seq.
SELECT seq, at FROM changes ORDER BY seq DESC LIMIT 1;
