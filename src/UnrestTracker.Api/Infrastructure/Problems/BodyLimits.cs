using System.Collections;
using System.Collections.Concurrent;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;

namespace UnrestTracker.Api.Infrastructure.Problems;

/// <summary>
/// The limits every request body obeys field by field, checked in one walk over the body (nested objects and arrays
/// included) that POST, PUT and imports all take: a value wherever <see cref="RequiredAttribute"/> marks one (the same
/// attribute makes it required in the OpenAPI schema), text up to its <see cref="TextLimitAttribute"/>, arrays up to
/// <see cref="MaxItems"/> items, dates and timestamps within <see cref="TimeLimits"/>. Read-only members (echoed back,
/// ignored) are not checked.
/// </summary>
public static class BodyLimits
{
    public const int MaxItems = 100;

    public static Validation CheckLimits(this Validation v, object? body, string path = "")
    {
        if (body is null)
        {
            return v;
        }
        foreach (var member in Members.GetOrAdd(body.GetType(), MembersOf))
        {
            var (name, value) = (Join(path, member.Name), member.Property.GetValue(body));
            if (member.Required && !v.Required(name, value))
            {
                continue;
            }
            switch (value)
            {
                case string text when member.Limit is { } max:
                    v.MaxLength(name, text, max);
                    break;
                case DateTimeOffset at:
                    v.Within(name, at);
                    break;
                case DateOnly day:
                    v.Within(name, day);
                    break;
                case IList list when member.IsArray && list.Count > MaxItems:
                    // Answered before anything looks at the items: a huge array costs its count, not its contents.
                    v.Add(name, $"At most {MaxItems} items.");
                    break;
                case IList list when member.IsArray:
                    for (var i = 0; i < list.Count; i++)
                    {
                        if (list[i] is string item && member.Limit is { } itemMax)
                        {
                            v.MaxLength($"{name}[{i}]", item, itemMax);
                        }
                        else if (IsBody(list[i]))
                        {
                            v.CheckLimits(list[i], $"{name}[{i}]");
                        }
                    }
                    break;
                case var nested when IsBody(nested):
                    v.CheckLimits(nested, name);
                    break;
            }
        }
        return v;
    }

    /// <summary>The indexes of an array that a validator looks at: all of them, or none past the cap (already an error).</summary>
    public static IEnumerable<int> Indexes(int? count) => Enumerable.Range(0, count is { } n and <= MaxItems ? n : 0);

    // Reflection once per type, not per body: imports check every row of a file this way.
    private static readonly ConcurrentDictionary<Type, Member[]> Members = new();

    private sealed record Member(PropertyInfo Property, string Name, bool Required, int? Limit, bool IsArray);

    private static Member[] MembersOf(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<ReadOnlyAttribute>()?.IsReadOnly != true)
            .Select(p => new Member(p, JsonNamingPolicy.CamelCase.ConvertName(p.Name), p.GetCustomAttribute<RequiredAttribute>() is not null,
                p.GetCustomAttribute<TextLimitAttribute>()?.Length, p.PropertyType.IsArray))
            .ToArray();

    private static bool IsBody(object? value) =>
        value is not null && value.GetType().Namespace?.StartsWith("UnrestTracker.Api.Features", StringComparison.Ordinal) == true
        && value.GetType().IsClass;

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}

/// <summary>
/// The moments a client may write (every date and timestamp of a body, an import's release): the years 1800 to 2199.
/// Beyond them lie no unrest anyone records, only typos and the calendar's ends, which PostgreSQL would store as
/// ±infinity.
/// </summary>
public static class TimeLimits
{
    public static readonly DateOnly FirstDay = new(1800, 1, 1);
    public static readonly DateOnly LastDay = new(2199, 12, 31);

    public static string Problem => $"Must lie between {FirstDay:yyyy-MM-dd} and {LastDay:yyyy-MM-dd} (UTC).";

    public static bool Contains(DateOnly day) => day >= FirstDay && day <= LastDay;

    public static bool Contains(DateTimeOffset at) => Contains(DateOnly.FromDateTime(at.UtcDateTime));
}
