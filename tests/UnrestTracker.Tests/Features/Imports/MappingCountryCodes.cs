using UnrestTracker.Api.Features.Imports.Countries;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Tests.Features.Imports;

public class MappingCountryCodes
{
    [Theory]
    [InlineData(398, "KZ")]
    [InlineData(0, "XK")]
    [InlineData(760, "SY")]
    public void ACLED_iso_numeric_codes_map_to_alpha_2(int iso, string expected) =>
        Assert.Equal(expected, CountryCodes.FromIsoNumeric(iso));

    [Fact]
    public void An_unassigned_iso_numeric_code_maps_to_nothing() => Assert.Null(CountryCodes.FromIsoNumeric(999));

    [Theory]
    [InlineData(775, "MM")]
    [InlineData(652, "SY")]
    [InlineData(771, "BD")]
    [InlineData(347, "XK")]
    [InlineData(678, "YE")]
    [InlineData(816, "VN")]
    public void UCDP_Gleditsch_Ward_codes_map_to_alpha_2(int gw, string expected) =>
        Assert.Equal(expected, CountryCodes.FromGleditschWard(gw));

    [Theory]
    [InlineData(345)]
    [InlineData(365)]
    [InlineData(315)]
    [InlineData(265)]
    [InlineData(680)]
    [InlineData(817)]
    public void Former_states_map_to_nothing_so_coordinates_decide(int gw)
    {
        Assert.Null(CountryCodes.FromGleditschWard(gw));
        Assert.True(CountryCodes.IsFormerState(gw));
    }

    [Theory]
    [InlineData("XK", true)]
    [InlineData("KZ", true)]
    [InlineData("kz", false)]
    [InlineData("ZZ", false)]
    public void Request_validation_accepts_assigned_codes_and_Kosovo(string code, bool valid) =>
        Assert.Equal(valid, Countries.IsValid(code));
}
