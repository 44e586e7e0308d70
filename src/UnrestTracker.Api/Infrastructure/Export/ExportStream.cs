namespace UnrestTracker.Api.Infrastructure.Export;

/// <summary>
/// The whole filtered set streamed as a file (CSV, GeoJSON) in place of a page. Its media types are declared on the
/// route (<c>ProducesExports</c>): one result type serves lists that offer different formats.
/// </summary>
public abstract class ExportStream : IResult
{
    public abstract Task ExecuteAsync(HttpContext httpContext);
}
