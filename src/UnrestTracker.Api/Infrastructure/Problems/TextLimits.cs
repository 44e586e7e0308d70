using System.Collections;
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
        foreach (var property in body.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var at = Join(path, JsonNamingPolicy.CamelCase.ConvertName(property.Name));
            var value = property.GetValue(body);
            var limit = property.GetCustomAttribute<TextLimitAttribute>()?.Length;
            switch (value)
            {
                case string text when limit is { } max:
                    v.MaxLength(at, text, max);
                    break;
                case IList list when property.PropertyType.IsArray:
                    for (var i = 0; i < list.Count; i++)
                    {
                        if (list[i] is string item && limit is { } itemMax)
                        {
                            v.MaxLength($"{at}[{i}]", item, itemMax);
                        }
                        else if (IsBody(list[i]))
                        {
                            v.CheckTextLimits(list[i], $"{at}[{i}]");
                        }
                    }
                    break;
                case var nested when IsBody(nested):
                    v.CheckTextLimits(nested, at);
                    break;
            }
        }
        return v;
    }

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
