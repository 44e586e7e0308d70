#!/usr/bin/env bash
# The fault run: four writers posting statements with idempotency keys while PostgreSQL (a cluster of
# its own, .data/pg-fault, on 127.0.0.1) is stopped, frozen (kill -STOP) and killed (kill -9), each for
# FAULT_SECONDS (5); then the proof. Bounded: the whole run is cut off after 5 minutes.
# The same run, with 2 s faults, is part of `dotnet test` (SurvivingFaultsUnderWriteLoad).
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/results
report=bench/results/fault-run.txt
rm -f "$report"
UNREST_FAULT_SECONDS="${FAULT_SECONDS:-5}" UNREST_FAULT_REPORT="$PWD/$report" \
  timeout 300 dotnet test tests/UnrestTracker.Tests --filter "FullyQualifiedName~SurvivingFaultsUnderWriteLoad" \
  --logger "console;verbosity=minimal" > bench/results/fault-run.log 2>&1 && status=0 || status=$?
cat "$report" 2>/dev/null || echo "no report: see bench/results/fault-run.log"
tail -3 bench/results/fault-run.log
exit "$status"
