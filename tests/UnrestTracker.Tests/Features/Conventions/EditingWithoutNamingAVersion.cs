using System.Net;
using System.Text;
using UnrestTracker.Tests.Features.Statements;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Conventions;

/// <summary><c>If-Match: *</c> matches any version, so it cannot stop a lost update: every PUT answers it with 428.</summary>
public sealed class EditingWithoutNamingAVersion(ApiFactory api) : EventClaimsTest(api)
{
    [Theory]
    [InlineData("*")]
    [InlineData("\"x\", *")]
    public async Task If_match_star_is_a_428_on_every_put_and_writes_nothing(string ifMatch)
    {
        var eventId = await CreateEventAsync();
        var statementId = (await StateAsync()).GetProperty("id").GetString();
        var failures = new List<string>();

        foreach (var path in new[] { $"/api/v1/incidents/{IncidentId}", $"/api/v1/sources/{SourceId}", $"/api/v1/events/{eventId}", $"/api/v1/statements/{statementId}" })
        {
            var current = await Client.GetStringAsync(path);
            var put = new HttpRequestMessage(HttpMethod.Put, path) { Content = new StringContent(current, Encoding.UTF8, "application/json") };
            put.Headers.TryAddWithoutValidation("If-Match", ifMatch);

            var response = await Client.SendAsync(put);
            var version = (await GetOkAsync(path)).GetProperty("version").GetInt32();

            var type = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.TryGetProperty("type", out var t) ? t.GetString() : null;
            if (response.StatusCode != HttpStatusCode.PreconditionRequired || response.Content.Headers.ContentType?.MediaType != "application/problem+json"
                || type is null || version != 1)
            {
                failures.Add($"{path}: {(int)response.StatusCode} {response.Content.Headers.ContentType} (type {type ?? "missing"}), version {version}");
            }
        }

        Assert.Empty(failures);
    }
}
