using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Events;

/// <summary>
/// q is blind to case in every script, to accents and Arabic diacritics, and to invisible marks, on any
/// database locale. Turkish I: Unicode's default folding, not Turkish rules, so I, İ, ı and i all find each other.
/// </summary>
public sealed class SearchingInEveryScript(ApiFactory api) : EventTest(api)
{
    private async Task ArrangeAsync(string title)
    {
        await CreateEventIdAsync(b => b["title"] = title);
        await CreateEventIdAsync(b => b["title"] = "Unrelated gathering in Bishkek");
    }

    [Theory]
    [InlineData("Жаңаөзен solidarity march", "жаңаөзен")]
    [InlineData("Жаңаөзен solidarity march", "ЖАҢАӨЗЕН")]
    [InlineData("Жаңаөзен solidarity march", "SOLIDARITY")]
    [InlineData("ӘҒҚҢӨҰҮҺІ on a banner", "әғқңөұүһі")]
    [InlineData("әғқңөұүһі on a banner", "ӘҒҚҢӨҰҮҺІ")]
    [InlineData("Митинг в АЛМАТЫ", "алматы")]
    [InlineData("«Жаңаөзен» remembered", "жаңаөзен")]
    [InlineData("Жаңа\u200Bөзен vigil", "ЖАҢАӨЗЕН")]
    [InlineData("\u200Fالرمادي sit-in", "الرمادي")]
    [InlineData("الرمادي sit-in", "\u200Fالرمادي\u200F")]
    [InlineData("\u202Bالرَّمَادِي\u202C sit-in", "الرمادي")]
    [InlineData("الرمادي sit-in", "الرَّمَادِي")]
    [InlineData("Café Riche gathering", "cafe")]
    [InlineData("Cafe\u0301 Riche gathering", "CAFÉ")]
    [InlineData("Cafe Riche gathering", "café")]
    [InlineData("İSTANBUL march", "istanbul")]
    [InlineData("Istanbul march", "İstanbul")]
    [InlineData("ıstanbul march", "ISTANBUL")]
    [InlineData("Protesters marched", "protest")]
    public async Task A_word_is_found_whatever_its_case_accents_diacritics_and_invisible_marks(string title, string q)
    {
        await ArrangeAsync(title);

        var titles = await TitlesAsync($"?q={Uri.EscapeDataString(q)}");

        Assert.Equal([title], titles);
    }

    [Theory]
    [InlineData("\u200F")]
    [InlineData("!!! & | :* ( <->")]
    [InlineData("\"unclosed phrase")]
    [InlineData("the")]
    public async Task A_query_of_marks_operators_or_stop_words_finds_nothing_and_is_no_error(string q)
    {
        await ArrangeAsync("Жаңаөзен solidarity march");

        var titles = await TitlesAsync($"?q={Uri.EscapeDataString(q)}");

        Assert.Empty(titles);
    }

    [Theory]
    [InlineData("Homs")]
    [InlineData("rastan")]
    [InlineData("Maaleh")]
    public async Task The_place_and_its_admin_areas_are_searched_as_well_as_the_title(string q)
    {
        await CreateEventIdAsync(b =>
        {
            b["title"] = "Clashes at the checkpoint";
            Location(b)["country"] = "SY";
            Location(b)["place"] = "Teir Maaleh village";
            Location(b)["admin2"] = "Ar Rastan district";
            Location(b)["admin1"] = "Homs Governorate";
        });
        await CreateEventIdAsync(b => b["title"] = "Unrelated gathering in Bishkek");

        var titles = await TitlesAsync($"?q={Uri.EscapeDataString(q)}");

        Assert.Equal(["Clashes at the checkpoint"], titles);
    }

    [Fact]
    public async Task The_export_searches_the_same_way()
    {
        await ArrangeAsync("Жаңаөзен solidarity march");

        var csv = await Client.GetStringAsync($"/api/v1/events?format=csv&q={Uri.EscapeDataString("ЖАҢАӨЗЕН")}");

        Assert.Contains("Жаңаөзен solidarity march", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Bishkek", csv, StringComparison.Ordinal);
    }
}
