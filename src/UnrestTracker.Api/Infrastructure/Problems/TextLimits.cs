using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;

namespace UnrestTracker.Api.Infrastructure.Problems;

/// <summary>
/// The longest text each kind of field takes, in characters: one table for every body field and query
/// parameter. At four bytes a character each stays far below what a btree or GIN entry holds (about
/// 2,700 bytes), so a long value is a 400 naming the field, never an index error.
/// </summary>
public static class TextLimits
{
    public const int Code = 16;
    public const int Key = 64;
    public const int Unit = 50;
    public const int Subject = 100;
    public const int Tag = 100;
    public const int Label = 200;
    public const int Title = 300;
    public const int Name = 300;
    public const int Query = 500;
    public const int Url = 2000;
    public const int Reason = 2000;
    public const int Prose = 10_000;
    public const int Quote = 20_000;

    /// <summary>Checks every <see cref="TextLimitAttribute"/> member of a body, nested objects and arrays included.</summary>
    public static Validation CheckTextLimits(this Validation v, object? body, string path = "")
    {
        if (body is null)
        {
            return v;
        }
        foreach (var member in Members.GetOrAdd(body.GetType(), MembersOf))
        {
            var value = member.Property.GetValue(body);
            switch (value)
            {
                case string text when member.Limit is { } max:
                    v.MaxLength(Join(path, member.Name), text, max);
                    break;
                case IList list when member.IsArray:
                    for (var i = 0; i < list.Count; i++)
                    {
                        if (list[i] is string item && member.Limit is { } itemMax)
                        {
                            v.MaxLength($"{Join(path, member.Name)}[{i}]", item, itemMax);
                        }
                        else if (IsBody(list[i]))
                        {
                            v.CheckTextLimits(list[i], $"{Join(path, member.Name)}[{i}]");
                        }
                    }
                    break;
                case var nested when IsBody(nested):
                    v.CheckTextLimits(nested, Join(path, member.Name));
                    break;
            }
        }
        return v;
    }

    // Reflection once per type, not per body: imports check every row of a file this way.
    private static readonly ConcurrentDictionary<Type, Member[]> Members = new();

    private sealed record Member(PropertyInfo Property, string Name, int? Limit, bool IsArray);

    private static Member[] MembersOf(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => new Member(p, JsonNamingPolicy.CamelCase.ConvertName(p.Name), p.GetCustomAttribute<TextLimitAttribute>()?.Length, p.PropertyType.IsArray))
            .ToArray();

    private static bool IsBody(object? value) =>
        value is not null && value.GetType().Namespace?.StartsWith("UnrestTracker.Api.Features", StringComparison.Ordinal) == true
        && value.GetType().IsClass;

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";
}

/// <summary>The most characters a text field (or each text of an array) takes; enforced and documented as maxLength.</summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter)]
public sealed class TextLimitAttribute(int length) : Attribute
{
    public int Length { get; } = length;
}
