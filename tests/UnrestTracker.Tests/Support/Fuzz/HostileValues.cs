using System.Text.Json.Nodes;
using CsCheck;

namespace UnrestTracker.Tests.Support.Fuzz;

/// <summary>Values a careless or hostile client sends: edges of every type, huge and empty text, odd Unicode.</summary>
public static class HostileValues
{
    private static readonly string[] Edges =
    [
        "", " ", "0", "-1", "1e400", "-1e400", "NaN", "Infinity", "2147483648", "-9223372036854775809", "99999999999999999999999",
        "0001-01-01", "9999-12-31", "0000-00-00", "2022-02-30", "9999-12-31T23:59:59.9999999Z", "0001-01-01T00:00:00+14:00",
        "2022-01-09T14:00:00", "true", "null", "[]", "{}", "00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff",
        "%00", "\u0000", "\u202e\u200b", "𝕏🙂", "é́́́", "' OR 1=1 --", "<script>", "../../etc/passwd", "a:", ":b", "a:b:c",
        "76,43,77,44", "-181,-91,181,91", "1,1,0,0", "kazakhstan-2022-01", "riots", "killed", "RIOTS", "csv", "geojson",
    ];

    private static readonly Gen<string> Unicode = Gen.Char.Array[0, 40].Select(cs => new string(cs));

    private static readonly Gen<string> Huge = Gen.Int[1, 6].Select(Gen.Char['a', 'z'], (power, c) => new string(c, (int)Math.Pow(8, power)));

    public static readonly Gen<string> Text = Gen.Frequency(
        (6, Gen.OneOf(Edges)),
        (2, Unicode),
        (1, Huge),
        (2, Gen.Int.Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture))));

    /// <summary>A value for a parameter: mostly one the document suggests, often something else.</summary>
    public static Gen<string> For(ApiParameter parameter, IReadOnlyList<string> known)
    {
        var choices = new List<(int, IGen<string>)> { (4, Text) };
        if (parameter.Enum.Length > 0)
        {
            choices.Add((3, Gen.OneOf(parameter.Enum)));
        }
        if (known.Count > 0)
        {
            choices.Add((3, Gen.OneOf([.. known])));
        }
        if (parameter.MaxLength is { } max)
        {
            choices.Add((1, Gen.Int[max, max + 1].Select(n => new string('m', n))));
        }
        return Gen.Frequency([.. choices]);
    }

    /// <summary>A JSON value of any shape, up to deep nesting.</summary>
    public static readonly Gen<JsonNode?> Json = Gen.Frequency(
        (4, Text.Select(t => (JsonNode?)JsonValue.Create(t))),
        (2, Gen.OneOf<JsonNode?>(null, JsonValue.Create(true), JsonValue.Create(0), JsonValue.Create(-1), JsonValue.Create(1.5m),
            JsonValue.Create(long.MaxValue), JsonValue.Create(decimal.MaxValue), new JsonArray(), new JsonObject())),
        (1, Text.Array[0, 5].Select(items => (JsonNode?)new JsonArray([.. items.Select(i => (JsonNode?)JsonValue.Create(i))]))));
}
