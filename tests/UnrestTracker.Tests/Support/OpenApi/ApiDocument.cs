using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace UnrestTracker.Tests.Support.OpenApi;

/// <summary>
/// The served OpenAPI document as a checker of responses: which operation a request reached (path template and
/// method), the statuses that operation lists, each status's media types and their schemas. The document is read
/// with Microsoft.OpenApi and each schema written out as OpenAPI 3.1, whose schemas are JSON Schema 2020-12, for
/// JsonSchema.Net to evaluate; formats (uuid, date, date-time) are asserted, not just annotations.
/// </summary>
public sealed class ApiDocument
{
    private static readonly EvaluationOptions Evaluation = new() { OutputFormat = OutputFormat.List, RequireFormatValidation = true };

    private readonly List<(string Template, string[] Segments, IOpenApiPathItem Item)> _paths;
    private readonly JsonObject _definitions;
    private readonly ConcurrentDictionary<string, JsonSchema> _schemas = new();

    private ApiDocument(OpenApiDocument document)
    {
        _paths = [.. (document.Paths ?? []).Select(p => (p.Key, Segments(p.Key), p.Value))];
        _definitions = new JsonObject();
        foreach (var (name, schema) in document.Components?.Schemas ?? new Dictionary<string, IOpenApiSchema>())
        {
            _definitions[name] = JsonNode.Parse(AsJsonSchema(schema));
        }
    }

    public static ApiDocument Parse(string json)
    {
        var result = OpenApiDocument.Parse(json, OpenApiConstants.Json, new OpenApiReaderSettings());
        if (result.Document is null || result.Diagnostic?.Errors.Count > 0)
        {
            throw new InvalidOperationException("The served OpenAPI document does not read: "
                + string.Join("; ", result.Diagnostic?.Errors.Select(e => $"{e.Pointer}: {e.Message}") ?? []));
        }
        return new ApiDocument(result.Document);
    }

    /// <summary>The operation a request reached, or null when the document has no such path and method (a page, /health).</summary>
    public DocumentedOperation? Find(HttpMethod method, string path)
    {
        var segments = Segments(path);
        var match = _paths
            .Where(p => p.Segments.Length == segments.Length
                && p.Segments.Zip(segments).All(s => s.First.StartsWith('{') || s.First.Equals(s.Second, StringComparison.Ordinal)))
            .OrderByDescending(p => p.Segments.Count(s => !s.StartsWith('{')))
            .Select(p => (p.Template, Operation: OperationOf(p.Item, method)))
            .FirstOrDefault(p => p.Operation is not null);
        return match.Operation is null ? null : new DocumentedOperation(this, $"{method.Method} {match.Template} ({match.Operation.OperationId})", match.Operation);
    }

    private static OpenApiOperation? OperationOf(IOpenApiPathItem item, HttpMethod method)
    {
        var operations = item.Operations ?? [];
        // HEAD is GET without the body (RFC 9110), unless the document says otherwise.
        return operations.TryGetValue(method, out var operation) || (method == HttpMethod.Head && operations.TryGetValue(HttpMethod.Get, out operation))
            ? operation : null;
    }

    /// <summary>Evaluates a body against a response schema; each failure as "JSON path: message".</summary>
    internal IEnumerable<string> Evaluate(string key, IOpenApiSchema schema, JsonElement body)
    {
        var compiled = _schemas.GetOrAdd(key, _ =>
        {
            var root = JsonNode.Parse(AsJsonSchema(schema))!.AsObject();
            root["$schema"] = "https://json-schema.org/draft/2020-12/schema";
            root["$defs"] = _definitions.DeepClone();
            return JsonSchema.FromText(root.ToJsonString(), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        });
        var results = compiled.Evaluate(body, Evaluation);
        if (results.IsValid)
        {
            return [];
        }
        return (results.Details ?? [results])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{JsonPath(d.InstanceLocation.ToString())}: {e.Value} (schema {d.EvaluationPath})"))
            .DefaultIfEmpty($"$: does not match {key}")
            .Take(8);
    }

    /// <summary>A schema as JSON Schema 2020-12 (OpenAPI 3.1's dialect), its references pointing into our $defs.</summary>
    private static string AsJsonSchema(IOpenApiSchema schema)
    {
        using var text = new StringWriter();
        schema.SerializeAsV31(new OpenApiJsonWriter(text));
        return text.ToString().Replace("\"#/components/schemas/", "\"#/$defs/", StringComparison.Ordinal);
    }

    private static string[] Segments(string path) => path.Split('/', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>A JSON pointer (/figures/0/scope) as a JSON path ($.figures[0].scope).</summary>
    private static string JsonPath(string pointer)
    {
        var path = new StringBuilder("$");
        foreach (var token in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            path.Append(token.All(char.IsAsciiDigit) ? $"[{token}]" : $".{token.Replace("~1", "/").Replace("~0", "~")}");
        }
        return path.ToString();
    }
}

/// <summary>One documented operation: what it lists, and whether a response fits.</summary>
public sealed class DocumentedOperation(ApiDocument document, string name, OpenApiOperation operation)
{
    public string Name { get; } = name;

    /// <summary>What is wrong with a status and media type (null media type: no body); empty when both are listed.</summary>
    public IEnumerable<string> CheckStatus(int status, string? mediaType)
    {
        if (Response(status) is not { } response)
        {
            yield return $"status {status} is not listed (the operation lists {string.Join(", ", operation.Responses?.Keys.AsEnumerable() ?? [])})";
            yield break;
        }
        var listed = response.Content?.Keys ?? [];
        if (mediaType is not null && !listed.Contains(mediaType, StringComparer.OrdinalIgnoreCase))
        {
            yield return $"status {status} answered {mediaType}, which it does not list ({string.Join(", ", listed)})";
        }
        else if (mediaType is null && listed.Count > 0 && status != NotModified)
        {
            yield return $"status {status} answered no body, but lists {string.Join(", ", listed)}";
        }
    }

    /// <summary>
    /// Whether a 200 or 201 carries an ETag exactly when its documentation says so: a client revalidates or edits by the
    /// tags the document promises, and a tag it does not mention is one nobody knows to use.
    /// </summary>
    public IEnumerable<string> CheckETag(int status, bool sent)
    {
        if (status is not (200 or 201) || Response(status) is not { } response)
        {
            yield break;
        }
        var documented = response.Headers?.ContainsKey("ETag") == true;
        if (sent != documented)
        {
            yield return sent ? $"status {status} sent an ETag the document does not mention" : $"status {status} documents an ETag but sent none";
        }
    }

    /// <summary>What is wrong with a JSON body, each as "JSON path: message".</summary>
    public IEnumerable<string> CheckBody(int status, string mediaType, JsonElement body)
    {
        var content = Response(status)?.Content;
        if (content is null || !content.TryGetValue(mediaType, out var listed) || listed.Schema is null)
        {
            return [];
        }
        return document.Evaluate($"{Name} {status} {mediaType}", listed.Schema, body);
    }

    private const int NotModified = 304;

    private IOpenApiResponse? Response(int status) =>
        operation.Responses is { } responses && (responses.TryGetValue($"{status}", out var response) || responses.TryGetValue("default", out response))
            ? response : null;
}
