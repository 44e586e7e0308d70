using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace UnrestTracker.Api.Migrations;

/// <summary>
/// Search blind to case in every script, to accents, Arabic diacritics and invisible marks, whatever the
/// database's locale: unrest_fold normalises text (NFKC; format characters such as U+200F and zero-width
/// marks removed; Arabic harakat and tatweel removed, alef forms unified; non-ASCII punctuation made a space,
/// since under a C ctype the text search parser counts any non-ASCII character as a letter; lower-cased by
/// the ICU root collation explicitly, never the database's; unaccent). The stored vectors and the query
/// (unrest_search_query) both go through it. The wrappers are IMMUTABLE so that generated columns may use
/// them: unaccent() itself is only STABLE, and both its dictionary and the collation are named explicitly.
/// A vector holds the words stemmed for its language; the query asks for the words as typed or stemmed as
/// English or as Russian (the russian configuration stems ASCII words as English), whichever matches.
/// Columns are dropped and added again: PostgreSQL 15 cannot change a generated column's expression.
/// </summary>
public partial class SearchInEveryScript : Migration
{
    private static readonly (string Table, string Old, string New)[] Columns =
    [
        ("event_versions", "to_tsvector('english'::regconfig, coalesce(title, '') || ' ' || coalesce(description, ''))",
            "unrest_search_vector(coalesce(title, '') || ' ' || coalesce(description, ''), 'english')"),
        ("incident_versions", "to_tsvector('english'::regconfig, coalesce(title, '') || ' ' || coalesce(summary, ''))",
            "unrest_search_vector(coalesce(title, '') || ' ' || coalesce(summary, ''), 'english')"),
        ("source_versions", "to_tsvector('simple'::regconfig, coalesce(name, ''))",
            "unrest_search_vector(coalesce(name, ''), 'simple')"),
        ("statement_versions", "to_tsvector('english'::regconfig, coalesce(summary, '') || ' ' || coalesce(quote, ''))",
            "unrest_search_vector(coalesce(summary, '') || ' ' || coalesce(quote, ''), unrest_search_config(language))"),
    ];

    private const string Functions = """
        CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;

        CREATE OR REPLACE FUNCTION unrest_fold(body text) RETURNS text
        LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
        RETURN public.unaccent('public.unaccent'::regdictionary, lower(regexp_replace(regexp_replace(regexp_replace(
                CASE WHEN body IS NFKC NORMALIZED THEN body ELSE normalize(body, NFKC) END,
                '[\u00AD\u0600-\u0605\u061C\u06DD\u070F\u0890-\u0891\u08E2\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFEFF\uFFF9-\uFFFB\U000110BD\U000110CD\U00013430-\U0001343F\U0001BCA0-\U0001BCA3\U0001D173-\U0001D17A\U000E0001\U000E0020-\U000E007F\u0610-\u061A\u0640\u064B-\u065F\u0670\u06D6-\u06ED\u08D3-\u08FF]', '', 'g'),
                '[\u00A1-\u00BF\u2010-\u205E\u3000-\u303F\u060C\u061B\u061E\u061F\u066A-\u066D\u06D4]', ' ', 'g'),
                '[\u0622\u0623\u0625\u0671]', 'ا', 'g') COLLATE "und-x-icu"));

        CREATE OR REPLACE FUNCTION unrest_search_config(language text) RETURNS regconfig
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        RETURN CASE split_part(coalesce(language, 'en'), '-', 1)
            WHEN 'en' THEN 'english'::regconfig WHEN 'ru' THEN 'russian'::regconfig ELSE 'simple'::regconfig END;

        CREATE OR REPLACE FUNCTION unrest_search_vector(body text, config regconfig) RETURNS tsvector
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        RETURN to_tsvector(config, coalesce(unrest_fold(body), ''));

        CREATE OR REPLACE FUNCTION unrest_search_query(query text) RETURNS tsquery
        LANGUAGE sql IMMUTABLE PARALLEL SAFE
        RETURN websearch_to_tsquery('simple'::regconfig, coalesce(unrest_fold(query), ''))
            || websearch_to_tsquery('english'::regconfig, coalesce(unrest_fold(query), ''))
            || websearch_to_tsquery('russian'::regconfig, coalesce(unrest_fold(query), ''));
        """;

    /// <inheritdoc />
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(Functions);
        foreach (var (table, _, expression) in Columns)
        {
            migrationBuilder.Sql(Replace(table, expression));
        }
    }

    /// <inheritdoc />
    protected override void Down(MigrationBuilder migrationBuilder)
    {
        foreach (var (table, expression, _) in Columns)
        {
            migrationBuilder.Sql(Replace(table, expression));
        }
        migrationBuilder.Sql("""
            DROP FUNCTION IF EXISTS unrest_search_query(text);
            DROP FUNCTION IF EXISTS unrest_search_vector(text, regconfig);
            DROP FUNCTION IF EXISTS unrest_search_config(text);
            DROP FUNCTION IF EXISTS unrest_fold(text);
            """);
    }

    private static string Replace(string table, string expression) => $"""
        ALTER TABLE {table} DROP COLUMN search_vector;
        ALTER TABLE {table} ADD COLUMN search_vector tsvector NOT NULL GENERATED ALWAYS AS ({expression}) STORED;
        CREATE INDEX ix_{table}_search_vector ON {table} USING GIN (search_vector);
        """;
}
