-- GET /changes?after={seq}&limit=50: the change feed after a position near its end. Variable: :after. Compared: seq.
SELECT seq, entity, entity_id, op, at FROM changes WHERE seq > :after ORDER BY seq LIMIT 51;
