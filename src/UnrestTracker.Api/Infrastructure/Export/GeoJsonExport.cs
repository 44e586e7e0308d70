using System.Text.Json;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Json;

namespace UnrestTracker.Api.Infrastructure.Export;

/// <summary>A point in RFC 7946 order: longitude first.</summary>
public readonly record struct GeoPoint(double Longitude, double Latitude);

/// <summary>
/// Streams rows as an RFC 7946 FeatureCollection: a Point per row where it has one (<c>[lon, lat]</c>),
/// <c>geometry: null</c> where it has none, the row itself as <c>properties</c>. Written with a
/// Utf8JsonWriter straight into the response and flushed as it goes.
/// </summary>
public sealed class GeoJsonExport<T>(IAsyncEnumerable<T> rows, Func<T, GeoPoint?> point, string fileName, DateTimeOffset answeredAt) : ExportStream
{
    public const int FlushEvery = 200;

    public override async Task ExecuteAsync(HttpContext http)
    {
        try
        {
            await WriteAsync(http);
        }
        finally
        {
            ExportAdmission.Release(http);
        }
    }

    private async Task WriteAsync(HttpContext http)
    {
        var ct = http.RequestAborted;
        await using var rowsLeft = rows.GetAsyncEnumerator(ct);
        // The first row is read before anything is sent: a database failure here still becomes a 503 problem.
        var more = await rowsLeft.MoveNextAsync();
        http.Response.ContentType = "application/geo+json; charset=utf-8";
        ExportFile.Attach(http.Response, fileName, answeredAt, "geojson");
        if (http.IsHead())
        {
            return;
        }
        var count = 0;
        try
        {
            // Over the response's PipeWriter: the serializer's own Flush only commits to the pipe, never blocks on I/O.
            var body = http.Response.BodyWriter;
            await using var json = new Utf8JsonWriter(body);
            json.WriteStartObject();
            json.WriteString("type", "FeatureCollection");
            json.WriteStartArray("features");
            for (; more; more = await rowsLeft.MoveNextAsync())
            {
                WriteFeature(json, rowsLeft.Current);
                if (++count % FlushEvery == 0)
                {
                    await json.FlushAsync(ct);
                    await body.FlushAsync(ct);
                }
            }
            json.WriteEndArray();
            json.WriteEndObject();
            await json.FlushAsync(ct);
            await body.FlushAsync(ct);
        }
        catch (Exception e) when (ExportFailure.Abort(http, e, fileName, count))
        {
        }
    }

    private void WriteFeature(Utf8JsonWriter json, T row)
    {
        json.WriteStartObject();
        json.WriteString("type", "Feature");
        if (point(row) is { } p)
        {
            json.WriteStartObject("geometry");
            json.WriteString("type", "Point");
            json.WriteStartArray("coordinates");
            json.WriteNumberValue(p.Longitude);
            json.WriteNumberValue(p.Latitude);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        else
        {
            json.WriteNull("geometry");
        }
        json.WritePropertyName("properties");
        JsonSerializer.Serialize(json, row, JsonSetup.Options);
        json.WriteEndObject();
    }
}
