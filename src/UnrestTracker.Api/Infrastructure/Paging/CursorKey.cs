using System.Globalization;
using System.Text.Json;

namespace UnrestTracker.Api.Infrastructure.Paging;

/// <summary>The type of one part of a list's sort key, checked when a cursor is decoded.</summary>
public enum CursorKey
{
    Text,
    Id,
    Timestamp,
    Date,
    Int32,
    Int64,
}

public static class CursorKeys
{
    /// <summary>True when every part of <paramref name="keys"/> has the type the list sorts by.</summary>
    public static bool Match(JsonElement[] keys, CursorKey[] types) =>
        keys.Length == types.Length && keys.Zip(types).All(pair => Is(pair.First, pair.Second));

    private static bool Is(JsonElement key, CursorKey type) => type switch
    {
        CursorKey.Text => key.ValueKind == JsonValueKind.String,
        CursorKey.Id => key.ValueKind == JsonValueKind.String && key.TryGetGuid(out _),
        CursorKey.Timestamp => key.ValueKind == JsonValueKind.String && key.TryGetDateTimeOffset(out _),
        CursorKey.Date => key.ValueKind == JsonValueKind.String
            && DateOnly.TryParseExact(key.GetString(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        CursorKey.Int32 => key.ValueKind == JsonValueKind.Number && key.TryGetInt32(out _),
        CursorKey.Int64 => key.ValueKind == JsonValueKind.Number && key.TryGetInt64(out _),
        _ => false,
    };
}
