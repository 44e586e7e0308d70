#!/usr/bin/env python3
"""Compares the API's answer with the SQL baseline's on one sample: bench/check.py SCENARIO API.json SQL.txt.

The SQL output is psql -At (columns joined by '|'); the first columns of each baseline are the ones
compared (see the comment at the top of each bench/sql/*.sql). Prints "same" or the first difference;
exits 1 on a difference.
"""
import json
import sys


def api_lines(kind, doc):
    if kind == "statement":
        return [f"{f['id']}|{f['status']}|{doc['status']}|{doc['version']}" for f in doc["figures"]]
    if kind == "stats-events":
        return [f"{b['start']}|{b['events']}" for b in doc["buckets"] if b["events"] > 0]
    if kind == "stats-events-grouped":
        return sorted(f"{b['start']}|{b['group']['type']}|{b['group']['country']}|{b['events']}" for b in doc["buckets"] if b["events"] > 0)
    if kind == "stats-figures":
        return sorted(f"{b['start']}|{b['group']['source']['id']}|{b['events']}|{num(b['value'])}" for b in doc["buckets"] if b["events"] > 0)
    items = doc["items"]
    if kind in ("figures", "revisions"):
        return [f"{i['id']}|{i['status']}" for i in items]
    if kind == "series":
        # Rows that only event-level figures have (revisionCount 0, no headline) are not in the baseline.
        rows = [f"{i['revisionCount']}|{(i['headline'] or {}).get('id', '')}" for i in items if i["revisionCount"] > 0]
        return sorted(rows)
    if kind in ("events", "candidates"):
        return [i["id"] for i in items]
    if kind == "timeline":
        return [f"{i['kind']}|{i['id']}" for i in items]
    if kind == "changes":
        return [str(i["seq"]) for i in items]
    raise SystemExit(f"unknown check kind {kind}")


def num(value):
    """A sum as psql prints it: no fraction for a whole number."""
    return "" if value is None else str(int(value)) if float(value).is_integer() else str(value)


def sql_lines(kind, text, columns, wanted):
    rows = ["|".join(line.split("|")[:columns]) for line in text.splitlines() if line.strip()]
    if kind in ("stats-figures", "stats-events-grouped"):
        return sorted(rows)
    if kind == "series":
        rows = [r.split("|", 1)[1] for r in rows]
        return sorted(rows)
    return rows[:wanted]


COLUMNS = {"stats-events": 2, "stats-events-grouped": 4, "stats-figures": 4, "statement": 4, "figures": 2, "revisions": 2, "series": 3, "events": 1, "candidates": 1, "timeline": 2, "changes": 1}


def main():
    kind, api_file, sql_file = sys.argv[1:4]
    with open(api_file, encoding="utf-8") as f:
        doc = json.load(f)
    with open(sql_file, encoding="utf-8") as f:
        text = f.read()
    a = api_lines(kind, doc)
    s = sql_lines(kind, text, COLUMNS[kind], len(a))
    if a == s:
        print(f"same ({len(a)} rows)")
        return 0
    for i, (x, y) in enumerate(zip(a, s)):
        if x != y:
            print(f"differ at row {i}: API {x} / SQL {y} ({len(a)} vs {len(s)} rows)")
            return 1
    print(f"differ in length: API {len(a)} rows, SQL {len(s)} rows")
    return 1


if __name__ == "__main__":
    sys.exit(main())
