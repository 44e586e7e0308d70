using System.Globalization;
using UnrestTracker.Api.Infrastructure.Paging;

namespace UnrestTracker.Api.Features.Events;

/// <summary>
/// A longitude/latitude box; points on its edges are inside. West greater than east is a box that crosses
/// the antimeridian (RFC 7946 §5.2): 177,-20,-178,-16 holds Fiji on both sides of 180°.
/// </summary>
public sealed record BoundingBox(double West, double South, double East, double North)
{
    public bool CrossesAntimeridian => West > East;

    /// <summary>"west,south,east,north", each in range, south not above north.</summary>
    public static BoundingBox? Read(QueryReader query)
    {
        var numbers = query.Numbers("bbox", 4, "Must be four numbers: west,south,east,north.");
        if (numbers is null)
        {
            return null;
        }
        var box = new BoundingBox(numbers[0], numbers[1], numbers[2], numbers[3]);
        if (!Geo.IsLongitude(box.West) || !Geo.IsLongitude(box.East) || !Geo.IsLatitude(box.South) || !Geo.IsLatitude(box.North))
        {
            query.Errors.Add("bbox", "Longitudes must be within [-180, 180] and latitudes within [-90, 90].");
            return null;
        }
        if (box.South > box.North)
        {
            query.Errors.Add("bbox", "South must not exceed north (west,south,east,north; west may exceed east across the antimeridian).");
            return null;
        }
        return box;
    }

    /// <summary>The events whose point lies in the box; events without coordinates never do.</summary>
    public IQueryable<EventVersion> Apply(IQueryable<EventVersion> events)
    {
        var (west, south, east, north) = (West, South, East, North);
        events = events.Where(v => v.Latitude >= south && v.Latitude <= north);
        return CrossesAntimeridian
            ? events.Where(v => v.Longitude >= west || v.Longitude <= east)
            : events.Where(v => v.Longitude >= west && v.Longitude <= east);
    }
}

public static class Geo
{
    public static bool IsLatitude(double value) => value is >= -90 and <= 90;

    public static bool IsLongitude(double value) => value is >= -180 and <= 180;

    /// <summary>Exactly <paramref name="count"/> comma-separated finite numbers, or null with an error naming the parameter.</summary>
    public static double[]? Numbers(this QueryReader query, string name, int count, string message)
    {
        var text = query.Text(name);
        if (text is null)
        {
            return null;
        }
        var parts = text.Split(',');
        var numbers = new double[parts.Length];
        if (parts.Length != count || !parts.Select((p, i) => double.TryParse(p.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]) && double.IsFinite(numbers[i])).All(ok => ok))
        {
            query.Errors.Add(name, message);
            return null;
        }
        return numbers;
    }
}
