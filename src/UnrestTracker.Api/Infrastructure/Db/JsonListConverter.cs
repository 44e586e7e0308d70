using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace UnrestTracker.Api.Infrastructure.Db;

/// <summary>Stores a small list of records as a jsonb column.</summary>
public sealed class JsonListConverter<T>() : ValueConverter<List<T>, string>(
    v => JsonSerializer.Serialize(v, Options),
    s => JsonSerializer.Deserialize<List<T>>(s, Options) ?? new List<T>())
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static ValueComparer<List<T>> Comparer { get; } = new(
        (a, b) => a!.SequenceEqual(b!), v => v.Aggregate(0, (h, x) => HashCode.Combine(h, x)), v => v.ToList());
}
