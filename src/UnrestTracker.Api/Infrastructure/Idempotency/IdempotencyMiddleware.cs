using System.Data;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using UnrestTracker.Api.Infrastructure.Auth;
using UnrestTracker.Api.Infrastructure.Db;

namespace UnrestTracker.Api.Infrastructure.Idempotency;

/// <summary>
/// Makes every POST with an <c>Idempotency-Key</c> safe to retry. The key is claimed in the same
/// transaction as the handler's write (the <see cref="Writer"/> joins it), and the response is
/// stored before that transaction commits: the resource and its recorded answer exist together
/// or not at all. A concurrent retry waits on the key and then replays. Failures store nothing.
/// </summary>
public sealed class IdempotencyMiddleware(RequestDelegate next, IProblemDetailsService problems)
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 255;

    public async Task InvokeAsync(HttpContext http, UnrestDb db, IdempotencyStore store)
    {
        // Only the API's own writes: anything else (an unknown path included) never opens a transaction.
        var endpoint = http.GetEndpoint()?.Metadata;
        if (!HttpMethods.IsPost(http.Request.Method) || endpoint?.GetMetadata<RequiresWriteMetadata>() is null
            || endpoint.GetMetadata<ExcludedFromIdempotencyMetadata>() is not null
            || !http.Request.Headers.TryGetValue(Header, out var values))
        {
            await next(http);
            return;
        }
        var key = values.ToString();
        if (values.Count != 1 || key.Length is 0 or > MaxKeyLength)
        {
            await ProblemAsync(http, StatusCodes.Status400BadRequest, "The Idempotency-Key is invalid.", $"Send one key of 1 to {MaxKeyLength} characters.");
            return;
        }
        var ct = http.RequestAborted;
        var client = ClientIdentity.Of(http); // keys are per client
        var requestHash = await HashAsync(http.Request, ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (!await store.ClaimAsync(client, key, requestHash, ct))
        {
            var record = await store.FindAsync(client, key, ct);
            if (record.RequestHash != requestHash)
            {
                await ProblemAsync(http, StatusCodes.Status422UnprocessableEntity, "The Idempotency-Key was used for another request.",
                    "A retry must repeat the first request exactly; use a new key for a new request.");
                return;
            }
            await IdempotencyStore.ReplayAsync(http.Response, record);
            return;
        }
        var body = await RunBufferedAsync(http);
        if (http.Response.StatusCode < 400)
        {
            try
            {
                await store.CompleteAsync(client, key, http.Response, body, ct);
                await transaction.CommitAsync(ct);
            }
            catch (InvalidOperationException e) when (e.Source == "Npgsql" || transaction.GetDbTransaction().Connection is not { State: ConnectionState.Open })
            {
                // The connection broke after the handler's write and before the commit (PostgreSQL killed or restarted):
                // Npgsql then reports the transaction as completed, sometimes with the connection still said to be open.
                // Nothing committed, so this is the outage it is (a 503), not a 500.
                throw new NpgsqlException("The database connection was lost before the write committed.", e);
            }
        }
        await http.Response.Body.WriteAsync(body, ct);
    }

    /// <summary>Holds the response back until the transaction has committed, so no client sees an answer that was rolled back.</summary>
    private async Task<byte[]> RunBufferedAsync(HttpContext http)
    {
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = original;
        }
        return buffer.ToArray();
    }

    private static async Task<string> HashAsync(HttpRequest request, CancellationToken ct)
    {
        request.EnableBuffering();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method} {request.Path}{request.QueryString}\n"));
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            hash.AppendData(chunk, 0, read);
        }
        request.Body.Position = 0;
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private Task ProblemAsync(HttpContext http, int status, string title, string detail)
    {
        http.Response.StatusCode = status;
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        }).AsTask();
    }
}
