#!/bin/bash
# Lets the optional replica (docker compose --profile replicas) clone and stream from this primary: a role that may
# only replicate (its password from .env), and a pg_hba.conf line for it. Runs once, on the primary's first start.
# wal_level=replica is the default.
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" -v password="$UNREST_REPLICATION_PASSWORD" <<'SQL'
CREATE ROLE replicator LOGIN REPLICATION PASSWORD :'password';
SQL
echo "host replication replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"
