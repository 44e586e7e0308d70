#!/usr/bin/env bash
# Load runs: the API (wrk) against a hand-written SQL baseline (pgbench) per read scenario, then the
# memory of a large events export. See bench/README.md.
#
#   bench/run.sh                      # embedded cluster, database unrest_bench
#   BENCH_DB='Host=...;Port=...;Username=...;Password=...;Database=...' bench/run.sh
#   BENCH_RUNS=3 BENCH_DURATION=10 BENCH_CONNECTIONS=8 bench/run.sh [scenario ...]
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
PORT=${BENCH_PORT:-5090}
DURATION=${BENCH_DURATION:-10}
CONNS=${BENCH_CONNECTIONS:-8}
RUNS=${BENCH_RUNS:-3}
WARMUP=${BENCH_WARMUP:-3}
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
OUT=${BENCH_OUT:-$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)}
DLL=$ROOT/src/UnrestTracker.Api/bin/Release/net10.0/UnrestTracker.Api.dll
BASE=http://127.0.0.1:$PORT

# name | API path ({statement}, {incident} are random bench ids) | SQL baseline
SCENARIOS=(
  "statement|/api/v1/statements/{statement}|statement.sql"
  "figures-page|/api/v1/figures?incident={incident}&limit=50|figures-page.sql"
  "series-now|/api/v1/incidents/{incident}/figures|series-now.sql"
  "series-asof|/api/v1/incidents/{incident}/figures?asOf=2022-03-01T00:00:00Z|series-asof.sql"
  "series-recorded|/api/v1/incidents/{incident}/figures?recordedAsOf=2022-04-01T00:00:00Z|series-recorded.sql"
)

for tool in wrk psql curl dotnet "$PGBIN/pgbench"; do
  command -v "$tool" >/dev/null || { echo "missing: $tool (wrk: apt-get install wrk; psql/pgbench: postgresql-client-15)" >&2; exit 1; }
done
mkdir -p "$OUT"
log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

API_PID=
stop_api() {
  if [[ -n $API_PID ]] && kill -0 "$API_PID" 2>/dev/null; then
    log "stopping the API (pid $API_PID); it stops the embedded cluster if it started it"
    kill -TERM "$API_PID"
    wait "$API_PID" 2>/dev/null || true
  fi
  API_PID=
}
trap stop_api EXIT INT TERM

# An Npgsql connection string (Host=..;Port=..) as libpq keywords for psql and pgbench.
libpq_of() {
  tr ';' '\n' <<<"$1" | awk -F= 'NF >= 2 {
    k = tolower($1); gsub(/^ +| +$/, "", k); v = substr($0, index($0, "=") + 1)
    m["host"] = "host"; m["server"] = "host"; m["port"] = "port"; m["username"] = "user"; m["user id"] = "user";
    m["password"] = "password"; m["database"] = "dbname"
    if (k in m) printf "%s=%s ", m[k], v }'
}

log "building Release"
dotnet build -c Release "$ROOT/src/UnrestTracker.Api" -v q -nologo >"$OUT/build.log" 2>&1 || { cat "$OUT/build.log" >&2; exit 1; }

ARGS=(--urls "$BASE" --Demo:Load=false --RateLimiting:AnonymousPermitsPerMinute=0)
if [[ -n ${BENCH_DB:-} ]]; then
  ARGS+=("--ConnectionStrings:Unrest=$BENCH_DB")
  DB=$(libpq_of "$BENCH_DB")
else
  ARGS+=(--Embedded:Database=unrest_bench)
fi
log "starting the API on $BASE (log: $OUT/api.log)"
(cd "$(dirname "$DLL")" && exec dotnet "$DLL" "${ARGS[@]}") >"$OUT/api.log" 2>&1 &
API_PID=$!
for _ in $(seq 1 120); do
  curl -sf -o /dev/null "$BASE/health/ready" && break
  kill -0 "$API_PID" 2>/dev/null || { tail -20 "$OUT/api.log" >&2; exit 1; }
  sleep 0.5
done
curl -sf -o /dev/null "$BASE/health/ready" || { echo "the API did not become ready" >&2; exit 1; }
if [[ -z ${BENCH_DB:-} ]]; then
  DB="host=127.0.0.1 port=$(cat "$ROOT/.data/pg/unrest-port") user=postgres dbname=unrest_bench"
fi

if [[ $(psql -X -Atq "$DB" -c "SELECT count(*) FROM (SELECT 1 FROM figure_versions LIMIT 1) f") == 0 ]]; then
  log "loading bench/generate.sql (a minute or so)"
  psql -X -q "$DB" -f "$ROOT/bench/generate.sql"
fi

median() { sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print "nan"; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p"; }

WANTED=("$@")
RESULTS=$OUT/runs.tsv
printf 'scenario\trun\tapi_rps\tapi_avg_ms\tapi_p99_ms\tapi_errors\tsql_tps\tsql_avg_ms\tsql_p99_ms\n' >"$RESULTS"
echo "load before: $(uptime)" | tee "$OUT/load.txt"

for entry in "${SCENARIOS[@]}"; do
  IFS='|' read -r name path sql <<<"$entry"
  if ((${#WANTED[@]})) && [[ ! " ${WANTED[*]} " =~ " $name " ]]; then continue; fi
  log "$name: warm-up ${WARMUP}s"
  BENCH_PATH=$path wrk -t1 -c"$CONNS" -d"${WARMUP}s" -s "$ROOT/bench/wrk/scenario.lua" "$BASE" >/dev/null
  for run in $(seq 1 "$RUNS"); do
    log "$name: run $run/$RUNS (API, then SQL; ${DURATION}s each, $CONNS connections)"
    BENCH_PATH=$path wrk -t1 -c"$CONNS" -d"${DURATION}s" --timeout 10s -s "$ROOT/bench/wrk/scenario.lua" "$BASE" >"$OUT/wrk-$name-$run.txt"
    w=$(grep '^WRK' "$OUT/wrk-$name-$run.txt")
    rps=$(awk -v r="$(field requests <<<"$w")" -v d="$(field duration_us <<<"$w")" 'BEGIN { printf "%.1f", r / (d / 1e6) }')
    avg=$(awk -v a="$(field avg_us <<<"$w")" 'BEGIN { printf "%.2f", a / 1000 }')
    p99=$(awk -v a="$(field p99_us <<<"$w")" 'BEGIN { printf "%.2f", a / 1000 }')
    errs=$(($(field errors <<<"$w") + $(field non2xx <<<"$w")))
    rm -f "$OUT/pgb-$name-$run".*
    "$PGBIN/pgbench" -n -c "$CONNS" -j 1 -T "$DURATION" -f "$ROOT/bench/sql/$sql" -l --log-prefix="$OUT/pgb-$name-$run" "$DB" \
      >"$OUT/pgbench-$name-$run.txt" 2>&1
    tps=$(sed -n 's/^tps = \([0-9.]*\).*/\1/p' "$OUT/pgbench-$name-$run.txt" | tail -1)
    savg=$(sed -n 's/^latency average = \([0-9.]*\) ms/\1/p' "$OUT/pgbench-$name-$run.txt")
    sp99=$(cat "$OUT/pgb-$name-$run".* | awk '{ print $3 }' | sort -n | awk '{ v[NR] = $1 } END { i = int(NR * 0.99); if (i < 1) i = 1; printf "%.2f", v[i] / 1000 }')
    rm -f "$OUT/pgb-$name-$run".*
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$run" "$rps" "$avg" "$p99" "$errs" "$tps" "$savg" "$sp99" >>"$RESULTS"
  done
done
echo "load after runs: $(uptime)" | tee -a "$OUT/load.txt"

# Export memory: the API's resident set sampled every 100 ms while one client downloads the export.
rss_kb() { awk '/^VmRSS/ { print $2 }' "/proc/$API_PID/status"; }
EXPORTS=$OUT/exports.tsv
printf 'export\tbytes\trows\tseconds\trss_before_mb\trss_peak_mb\n' >"$EXPORTS"
for fmt in csv geojson; do
  log "events export ($fmt): sampling the API's RSS"
  before=$(rss_kb); peak=$before
  start=$(date +%s.%N)
  curl -sf -o "$OUT/events.$fmt" "$BASE/api/v1/events?format=$fmt" &
  cpid=$!
  while kill -0 "$cpid" 2>/dev/null; do
    r=$(rss_kb); ((r > peak)) && peak=$r
    sleep 0.1
  done
  wait "$cpid"
  secs=$(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')
  bytes=$(stat -c %s "$OUT/events.$fmt")
  rows=$([[ $fmt == csv ]] && echo $(($(wc -l <"$OUT/events.$fmt") - 1)) || grep -o '"type":"Feature"' "$OUT/events.$fmt" | wc -l)
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "events?format=$fmt" "$bytes" "$rows" "$secs" $((before / 1024)) $((peak / 1024)) >>"$EXPORTS"
  rm -f "$OUT/events.$fmt"
done

{
  echo
  echo "Medians of $RUNS runs, wrk -t1 -c$CONNS -d${DURATION}s vs pgbench -c$CONNS -j1 -T$DURATION ($(nproc) cores)"
  echo
  echo "| scenario | API req/s | API avg ms | API p99 ms | API errors | SQL tps | SQL avg ms | SQL p99 ms | API/SQL |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  for name in $(tail -n +2 "$RESULTS" | cut -f1 | uniq); do
    col() { awk -F'\t' -v n="$name" -v c="$1" '$1 == n { print $c }' "$RESULTS" | median; }
    rps=$(col 3); tps=$(col 7)
    ratio=$(awk -v a="$rps" -v b="$tps" 'BEGIN { printf (b > 0 ? "%.2f" : "-"), a / b }')
    errs=$(awk -F'\t' -v n="$name" '$1 == n { s += $6 } END { print s }' "$RESULTS")
    echo "| $name | $rps | $(col 4) | $(col 5) | $errs | $tps | $(col 8) | $(col 9) | $ratio |"
  done
  echo
  echo "| export | bytes | rows | seconds | API RSS before (MB) | API RSS peak (MB) |"
  echo "|---|---:|---:|---:|---:|---:|"
  tail -n +2 "$EXPORTS" | awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6 }'
  echo
  cat "$OUT/load.txt"
} | tee "$OUT/results.md"
