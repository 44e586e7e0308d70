using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using UnrestTracker.Api.Infrastructure.Json;

namespace UnrestTracker.Api.Infrastructure.Http;

/// <summary>Marks an operation that answers one resource with its strong ETag (the OpenAPI document adds the header and the 304).</summary>
public sealed record ResourceMetadata(int StatusCode);

/// <summary>
/// One resource as JSON under its strong ETag (<see cref="Representation"/>): 200, or 304 when <c>If-None-Match</c> already
/// names it. A linked event's tag covers only the part <c>If-Match</c> guards; when the rest of the body can change under
/// the same tag, the tag cannot tell the client's copy from the current one and is never answered with a 304.
/// </summary>
public sealed class Resource<T> : IResult, IStatusCodeHttpResult, IValueHttpResult<T>, IEndpointMetadataProvider
{
    private readonly byte[] _body;
    private readonly string _etag;
    private readonly bool _revalidates;

    internal Resource(T value, string? etag = null, bool revalidates = true)
    {
        Value = value;
        _body = JsonSerializer.SerializeToUtf8Bytes(value, JsonSetup.Options);
        _etag = etag ?? Representation.ETagOf(_body);
        _revalidates = revalidates;
    }

    public T Value { get; }

    int? IStatusCodeHttpResult.StatusCode => StatusCodes.Status200OK;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.ETag = _etag;
        if (_revalidates && Representation.Matches(httpContext.Request.Headers.IfNoneMatch, _etag, weak: true))
        {
            httpContext.Response.StatusCode = StatusCodes.Status304NotModified;
            return Task.CompletedTask;
        }
        return Representation.WriteAsync(httpContext, _body, StatusCodes.Status200OK);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
        builder.Metadata.Add(new ResourceMetadata(StatusCodes.Status200OK));
    }
}

/// <summary>A resource just written: 201 with its Location and its strong ETag.</summary>
public sealed class CreatedResource<T> : IResult, IStatusCodeHttpResult, IValueHttpResult<T>, IEndpointMetadataProvider
{
    private readonly byte[] _body;

    internal CreatedResource(string location, T value)
    {
        Location = location;
        Value = value;
        _body = JsonSerializer.SerializeToUtf8Bytes(value, JsonSetup.Options);
    }

    public string Location { get; }

    public T Value { get; }

    int? IStatusCodeHttpResult.StatusCode => StatusCodes.Status201Created;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers.Location = Location;
        httpContext.Response.Headers.ETag = Representation.ETagOf(_body);
        return Representation.WriteAsync(httpContext, _body, StatusCodes.Status201Created);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status201Created, typeof(T), ["application/json"]));
        builder.Metadata.Add(new ResourceMetadata(StatusCodes.Status201Created));
    }
}

public static class Resource
{
    public static Resource<T> Of<T>(T value) => new(value);

    /// <summary>The resource under the ETag of <paramref name="tagged"/>, the part of it that <c>If-Match</c> guards.</summary>
    public static Resource<T> Tagged<T, TTagged>(T value, TTagged tagged, bool restMoves) =>
        new(value, Representation.ETagOf(tagged), revalidates: !restMoves);

    public static CreatedResource<T> Created<T>(string location, T value) => new(location, value);
}
