using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using UnrestTracker.Api.Features.Keys;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Webhooks;

/// <summary>The shared host, private networks not allowed: a name checked at creation is checked again at each delivery.</summary>
public sealed class CheckingAddressesAtDelivery(ApiFactory api) : ApiTest(api)
{
    [Fact]
    public async Task A_name_that_resolves_to_a_private_address_at_delivery_is_refused_then_and_the_log_says_why()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var admin = await ClientFactory.WithKeyAsync(Api, "admin", KeyScope.Admin);
        // As if "localhost" had resolved to a global address when the webhook was created (DNS rebinding): the row
        // is written directly, since creation refuses it here.
        var id = Guid.CreateVersion7();
        var url = receiver.Url.Replace("127.0.0.1", "localhost", StringComparison.Ordinal);
        await Api.AsOwnerAsync(db => db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO webhooks (id, url, secret, created_at, created_by, position, next_attempt_at)
            SELECT {id}, {url}, {"whsec_" + Convert.ToBase64String(new byte[32])}, now(), 'admin', coalesce(max(seq), 0), now() FROM changes
            """));

        await CreateSourceAsync("Ministry of Health");
        var log = await WaitForLogAsync(admin, $"/api/v1/webhooks/{id}/deliveries", TimeSpan.FromSeconds(10));

        var attempt = log[0];
        Assert.Equal(JsonValueKind.Null, attempt.GetProperty("status").ValueKind);
        Assert.Contains("not a global unicast address", attempt.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Empty(receiver.Received);
    }

    private static async Task<List<JsonElement>> WaitForLogAsync(HttpClient admin, string path, TimeSpan within)
    {
        var until = DateTime.UtcNow + within;
        while (true)
        {
            var items = (await admin.GetFromJsonAsync<JsonElement>(path)).GetProperty("items").EnumerateArray().ToList();
            if (items.Count > 0 || DateTime.UtcNow > until)
            {
                Assert.NotEmpty(items);
                return items;
            }
            await Task.Delay(100);
        }
    }
}
