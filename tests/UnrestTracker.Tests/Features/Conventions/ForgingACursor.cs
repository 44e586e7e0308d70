using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Conventions;

public sealed class ForgingACursor(ApiFactory api) : ApiTest(api)
{
    private static readonly (string List, string Url)[] Lists =
    [
        ("incidents", "/api/v1/incidents"), ("sources", "/api/v1/sources"), ("events", "/api/v1/events"),
        ("statements", "/api/v1/statements"), ("figures", "/api/v1/figures"), ("retractions", "/api/v1/retractions"),
        ("changes", "/api/v1/changes"), ("timeline", "/api/v1/incidents/kazakhstan-2022-01/timeline"),
        ("incident-figures", "/api/v1/incidents/kazakhstan-2022-01/figures"),
        ("incident-versions", "/api/v1/incidents/kazakhstan-2022-01/versions"),
    ];

    // None of these is any list's sort key: wrong types, wrong counts, numbers beyond every integer.
    private static readonly object?[][] WrongKeys =
    [
        [true], [new { }], [1.5], [1e30], [null], [], ["not-a-date", "not-a-uuid"], [1, 2], ["x", "x", "x"],
        ["2022-01-01T00:00:00Z", 7.5, "x"], [new object[] { 1 }, "2022-01-01"],
    ];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Api.LoadDemoAsync();
    }

    [Fact]
    public async Task A_cursor_signed_with_the_deployment_s_secret_that_does_not_hold_the_list_s_key_types_is_a_400_on_every_list()
    {
        var failures = new List<string>();
        foreach (var (list, url) in Lists)
        {
            foreach (var keys in WrongKeys)
            {
                var response = await Client.GetAsync($"{url}?cursor={Cursor.Encode(list, keys)}");
                if ((int)response.StatusCode != 400)
                {
                    failures.Add($"{url} with {JsonSerializer.Serialize(keys)}: {(int)response.StatusCode}");
                }
            }
        }

        Assert.Empty(failures);
    }

    [Fact]
    public async Task The_secret_is_generated_for_the_deployment_and_the_default_once_published_in_the_source_signs_nothing()
    {
        var secret = await Api.WithDbAsync(db => db.Database
            .SqlQueryRaw<byte[]>("SELECT value AS \"Value\" FROM deployment_secrets WHERE name = 'cursor'").SingleAsync());
        var source = (await GetOkAsync("/api/v1/sources?limit=1")).GetProperty("items")[0];
        object[] keys = [source.GetProperty("name").GetString()!, source.GetProperty("id").GetGuid()];

        var genuine = await Client.GetAsync($"/api/v1/sources?cursor={Sign(secret, "sources", keys)}");
        var forged = await Client.GetAsync($"/api/v1/sources?cursor={Sign(Encoding.UTF8.GetBytes("unrest-tracker-default-cursor-secret"), "sources", keys)}");

        Assert.Equal(32, secret.Length);
        Assert.Equal(200, (int)genuine.StatusCode);
        Assert.Equal(400, (int)forged.StatusCode);
        Assert.True((await BodyOf(forged)).GetProperty("errors").TryGetProperty("cursor", out _));
    }

    private static string Sign(byte[] secret, string list, object[] keys)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(keys);
        var signature = HMACSHA256.HashData(secret, (byte[])[.. Encoding.UTF8.GetBytes(list), 0, .. payload])[..16];
        return $"{Base64Url(payload)}.{Base64Url(signature)}";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
