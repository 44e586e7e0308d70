using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace UnrestTracker.Api.Infrastructure.Paging;

/// <summary>What a cursor must match: the list it was made for and the types of its keys.</summary>
public interface IKeyset
{
    string List { get; }

    CursorKey[] Types { get; }
}

/// <summary>A list paged by hand (its own SQL), named with the types of its cursor's keys.</summary>
public sealed record CursorList(string List, CursorKey[] Types) : IKeyset;

/// <summary>
/// A list's sort key, stated once: the keys in order (the last one unique), from which follow the cursor's part types,
/// the seek past a cursor (one row-value comparison, so PostgreSQL reads an index from the cursor on), the order, and
/// the page with the cursor of its last item. Keyset paging as Marten's <c>StreamPagedByCursor</c> does it: page
/// 10,000 costs what page 1 costs.
/// </summary>
/// <example><code>
/// static readonly Keyset&lt;StatementVersion&gt; Order = new("statements", s => s.StatedAt, s => s.Id);
/// var (limit, after) = (query.Limit(), query.Cursor(Order.List, Order.Types));
/// var rows = await Order.Sort(Order.After(statements, after)).Take(limit + 1).ToListAsync(ct);
/// return Order.Page(rows, limit); // or Order.Page(projected, limit, s => [s.StatedAt, s.Id]) for rows read as another type
/// </code></example>
public sealed class Keyset<T> : IKeyset
{
    private readonly LambdaExpression[] _keys;
    private readonly Func<T, object?>[] _values;

    /// <param name="list">The list's name, signed into its cursors so that another list refuses them.</param>
    /// <param name="keys">One to three keys, ascending; together unique. Each is a timestamp, id, text, date or integer.</param>
    public Keyset(string list, params Expression<Func<T, object>>[] keys)
    {
        if (keys.Length is < 1 or > 3)
        {
            throw new ArgumentException("A keyset needs one to three keys, the last one unique.", nameof(keys));
        }
        List = list;
        _keys = keys.Select(k => Expression.Lambda(Unboxed(k.Body), k.Parameters)).ToArray();
        _values = keys.Select(k => k.Compile()).ToArray();
        Types = _keys.Select(k => TypeOf(k.ReturnType)).ToArray();
    }

    public string List { get; }

    /// <summary>What each part of a cursor of this list must be (see <see cref="QueryReader.Cursor"/>).</summary>
    public CursorKey[] Types { get; }

    /// <summary>The rows after the cursor's key in this order; all rows for the first page (no cursor).</summary>
    public IQueryable<T> After(IQueryable<T> rows, JsonElement[]? cursor) =>
        cursor is null ? rows : rows.Where(Compare(cursor, ExpressionType.GreaterThan, nameof(NpgsqlDbFunctionsExtensions.GreaterThan)));

    /// <summary>The rows at or before the cursor's key, latest first: to look back from a page's start.</summary>
    public IOrderedQueryable<T> UpTo(IQueryable<T> rows, JsonElement[] cursor) => Ordered(
        rows.Where(Compare(cursor, ExpressionType.LessThanOrEqual, nameof(NpgsqlDbFunctionsExtensions.LessThanOrEqual))),
        nameof(Queryable.OrderByDescending), nameof(Queryable.ThenByDescending));

    /// <summary>The rows in this order.</summary>
    public IOrderedQueryable<T> Sort(IQueryable<T> rows) => Ordered(rows, nameof(Queryable.OrderBy), nameof(Queryable.ThenBy));

    /// <summary>
    /// The page of <paramref name="rows"/> (read with <c>Take(limit + 1)</c>): the first <paramref name="limit"/>, and a
    /// cursor after the last of them when there is more, made of its keys in this order.
    /// </summary>
    public Page<TItem> Page<TItem>(IReadOnlyList<TItem> rows, int limit, Func<TItem, object?[]> keysOf)
    {
        var items = rows.Take(limit).ToList();
        return new Page<TItem>(items, rows.Count > limit ? Cursor.Encode(List, keysOf(items[^1])) : null);
    }

