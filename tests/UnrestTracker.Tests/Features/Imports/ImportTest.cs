using System.Globalization;
using System.Net;
using System.Text.Json;
using CsvHelper;
using UnrestTracker.Tests.Support;

namespace UnrestTracker.Tests.Features.Imports;

/// <summary>Imports over HTTP, as a client would, and edited copies of the sample files (the originals are never touched).</summary>
public abstract class ImportTest(ApiFactory api) : ApiTest(api)
{
    /// <summary>A whole sample file takes its time on a busy machine: more than HttpClient's 100 s default, never forever.</summary>
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Client.Timeout = TimeSpan.FromMinutes(5);
    }

    protected async Task<HttpResponseMessage> ImportAsync(string dataset, string file, string query = "")
    {
        await using var stream = File.OpenRead(file);
        using var content = new StreamContent(stream);
        content.Headers.ContentType = new("text/csv");
        return await Client.PostAsync($"/api/v1/imports/{dataset}{query}", content);
    }

    protected async Task<JsonElement> ImportOkAsync(string dataset, string file, string query = "")
    {
        var response = await ImportAsync(dataset, file, query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"import answered {(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    protected static long Count(JsonElement report, string name) => report.GetProperty(name).GetInt64();

    /// <summary>
    /// A copy of a sample file with rows edited or dropped: <paramref name="edit"/> gets the data row number (from 1)
    /// and the row's fields by column, changes them in place, and returns false to leave the row out.
    /// </summary>
    protected static string Edited(string sample, Func<long, Dictionary<string, string>, bool> edit)
    {
        var path = TempFiles.NewPath(".csv");
        using var reader = new StreamReader(SampleData.Path(sample));
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        using var writer = new StreamWriter(path);
        using var output = new CsvWriter(writer, CultureInfo.InvariantCulture);
        csv.Read();
        csv.ReadHeader();
        var header = csv.HeaderRecord!;
        foreach (var name in header)
        {
            output.WriteField(name);
        }
        output.NextRecord();
        for (long row = 1; csv.Read(); row++)
        {
            var fields = header.ToDictionary(h => h, h => csv.GetField(h)!);
            if (!edit(row, fields))
            {
                continue;
            }
            foreach (var name in header)
            {
                output.WriteField(fields[name]);
            }
            output.NextRecord();
        }
        return path;
    }

    protected static string Written(string text)
    {
        var path = TempFiles.NewPath(".csv");
        File.WriteAllText(path, text);
        return path;
    }

    protected async Task<long> LastChangeAsync()
    {
        long last = 0;
        for (string? cursor = null; ;)
        {
            var page = await GetOkAsync($"/api/v1/changes?limit=1000{(cursor is null ? "" : $"&cursor={cursor}")}");
            foreach (var item in page.GetProperty("items").EnumerateArray())
            {
                last = item.GetProperty("seq").GetInt64();
            }
            if (page.GetProperty("nextCursor").GetString() is not { } next)
            {
                return last;
            }
            cursor = Uri.EscapeDataString(next);
        }
    }
}
