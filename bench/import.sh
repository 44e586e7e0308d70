#!/usr/bin/env bash
# Import throughput through the CLI, as an operator runs it: the 16,566-row UCDP Syria file and a generated
# ACLED-layout file (default 1M rows), each into a database of its own on the embedded cluster.
# Prints rows, seconds, rows/s and peak RSS, and writes them to bench/results/import-*.md.
#
#   bench/import.sh                 # both
#   BENCH_ACLED_ROWS=200000 bench/import.sh
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
ROWS=${BENCH_ACLED_ROWS:-1000000}
SYRIA=${BENCH_SYRIA:-$ROOT/../shared/data/ucdp_ged191_syria.csv}
OUT=${BENCH_OUT:-$ROOT/bench/results}
DLL=$ROOT/src/UnrestTracker.Api/bin/Release/net10.0/UnrestTracker.Api.dll
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$OUT"
log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

log "building (Release)"
dotnet build "$ROOT/src/UnrestTracker.Api" -c Release -v quiet -nologo >/dev/null

GENERATED=$OUT/acled-$ROWS.csv
if [[ ! -s $GENERATED ]]; then
  log "generating $ROWS ACLED-layout rows into $GENERATED"
  awk -v rows="$ROWS" -f "$ROOT/bench/acled-generate.awk" >"$GENERATED"
fi

# Runs one import; prints "rows seconds rows/s peak-RSS-MB" from the report and /proc.
run() {
  local dataset=$1 file=$2 database=$3
  local start end pid peak=0 rss report=$OUT/import-$STAMP-$database.json
  start=$(date +%s.%N)
  dotnet "$DLL" import "$dataset" "$file" "--Embedded:Database=$database" "--Demo:Load=false" >"$report" 2>"$report.log" &
  pid=$!
  while kill -0 "$pid" 2>/dev/null; do
    rss=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$pid/status" 2>/dev/null || echo 0)
    ((rss > peak)) && peak=$rss
    sleep 0.5
  done
  wait "$pid"
  end=$(date +%s.%N)
  local rows seconds
  rows=$(grep -m1 '"rows"' "$report" | tr -dc 0-9)
  seconds=$(echo "$end - $start" | bc)
  printf '%s %s %.0f %s\n' "$rows" "$seconds" "$(echo "$rows / $seconds" | bc -l)" "$peak"
}

{
  echo "# Import throughput ($STAMP)"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); commit $(git -C "$ROOT" rev-parse --short HEAD); command: bench/import.sh (whole CLI process: start, migrations, import)."
  echo
  echo "| file | rows | seconds | rows/s | peak RSS (MB) |"
  echo "|---|---:|---:|---:|---:|"
  log "importing the UCDP Syria file"
  read -r rows seconds rate peak < <(run ucdp "$SYRIA" "unrest_import_syria_$STAMP")
  echo "| ucdp_ged191_syria.csv | $rows | $seconds | $rate | $peak |"
  log "importing $ROWS generated ACLED rows"
  read -r rows seconds rate peak < <(run acled "$GENERATED" "unrest_import_acled_$STAMP")
  echo "| generated ACLED ($ROWS rows) | $rows | $seconds | $rate | $peak |"
} | tee "$OUT/import-$STAMP.md"
