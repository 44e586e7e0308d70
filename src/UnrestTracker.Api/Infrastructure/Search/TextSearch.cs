using Microsoft.EntityFrameworkCore;
using NpgsqlTypes;

namespace UnrestTracker.Api.Infrastructure.Search;

/// <summary>
/// <c>q</c> on every list: the same SQL normalisation (unrest_fold, migration SearchInEveryScript) folds the stored text
/// and the query, so search is blind to case in every script, to accents, Arabic diacritics and invisible
/// marks whatever the database's locale.
/// </summary>
public static class TextSearch
{
    /// <summary>
    /// The SQL of a stored generated search column over <paramref name="columns"/>: simple (unstemmed) words
    /// plus the words stemmed by <paramref name="config"/>, an SQL expression of type regconfig.
    /// </summary>
    public static string Vector(string config, params string[] columns) =>
        $"unrest_search_vector({string.Join(" || ' ' || ", columns.Select(c => $"coalesce({c}, '')"))}, {config})";

    /// <summary>The websearch query (quotes, OR, -word) folded like the stored text; translated to SQL only.</summary>
    public static NpgsqlTsQuery Query(string text) =>
        throw new InvalidOperationException($"{nameof(Query)} is translated to SQL and cannot run in memory.");

    public static ModelBuilder HasTextSearch(this ModelBuilder model)
    {
        model.HasDbFunction(typeof(TextSearch).GetMethod(nameof(Query))!).HasName("unrest_search_query").HasSchema(null);
        return model;
    }
}
