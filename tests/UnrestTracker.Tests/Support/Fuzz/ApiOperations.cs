using System.Text.Json;
using System.Text.Json.Nodes;

namespace UnrestTracker.Tests.Support.Fuzz;

/// <summary>One parameter of an operation as the served OpenAPI document describes it.</summary>
public sealed record ApiParameter(string Name, string In, string[] Enum, string? Format, int? MaxLength);

/// <summary>One operation of the served document: its parameters and, for writes, an example body to mutate.</summary>
public sealed record ApiOperation(string Method, string Path, ApiParameter[] Parameters, JsonNode? ExampleBody)
{
    public bool IsWrite => Method is "POST" or "PUT" or "DELETE";

    /// <summary>Every /api/v1 operation of the document, request bodies filled from their schema's example.</summary>
    public static List<ApiOperation> Read(JsonElement document)
    {
        var schemas = document.GetProperty("components").GetProperty("schemas");
        var operations = new List<ApiOperation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject().Where(p => p.Name.StartsWith("/api/v1", StringComparison.Ordinal)))
        {
            foreach (var operation in path.Value.EnumerateObject().Where(o => o.Name is "get" or "post" or "put" or "delete"))
            {
                var parameters = operation.Value.TryGetProperty("parameters", out var ps)
                    ? ps.EnumerateArray().Select(Parameter).ToArray()
                    : [];
                operations.Add(new ApiOperation(operation.Name.ToUpperInvariant(), path.Name, parameters, Example(operation.Value, schemas)));
            }
        }
        return operations;
    }

    private static ApiParameter Parameter(JsonElement p)
    {
        var schema = p.TryGetProperty("schema", out var s) ? s : default;
        string[] values = schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("enum", out var e)
            ? [.. e.EnumerateArray().Select(v => v.ToString())]
            : [];
        return new ApiParameter(p.GetProperty("name").GetString()!, p.GetProperty("in").GetString()!, values,
            schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("format", out var f) ? f.GetString() : null,
            schema.ValueKind == JsonValueKind.Object && schema.TryGetProperty("maxLength", out var m) ? m.GetInt32() : null);
    }

    private static JsonNode? Example(JsonElement operation, JsonElement schemas)
    {
        if (!operation.TryGetProperty("requestBody", out var body)
            || !body.GetProperty("content").TryGetProperty("application/json", out var json)
            || !json.GetProperty("schema").TryGetProperty("$ref", out var reference))
        {
            return null;
        }
        var schema = schemas.GetProperty(reference.GetString()!.Split('/')[^1]);
        return schema.TryGetProperty("example", out var example) ? JsonNode.Parse(example.GetRawText()) : new JsonObject();
    }
}
