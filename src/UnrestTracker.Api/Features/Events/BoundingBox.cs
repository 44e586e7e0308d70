using System.Globalization;
using UnrestTracker.Api.Infrastructure.Paging;

namespace UnrestTracker.Api.Features.Events;

/// <summary>A longitude/latitude box; points on its edges are inside.</summary>
public sealed record BoundingBox(double MinLon, double MinLat, double MaxLon, double MaxLat)
{
    /// <summary>"minLon,minLat,maxLon,maxLat", each in range, min not above max.</summary>
    public static BoundingBox? Read(QueryReader query)
    {
        var text = query.Text("bbox");
        if (text is null)
        {
            return null;
        }
        var parts = text.Split(',');
        var numbers = new double[parts.Length];
        if (parts.Length != 4 || !parts.Select((p, i) => double.TryParse(p.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]) && double.IsFinite(numbers[i])).All(ok => ok))
        {
            query.Errors.Add("bbox", "Must be four numbers: minLon,minLat,maxLon,maxLat.");
            return null;
        }
        var box = new BoundingBox(numbers[0], numbers[1], numbers[2], numbers[3]);
        if (box.MinLon < -180 || box.MaxLon > 180 || box.MinLat < -90 || box.MaxLat > 90)
        {
            query.Errors.Add("bbox", "Longitudes must be within [-180, 180] and latitudes within [-90, 90].");
            return null;
        }
        if (box.MinLon > box.MaxLon || box.MinLat > box.MaxLat)
        {
            query.Errors.Add("bbox", "The minimum must not exceed the maximum (minLon,minLat,maxLon,maxLat).");
            return null;
        }
        return box;
    }
}
