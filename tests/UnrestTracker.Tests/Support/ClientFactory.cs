using System.Net.Http.Headers;
using UnrestTracker.Api.Features.Keys;

namespace UnrestTracker.Tests.Support;

/// <summary>Hands out HTTP clients; the writer carries a write key created after the last reset.</summary>
public static class ClientFactory
{
    public const string WriterKeyName = "test-writer";

    public static Task<HttpClient> WriterAsync(ApiFactory api) => WithKeyAsync(api, WriterKeyName, KeyScope.Write);

    public static async Task<HttpClient> WithKeyAsync(ApiFactory api, string name, KeyScope scope)
    {
        var client = api.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await IssueAsync(api, name, scope));
        return client;
    }

    public static async Task<string> IssueAsync(ApiFactory api, string name, KeyScope scope) =>
        await api.WithDbAsync(db => KeySecrets.IssueAsync(db, name, scope, CancellationToken.None))
        ?? throw new InvalidOperationException($"A key named '{name}' already exists.");

    public static HttpClient Anonymous(ApiFactory api) => api.CreateClient();
}
