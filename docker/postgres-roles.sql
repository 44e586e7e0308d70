-- The two roles UnrestTracker expects (docs/roles.md). Run once, as a superuser.
-- The owner migrates and owns every table; the API's role owns nothing and gets its privileges
-- from the grants the owner makes after each migration (SELECT and INSERT everywhere, UPDATE and
-- DELETE only on bookkeeping tables, never TRUNCATE).
CREATE ROLE unrest_owner LOGIN PASSWORD 'unrest-owner' NOSUPERUSER NOCREATEDB NOCREATEROLE;
CREATE ROLE unrest_api LOGIN PASSWORD 'unrest-api' NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS;
CREATE DATABASE unrest OWNER unrest_owner;
\connect unrest
-- PostgreSQL 15 already keeps CREATE on public from PUBLIC; older clusters do not.
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
ALTER SCHEMA public OWNER TO unrest_owner;
