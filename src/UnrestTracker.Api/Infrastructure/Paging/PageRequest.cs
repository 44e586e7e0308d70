using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using UnrestTracker.Api.Infrastructure.Export;
using UnrestTracker.Api.Infrastructure.Swagger;

namespace UnrestTracker.Api.Infrastructure.Paging;

/// <summary>Names the keyset (a static field of the handler's class) whose cursors a <see cref="PageRequest"/> takes.</summary>
/// <remarks>A list that exports names its formats too: <c>[PagedBy(nameof(Order), ExportFormat.Csv)] ListRequest list</c>.</remarks>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PagedByAttribute(string keyset, params ExportFormat[] exports) : Attribute
{
    public string Keyset { get; } = keyset;

    public ExportFormat[] Exports { get; } = exports;
}

/// <summary>What <see cref="PagedByAttribute"/> on a handler's argument names, resolved once per argument.</summary>
internal sealed record PagedList(IKeyset Keyset, ExportFormat[] Exports)
{
    private static readonly ConcurrentDictionary<ParameterInfo, PagedList> Resolved = new();

    public static PagedList Of(ParameterInfo parameter) => Resolved.GetOrAdd(parameter, Resolve);

    private static PagedList Resolve(ParameterInfo parameter)
    {
        var pagedBy = parameter.GetCustomAttribute<PagedByAttribute>()
            ?? throw new InvalidOperationException($"{parameter.Member.Name}'s {parameter.Name} needs [PagedBy(nameof(itsKeyset))].");
        var keyset = parameter.Member.DeclaringType?.GetField(pagedBy.Keyset, BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic)
            ?.GetValue(null) as IKeyset
            ?? throw new InvalidOperationException($"{parameter.Member.DeclaringType?.Name} has no static keyset {pagedBy.Keyset}.");
        return new(keyset, pagedBy.Exports);
    }
}

/// <summary>
/// <c>limit</c> and <c>cursor</c> of one keyset list: the cursor decoded, and refused (400) unless it is one of this list's
/// (<see cref="PagedByAttribute"/> on the argument names the list's <see cref="Keyset{T}"/>).
/// </summary>
public sealed record PageRequest(int Limit, JsonElement[]? After) : IQueryParameters<PageRequest>
{
    public static IEnumerable<QueryParameter> Declared(ParameterInfo parameter) => QueryDocs.Paging;

    public static PageRequest Read(QueryReader query, ParameterInfo parameter)
    {
        var keyset = PagedList.Of(parameter).Keyset;
        return new(query.Limit(), query.Cursor(keyset.List, keyset.Types));
    }
}
