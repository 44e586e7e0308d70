using System.Globalization;
using CsvHelper;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Statements;

/// <summary>Statement and figure CSV neutralise formulas like every CSV the API writes.</summary>
public sealed class ExportingClaimsForSpreadsheets(ApiFactory api) : ClaimsTest(api)
{
    private async Task ArrangeAsync()
    {
        var figure = Figure(value: 0);
        figure["scope"] = new Dictionary<string, object?> { ["place"] = "=Zhanaozen" };
        var body = Statement("2022-01-10T09:00:00Z", figure);
        body["summary"] = "=1+1";
        body["quote"] = "-5 is what they said";
        body["publisher"] = "@press";
        await PostOkAsync("/api/v1/statements", body);
    }

    private async Task<IDictionary<string, object>> OnlyRowAsync(string path)
    {
        using var reader = new CsvReader(new StringReader(await Client.GetStringAsync(path)), CultureInfo.InvariantCulture);
        return Assert.Single(reader.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList());
    }

    [Fact]
    public async Task Statement_text_gets_a_leading_quote_and_timestamps_stay_as_they_are()
    {
        await ArrangeAsync();

        var row = await OnlyRowAsync("/api/v1/statements?format=csv");

        Assert.Equal(("'=1+1", "'-5 is what they said", "'@press"), (row["summary"], row["quote"], row["publisher"]));
        Assert.Equal("2022-01-10T09:00:00Z", row["statedAt"]);
    }

    [Fact]
    public async Task Figure_text_gets_a_leading_quote_and_values_stay_numbers_unless_raw_is_asked()
    {
        await ArrangeAsync();

        var safe = await OnlyRowAsync("/api/v1/figures?format=csv");
        var raw = await OnlyRowAsync("/api/v1/figures?format=csv&csvFormulas=raw");

        Assert.Equal(("'=Zhanaozen", "0"), (safe["scopePlace"], safe["value"]));
        Assert.Equal("=Zhanaozen", raw["scopePlace"]);
    }
}
