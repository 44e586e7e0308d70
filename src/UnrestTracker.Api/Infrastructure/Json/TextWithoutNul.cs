using System.Text.Json;
using System.Text.Json.Serialization;

namespace UnrestTracker.Api.Infrastructure.Json;

/// <summary>PostgreSQL text cannot hold U+0000: refuse it as bad JSON (a 400) rather than fail at insert (a 500).</summary>
public sealed class TextWithoutNul : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString();
        if (text is not null && text.Contains('\0', StringComparison.Ordinal))
        {
            throw new JsonException("Text must not contain the NUL character (\\u0000).");
        }
        return text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