    /// <summary>The page of <paramref name="rows"/> read as <typeparamref name="T"/>: the cursor takes the keys from its last row.</summary>
    public Page<T> Page(IReadOnlyList<T> rows, int limit) => Page(rows, limit, KeysOf);

    /// <summary>The row's keys in this order, as its cursor holds them.</summary>
    public object?[] KeysOf(T row) => _values.Select(value => value(row)).ToArray();

    /// <summary>
    /// The row-value comparison of the row's keys with the cursor's, <c>(a, b) &gt; (@a, @b)</c>, which PostgreSQL
    /// answers from an index on the keys; a plain comparison for one key.
    /// </summary>
    private Expression<Func<T, bool>> Compare(JsonElement[] cursor, ExpressionType single, string rowValue)
    {
        var row = Expression.Parameter(typeof(T), "row");
        var mine = _keys.Select(k => new ParameterReplacer(k.Parameters[0], row).Visit(k.Body)).ToArray();
        // Values through a closure, as C# captures them: EF Core sends them as parameters and caches one plan.
        var theirs = _keys.Select((k, i) => Captured(cursor[i].Deserialize(k.ReturnType)!, k.ReturnType)).ToArray();
        if (_keys.Length == 1)
        {
            return Expression.Lambda<Func<T, bool>>(Expression.MakeBinary(single, mine[0], theirs[0]), row);
        }
        var compare = typeof(NpgsqlDbFunctionsExtensions).GetMethod(rowValue, [typeof(DbFunctions), typeof(ITuple), typeof(ITuple)])!;
        var test = Expression.Call(compare, Expression.Property(null, typeof(EF), nameof(EF.Functions)),
            Expression.Convert(Tuple(mine), typeof(ITuple)), Expression.Convert(Tuple(theirs), typeof(ITuple)));
        return Expression.Lambda<Func<T, bool>>(test, row);
    }

    private IOrderedQueryable<T> Ordered(IQueryable<T> rows, string first, string then)
    {
        var ordered = rows.Provider.CreateQuery<T>(Ordering(rows.Expression, first, _keys[0]));
        foreach (var key in _keys.Skip(1))
        {
            ordered = ordered.Provider.CreateQuery<T>(Ordering(ordered.Expression, then, key));
        }
        return (IOrderedQueryable<T>)ordered;
    }

    private static Expression Ordering(Expression source, string method, LambdaExpression key) =>
        Expression.Call(typeof(Queryable), method, [typeof(T), key.ReturnType], source, Expression.Quote(key));

    private static Expression Tuple(Expression[] parts) =>
        Expression.Call(typeof(ValueTuple), nameof(ValueTuple.Create), parts.Select(p => p.Type).ToArray(), parts);

    private static Expression Captured(object value, Type type)
    {
        var box = Activator.CreateInstance(typeof(CapturedValue<>).MakeGenericType(type), value)!;
        return Expression.Field(Expression.Constant(box), nameof(CapturedValue<int>.Value));
    }

    private static Expression Unboxed(Expression body) =>
        body is UnaryExpression { NodeType: ExpressionType.Convert } convert ? convert.Operand : body;

    private static CursorKey TypeOf(Type type) => type switch
    {
        _ when type == typeof(DateTimeOffset) => CursorKey.Timestamp,
        _ when type == typeof(Guid) => CursorKey.Id,
        _ when type == typeof(string) => CursorKey.Text,
        _ when type == typeof(DateOnly) => CursorKey.Date,
        _ when type == typeof(int) => CursorKey.Int32,
        _ when type == typeof(long) => CursorKey.Int64,
        _ => throw new ArgumentException($"A keyset key cannot be a {type.Name}."),
    };

    private sealed class ParameterReplacer(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}

/// <summary>A cursor value as a closure holds it, so that EF Core makes it a parameter rather than a constant.</summary>
file sealed class CapturedValue<TValue>(TValue value)
{
    public readonly TValue Value = value;
}
