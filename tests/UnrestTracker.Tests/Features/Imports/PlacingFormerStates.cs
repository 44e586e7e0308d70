using UnrestTracker.Api.Features.Imports.Countries;

namespace UnrestTracker.Tests.Features.Imports;

public class PlacingFormerStates
{
    private const int Yugoslavia = 345, SovietUnion = 365;

    [Theory]
    [InlineData(44.8176, 20.4569, "RS")] // Belgrade
    [InlineData(42.6629, 21.1655, "XK")] // Pristina
    [InlineData(45.8150, 15.9819, "HR")] // Zagreb
    public void A_Yugoslavia_row_takes_the_country_at_its_coordinates(double lat, double lon, string expected) =>
        Assert.Equal(expected, CountryCodes.ForUcdp(Yugoslavia, lat, lon));

    [Fact]
    public void A_Soviet_Union_row_in_Almaty_is_in_Kazakhstan() =>
        Assert.Equal("KZ", CountryCodes.ForUcdp(SovietUnion, 43.2389, 76.8897));

    [Fact]
    public void A_former_state_row_without_coordinates_has_no_country() =>
        Assert.Null(CountryCodes.ForUcdp(Yugoslavia, null, null));

    [Fact]
    public void A_present_day_code_wins_over_coordinates() =>
        Assert.Equal("SY", CountryCodes.ForUcdp(652, 44.8176, 20.4569));

    [Theory]
    [InlineData(35.0, -40.0)] // mid-Atlantic
    [InlineData(32.08, 34.55)] // 20 km off Tel Aviv
    [InlineData(91.0, 0.0)] // not a latitude
    public void A_point_at_sea_or_off_the_globe_has_no_country(double lat, double lon) =>
        Assert.Null(CountryCodes.At(lat, lon));

    [Fact]
    public void A_point_a_few_km_off_the_coast_takes_the_nearest_country() =>
        Assert.Equal("IL", CountryCodes.At(32.08, 34.72)); // 4 km off Tel Aviv's beach
}
