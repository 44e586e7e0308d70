using System.Text.Json.Nodes;
using CsCheck;

namespace UnrestTracker.Tests.Support.Fuzz;

/// <summary>A generated request: one operation of the document, its parameters filled or mangled, its body mutated.</summary>
public sealed record FuzzRequest(ApiOperation Operation, string Url, Dictionary<string, string> Headers, string? Body)
{
    public override string ToString() => $"{Operation.Method} {Url} {string.Join(" ", Headers.Select(h => $"[{h.Key}: {Clip(h.Value)}]"))} {Clip(Body)}";

    private static string Clip(string? text) => text is null ? "" : text.Length > 300 ? $"{text[..300]}…({text.Length} chars)" : text;
}

public static class FuzzRequests
{
    /// <summary>Requests for <paramref name="operations"/>; <paramref name="known"/> gives real values by parameter name.</summary>
    public static Gen<FuzzRequest> For(IReadOnlyList<ApiOperation> operations, Func<ApiOperation, string, IReadOnlyList<string>> known) =>
        Gen.Int[0, operations.Count - 1].SelectMany(index =>
        {
            var operation = operations[index];
            var values = operation.Parameters.Select(p =>
            {
                var value = HostileValues.For(p, known(operation, p.Name)).Select(v => (string?)v);
                return (p.In == "path" ? value : Gen.Frequency((2, Gen.Const((string?)null)), (3, value))).Select(v => (p, v));
            });
            return Gen.Select(All<(ApiParameter, string?)>(values), Body(operation.ExampleBody), Gen.Int[0, 3], (filled, body, extra) =>
                Build(operation, filled, body, extra));
        });

    private static Gen<T[]> All<T>(IEnumerable<Gen<T>> gens) =>
        gens.Aggregate(Gen.Const(Array.Empty<T>()), (all, gen) => all.SelectMany(xs => gen.Select(x => (T[])[.. xs, x])));

    private static FuzzRequest Build(ApiOperation operation, (ApiParameter P, string? Value)[] filled, string? body, int extra)
    {
        var path = operation.Path;
        var query = new List<string>();
        var headers = new Dictionary<string, string>();
        foreach (var (p, value) in filled.Where(f => f.Value is not null))
        {
            switch (p.In)
            {
                // A NUL in the path never reaches the app (Kestrel answers 400 itself; the test host throws).
                case "path": path = path.Replace($"{{{p.Name}}}", Uri.EscapeDataString(value!.Replace("\0", "").Replace("%00", "")), StringComparison.Ordinal); break;
                case "query": query.Add($"{p.Name}={Uri.EscapeDataString(value!)}"); break;
                case "header" when value!.All(c => c is >= ' ' and <= '~'): headers[p.Name] = value!; break;
            }
        }
        // Now and then a parameter the operation does not take, or one given twice.
        if (extra == 1)
        {
            query.Add("limt=10");
        }
        if (extra == 2 && query.Count > 0)
        {
            query.Add(query[0]);
        }
        return new FuzzRequest(operation, query.Count == 0 ? path : $"{path}?{string.Join('&', query)}", headers,
            operation.Method is "POST" or "PUT" ? body : null);
    }

    /// <summary>The example body, or it with one member replaced, added or removed, or something else entirely.</summary>
    private static Gen<string?> Body(JsonNode? example) => Gen.Frequency(
        (2, Gen.Const(example?.ToJsonString())),
        (6, Gen.Select(Gen.Int[0, 100], HostileValues.Json, HostileValues.Text, (which, value, name) => Mutate(example, which, value, name))),
        (2, Gen.OneOf<string?>(null, "", "{", "[]", "null", "1e400", "{\"a\":1e400}", "\"x\"", "{}{}", new string('[', 5000) + new string(']', 5000),
            "{\"title\":\"\\ud800\"}", "\uFEFF{}", "{\"figures\":[" + string.Join(',', Enumerable.Repeat("{}", 500)) + "]}")));

    private static string? Mutate(JsonNode? example, int which, JsonNode? value, string name)
    {
        value = value?.DeepClone(); // generated constants are shared between cases
        if (example?.DeepClone() is not JsonObject body)
        {
            return value?.ToJsonString();
        }
        var members = body.Select(m => m.Key).ToList();
        if (members.Count == 0 || which < 10)
        {
            body[name.Length is > 0 and < 100 ? name : "unknownMember"] = value;
        }
        else if (which < 20)
        {
            body.Remove(members[which % members.Count]);
        }
        else
        {
            body[members[which % members.Count]] = value;
        }
        return body.ToJsonString();
    }
}
