-- GET /health/live reads no data: the cheapest round trip, beside the pipeline's ceiling.
SELECT 1;
