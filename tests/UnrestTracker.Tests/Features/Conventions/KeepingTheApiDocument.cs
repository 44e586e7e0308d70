using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Conventions;

/// <summary>
/// The served OpenAPI document against the approved one (<c>openapi.approved.json</c> beside this file), equal up to the order of
/// keys and of array items: a change meant to leave the contract alone shows here what it changed. A change meant to alter it
/// is approved by running this test with <c>UNREST_APPROVE_OPENAPI=1</c> and committing the file.
/// </summary>
public sealed class KeepingTheApiDocument(ApiFactory api) : ApiTest(api)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [Fact]
    public async Task The_served_document_is_the_approved_one_up_to_ordering()
    {
        var served = Canonical(JsonNode.Parse(await Client.GetStringAsync("/swagger/v1/swagger.json")));
        var approvedFile = ApprovedFile();
        if (Environment.GetEnvironmentVariable("UNREST_APPROVE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(approvedFile, served!.ToJsonString(Indented) + "\n");
        }
        var approved = Canonical(JsonNode.Parse(await File.ReadAllTextAsync(approvedFile)));

        var differences = Differences("$", approved, served).Take(20).ToList();

        Assert.True(differences.Count == 0, $"""
            The served OpenAPI document differs from {Path.GetFileName(approvedFile)} at:
            {string.Join('\n', differences)}
            If the change is meant, run this test with UNREST_APPROVE_OPENAPI=1 and commit the file.
            """);
    }

    private static string ApprovedFile([CallerFilePath] string self = "") => Path.Combine(Path.GetDirectoryName(self)!, "openapi.approved.json");

    /// <summary>Keys in ordinal order and array items in the order of their canonical text, so that only content compares.</summary>
    private static JsonNode? Canonical(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Canonical(p.Value)))),
        JsonArray a => new JsonArray(a.Select(Canonical).OrderBy(Text, StringComparer.Ordinal).ToArray()),
        _ => node?.DeepClone(),
    };

    private static string Text(JsonNode? node) => node?.ToJsonString() ?? "null";

    private static IEnumerable<string> Differences(string path, JsonNode? approved, JsonNode? served)
    {
        if (approved is JsonObject a && served is JsonObject s)
        {
            foreach (var key in a.Select(p => p.Key).Union(s.Select(p => p.Key)).Order(StringComparer.Ordinal))
            {
                var (inApproved, inServed) = (a.TryGetPropertyValue(key, out var av), s.TryGetPropertyValue(key, out var sv));
                var differences = (inApproved, inServed) switch
                {
                    (true, false) => [$"{path}.{key}: approved, no longer served"],
                    (false, true) => [$"{path}.{key}: served, never approved"],
                    _ => Differences($"{path}.{key}", av, sv),
                };
                foreach (var difference in differences)
                {
                    yield return difference;
                }
            }
        }
        else if (approved is JsonArray aa && served is JsonArray sa && aa.Count == sa.Count)
        {
            for (var i = 0; i < aa.Count; i++)
            {
                foreach (var difference in Differences($"{path}[{i}]", aa[i], sa[i]))
                {
                    yield return difference;
                }
            }
        }
        else if (Text(approved) != Text(served))
        {
            yield return $"{path}: approved {Shorten(Text(approved))}, served {Shorten(Text(served))}";
        }
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
