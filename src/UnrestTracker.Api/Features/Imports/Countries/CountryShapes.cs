using System.Text.Json;
using NetTopologySuite.Algorithm.Locate;
using NetTopologySuite.Geometries;
using NetTopologySuite.Index.Strtree;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Imports.Countries;

/// <summary>Natural Earth 1:50m country polygons (Data/shapes.json), indexed for point lookups.</summary>
internal sealed class CountryShapes
{
    /// <summary>
    /// How far outside every polygon a point may lie and still take the nearest country, in degrees (0.05°, about
    /// 5.5 km north-south): 1:50m coastlines are simplified, so harbours and beaches can fall just offshore.
    /// </summary>
    public const double ShoreTolerance = 0.05;

    private static readonly GeometryFactory Factory = new();
    private readonly STRtree<Shape> _index = new();

    private sealed record Shape(string Country, Polygon Polygon, IndexedPointInAreaLocator Locator);

    private sealed record ShapesFile(double[] Scale, double[] Translate, Dictionary<string, int[][][]> Shapes);

    private CountryShapes() { }

    public static CountryShapes Load()
    {
        using var stream = EmbeddedTable.Open("shapes.json");
        var file = JsonSerializer.Deserialize<ShapesFile>(stream, JsonSerializerOptions.Web)
            ?? throw new InvalidOperationException("shapes.json is empty.");
        var shapes = new CountryShapes();
        foreach (var (country, polygons) in file.Shapes)
        {
            foreach (var rings in polygons)
            {
                var polygon = Factory.CreatePolygon(
                    Ring(rings[0], file), [.. rings.Skip(1).Select(ring => Ring(ring, file))]);
                shapes._index.Insert(polygon.EnvelopeInternal, new Shape(country, polygon, new(polygon)));
            }
        }
        shapes._index.Build();
        return shapes;
    }

    public string? At(double latitude, double longitude)
    {
        if (!(Math.Abs(latitude) <= 90 && Math.Abs(longitude) <= 180))
        {
            return null;
        }
        var at = new Coordinate(longitude, latitude);
        var near = _index.Query(new Envelope(
            longitude - ShoreTolerance, longitude + ShoreTolerance, latitude - ShoreTolerance, latitude + ShoreTolerance));
        var inside = near.FirstOrDefault(shape => shape.Locator.Locate(at) != Location.Exterior);
        if (inside is not null)
        {
            return inside.Country;
        }
        var point = Factory.CreatePoint(at);
        return near
            .Select(shape => (shape.Country, Distance: shape.Polygon.Distance(point)))
            .Where(shape => shape.Distance <= ShoreTolerance)
            .OrderBy(shape => shape.Distance)
            .Select(shape => shape.Country)
            .FirstOrDefault();
    }

    // Rings are delta-encoded on world-atlas's integer grid: x0, y0, dx1, dy1, ...
    private static LinearRing Ring(int[] deltas, ShapesFile file)
    {
        var coordinates = new Coordinate[deltas.Length / 2];
        long x = 0, y = 0;
        for (var i = 0; i < coordinates.Length; i++)
        {
            x += deltas[2 * i];
            y += deltas[(2 * i) + 1];
            coordinates[i] = new Coordinate(
                file.Translate[0] + (x * file.Scale[0]), file.Translate[1] + (y * file.Scale[1]));
        }
        return Factory.CreateLinearRing(coordinates);
    }
}
