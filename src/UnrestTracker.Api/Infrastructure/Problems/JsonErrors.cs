using System.Text.Json;
using System.Text.RegularExpressions;

namespace UnrestTracker.Api.Infrastructure.Problems;

/// <summary>Turns System.Text.Json's messages, which name .NET types, into ones a client can act on.</summary>
public static partial class JsonErrors
{
    public static string Describe(JsonException exception)
    {
        var message = exception.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        message = cut > 0 ? message[..cut] : message;
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            return "Unknown field: check its spelling (fields are camelCase); the OpenAPI document (/swagger/v1/swagger.json) lists every field.";
        }
        if (message.StartsWith("Duplicate property", StringComparison.Ordinal))
        {
            return "This field appears more than once.";
        }
        var target = ConvertedTo().Match(message);
        if (!target.Success)
        {
            return message;
        }
        var type = target.Groups[1].Value;
        var enumType = typeof(JsonErrors).Assembly.GetTypes().FirstOrDefault(t => t.IsEnum && (t.FullName == type || type.Contains($"[{t.FullName}", StringComparison.Ordinal)));
        if (enumType is not null)
        {
            var names = Enum.GetNames(enumType).Select(JsonNamingPolicy.SnakeCaseLower.ConvertName);
            return $"Expected one of: {string.Join(", ", names)}.";
        }
        return type switch
        {
            _ when type.Contains("DateOnly", StringComparison.Ordinal) => "Expected a date such as 2022-01-09.",
            _ when type.Contains("Guid", StringComparison.Ordinal) => "Expected a UUID.",
            _ when type.Contains("[]", StringComparison.Ordinal) || type.Contains("List", StringComparison.Ordinal) => "Expected an array.",
            _ when type.Contains("String", StringComparison.Ordinal) => "Expected a string.",
            _ when type.Contains("Int", StringComparison.Ordinal) || type.Contains("Decimal", StringComparison.Ordinal) || type.Contains("Double", StringComparison.Ordinal) => "Expected a number.",
            _ when type.Contains("Boolean", StringComparison.Ordinal) => "Expected true or false.",
            _ => "Expected a JSON object with this resource's fields.",
        };
    }

    [GeneratedRegex("could not be converted to (\\S+?)\\.?$")]
    private static partial Regex ConvertedTo();
}
