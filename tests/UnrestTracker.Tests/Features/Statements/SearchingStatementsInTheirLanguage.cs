using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Statements;

/// <summary>
/// A statement's language picks its stemmer where PostgreSQL has one (en, ru): q then finds inflected forms.
/// Any other language (kk, ar, ...) is searched word for word, never an error.
/// </summary>
public sealed class SearchingStatementsInTheirLanguage(ApiFactory api) : ClaimsTest(api)
{
    private async Task StateAsync(string? language, string summary)
    {
        var body = Statement();
        body["language"] = language;
        body["summary"] = summary;
        await PostOkAsync("/api/v1/statements", body);
    }

    private async Task<List<string>> SummariesAsync(string q)
    {
        var page = await GetOkAsync($"/api/v1/statements?q={Uri.EscapeDataString(q)}");
        return page.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("summary").GetString()!).ToList();
    }

    [Theory]
    [InlineData("ru", "Протестующие захватили здание акимата", "протестующих")]
    [InlineData("ru", "Протестующие захватили здание акимата", "ЗАХВАТ акимат")]
    [InlineData("ru", "Силовики задержали демонстрантов", "демонстранты")]
    [InlineData("kk", "Жаңаөзендегі ереуіл", "ЕРЕУІЛ")]
    [InlineData("kk-Cyrl", "Жаңаөзендегі ереуіл", "жаңаөзендегі")]
    [InlineData("ar", "\u200Fاعتصام في الرَّمَادِي", "الرمادي")]
    [InlineData(null, "The ministry counted the protesters", "protester")]
    [InlineData("en", "Protesters were detained", "detain protester")]
    public async Task A_statement_is_found_by_its_words_and_where_a_stemmer_exists_by_their_inflected_forms(string? language, string summary, string q)
    {
        await StateAsync(language, summary);
        await StateAsync("ru", "Министерство сообщило о погибших");

        var summaries = await SummariesAsync(q);

        Assert.Equal([summary], summaries);
    }

    [Fact]
    public async Task A_kazakh_statement_is_not_stemmed_as_russian()
    {
        await StateAsync("kk", "Жаңаөзендегі ереуіл");

        Assert.Empty(await SummariesAsync("жаңаөзен"));
    }
}
