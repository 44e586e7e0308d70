using System.Globalization;
using UnrestTracker.Api.Infrastructure.Paging;

namespace UnrestTracker.Api.Features.Events;

/// <summary>
/// <c>near=lat,lon&amp;withinKm=</c>: events whose point lies within a great-circle distance (haversine, on a
/// sphere of radius 6,371.0088 km), edge included. A box around the circle narrows the rows on the coordinate
/// index first; the exact distance is then computed in SQL.
/// </summary>
public sealed record NearPoint(double Latitude, double Longitude, double WithinKm)
{
    public const double EarthRadiusKm = 6371.0088;
    public const double MaxKm = 20000;
    private const double Radians = Math.PI / 180;
    private const double Degrees = 180 / Math.PI;

    public static NearPoint? Read(QueryReader query)
    {
        var point = query.Numbers("near", 2, "Must be lat,lon: two numbers such as 43.2389,76.8897.");
        var km = query.Text("withinKm");
        if (point is not null && !(Geo.IsLatitude(point[0]) && Geo.IsLongitude(point[1])))
        {
            query.Errors.Add("near", "The latitude must be within [-90, 90] and the longitude within [-180, 180].");
            point = null;
        }
        double within = 0;
        if (km is not null && !(double.TryParse(km, NumberStyles.Float, CultureInfo.InvariantCulture, out within) && within > 0 && within <= MaxKm))
        {
            query.Errors.Add("withinKm", $"Must be a number of kilometres greater than 0 and at most {MaxKm:0}.");
            km = null;
        }
        if (query.Has("near") != query.Has("withinKm"))
        {
            var missing = query.Has("near") ? "withinKm" : "near";
            query.Errors.Add(missing, "near=lat,lon and withinKm=kilometres are given together.");
        }
        return point is not null && km is not null ? new NearPoint(point[0], point[1], within) : null;
    }

    /// <summary>
    /// The smallest latitude/longitude box holding the circle: all longitudes once it reaches a pole, a box that
    /// crosses the antimeridian when it reaches past ±180°.
    /// </summary>
    public BoundingBox Box()
    {
        var angle = WithinKm / EarthRadiusKm * Degrees;
        var (south, north) = (Latitude - angle, Latitude + angle);
        if (south <= -90 || north >= 90)
        {
            return new BoundingBox(-180, Math.Max(south, -90), 180, Math.Min(north, 90));
        }
        // Off the poles, the circle reaches asin(sin r / cos lat) either side: at most 90°, so it wraps on one side only.
        var span = Math.Asin(Math.Min(1, Math.Sin(angle * Radians) / Math.Cos(Latitude * Radians))) * Degrees;
        var (west, east) = (Longitude - span, Longitude + span);
        if (west < -180)
        {
            west += 360;
        }
        if (east > 180)
        {
            east -= 360;
        }
        return new BoundingBox(west, south, east, north);
    }

    public IQueryable<EventVersion> Apply(IQueryable<EventVersion> events)
    {
        var (lat, lon, cosLat) = (Latitude * Radians, Longitude * Radians, Math.Cos(Latitude * Radians));
        // haversine(d/R) = sin²(d/2R), which only grows up to d = πR > 20,000 km: compare it, no asin needed.
        // A millimetre of slack keeps a point exactly on the edge inside despite rounding.
        var limit = Math.Pow(Math.Sin((WithinKm + 1e-6) / (2 * EarthRadiusKm)), 2);
        return Box().Apply(events).Where(v =>
            Math.Pow(Math.Sin((v.Latitude!.Value * Radians - lat) / 2), 2)
            + cosLat * Math.Cos(v.Latitude!.Value * Radians) * Math.Pow(Math.Sin((v.Longitude!.Value * Radians - lon) / 2), 2) <= limit);
    }
}
