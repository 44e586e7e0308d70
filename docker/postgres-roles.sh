#!/bin/bash
# The two roles UnrestTracker expects (docs/roles.md), with the passwords from .env. Runs once, on the
# database's first start. The owner migrates and owns every table; the API's role owns nothing and gets its
# privileges from the grants the owner makes after each migration (SELECT and INSERT everywhere, UPDATE and
# DELETE only on bookkeeping tables, never TRUNCATE).
set -euo pipefail
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" \
  -v owner_password="$UNREST_OWNER_PASSWORD" -v api_password="$UNREST_API_PASSWORD" <<'SQL'
CREATE ROLE unrest_owner LOGIN PASSWORD :'owner_password' NOSUPERUSER NOCREATEDB NOCREATEROLE;
CREATE ROLE unrest_api LOGIN PASSWORD :'api_password' NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
CREATE DATABASE unrest OWNER unrest_owner;
\connect unrest
-- PostgreSQL 15 already keeps CREATE on public from PUBLIC; older clusters do not.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
ALTER SCHEMA public OWNER TO unrest_owner;
SQL
