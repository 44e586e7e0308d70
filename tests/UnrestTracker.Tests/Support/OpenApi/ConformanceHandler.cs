using System.Text.Json;

namespace UnrestTracker.Tests.Support.OpenApi;

/// <summary>A response that the served OpenAPI document does not describe.</summary>
public sealed class OpenApiViolationException(string message) : Exception(message);

/// <summary>
/// Sits in every test client's pipeline and fails the request when the response is not what the served OpenAPI
/// document says the operation answers: an unlisted status or media type, an ETag it does not mention (or one it
/// promises and does not send), or a JSON body its schema refuses.
/// JSON bodies are checked on arrival; a streamed export (GeoJSON) when the client has read it to its end.
/// Requests the document does not describe (Swagger itself, /health, the page) pass unchecked.
/// </summary>
public sealed class ConformanceHandler(Func<Task<ApiDocument>> document) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var path = request.RequestUri?.AbsolutePath ?? "/";
        if (path.StartsWith("/swagger", StringComparison.Ordinal) || (await document()).Find(request.Method, path) is not { } operation)
        {
            return response;
        }
        var status = (int)response.StatusCode;
        var headers = response.Content.Headers;
        var mediaType = headers.ContentType?.MediaType;
        var hasBody = mediaType is not null || headers.ContentLength > 0;
        Fail(operation, status, operation.CheckStatus(status, hasBody ? mediaType ?? "(none)" : null));
        Fail(operation, status, operation.CheckETag(status, response.Headers.ETag is not null));
        if (request.Method == HttpMethod.Head || mediaType is null || !mediaType.EndsWith("json", StringComparison.OrdinalIgnoreCase))
        {
            return response;
        }
        if (mediaType.Equals("application/geo+json", StringComparison.OrdinalIgnoreCase))
        {
            response.Content = CheckedAtEnd(response.Content, bytes => Check(operation, status, mediaType, bytes));
            return response;
        }
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        Check(operation, status, mediaType, await response.Content.ReadAsByteArrayAsync(cancellationToken));
        return response;
    }

    private static void Check(DocumentedOperation operation, int status, string mediaType, byte[] body)
    {
        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            Fail(operation, status, [$"$: the {mediaType} body is not JSON ({e.Message})"]);
            return;
        }
        using (json)
        {
            Fail(operation, status, operation.CheckBody(status, mediaType, json.RootElement));
        }
    }

    private static void Fail(DocumentedOperation operation, int status, IEnumerable<string> violations)
    {
        var list = violations.ToList();
        if (list.Count > 0)
        {
            throw new OpenApiViolationException($"{operation.Name} answered {status} against the OpenAPI document:\n  " + string.Join("\n  ", list));
        }
    }

    /// <summary>The same content as a stream that keeps a copy and checks it once read to the end.</summary>
    private static StreamContent CheckedAtEnd(HttpContent content, Action<byte[]> check)
    {
        var copy = new StreamContent(new TeeStream(content, check));
        foreach (var header in content.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }
        return copy;
    }

    private sealed class TeeStream(HttpContent content, Action<byte[]> check) : Stream
    {
        private readonly MemoryStream _copy = new();
        private Stream? _inner;
        private bool _checked;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            _inner ??= await content.ReadAsStreamAsync(cancellationToken);
            var read = await _inner.ReadAsync(buffer, cancellationToken);
            Seen(buffer.Span[..read]);
            return read;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count)
        {
            _inner ??= content.ReadAsStream();
            var read = _inner.Read(buffer, offset, count);
            Seen(buffer.AsSpan(offset, read));
            return read;
        }

        private void Seen(ReadOnlySpan<byte> bytes)
        {
            if (bytes.Length > 0)
            {
                _copy.Write(bytes);
            }
            else if (!_checked)
            {
                _checked = true;
                check(_copy.ToArray());
            }
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner?.Dispose();
                content.Dispose();
            }
            base.Dispose(disposing);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
