using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;
using UnrestTracker.Api.Infrastructure.Auth;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Idempotency;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Problems;
using UnrestTracker.Api.Infrastructure.Swagger;

namespace UnrestTracker.Api.Features.Imports;

/// <summary><c>POST /imports/{dataset}</c> with the CSV as the body, and the reports it leaves.</summary>
public static class ImportEndpoints
{
    public const string Path = ApiPath.V1 + "/imports";
    private static readonly CursorList List = new("imports", [CursorKey.Timestamp, CursorKey.Id]);

    public static RouteGroupBuilder MapImportEndpoints(this RouteGroupBuilder api)
    {
        // Reports are operational state, not history: no recordedAsOf, no snapshot link, never cached.
        var group = api.MapGroup("/imports").WithTags("Imports").IsLive();
        // One documented path per dataset (a template beside GET /{id} would make two paths of one shape, which OpenAPI
        // forbids); any other name reaches the undocumented template and is a 404 naming the dataset.
        foreach (var (dataset, name, what, _) in Datasets.All)
        {
            Importing(group.MapPost($"/{dataset}", (HttpContext http, Importer importer, IConfiguration configuration, CancellationToken ct) =>
                    Post(dataset, http, importer, configuration, ct)))
                .WithName(name).WithSummary($"Import {what}; the CSV is the body");
        }
        Importing(group.MapPost("/{dataset}", Post)).ExcludeFromDescription();
        group.MapGet("/", ListReports).WithName("ListImports").WithSummary("Import reports, newest first");
        group.MapGet("/{id}", Get).WithName("GetImport").WithSummary("One import's report");
        return api;
    }

    private static RouteHandlerBuilder Importing(RouteHandlerBuilder import) => import
        .Accepts<string>("text/csv").RequiresWrite()
        // Files of gigabytes, and idempotent by themselves: a re-import writes nothing new.
        .ExcludeFromIdempotency()
        .WithQuery(new QueryParameter[]
        {
            new("incident", "Slug of the incident new events go to (created if absent). Default: one per country and month (ACLED), per conflict (UCDP)."),
            new("country", "Keep only rows of this ISO 3166-1 alpha-2 country; others count as skipped."),
            new("from", "Keep only events starting on or after this date (YYYY-MM-DD).", Schema: QuerySchemas.Date),
            new("to", "Keep only events starting on or before this date (YYYY-MM-DD).", Schema: QuerySchemas.Date),
            new("released", "When this release was published (ISO 8601 UTC); default: the import's start."),
        });

    private static async Task<Results<CreatedResource<ImportResponse>, ProblemResult>> Post(string dataset, HttpContext http, Importer importer, IConfiguration configuration, CancellationToken ct)
    {
        if (!Importer.Knows(dataset))
        {
            return Problems.NotFound("dataset", dataset);
        }
        if (!MediaTypeHeaderValue.TryParse(http.Request.ContentType, out var type) || !type.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            return Problems.Of(StatusCodes.Status415UnsupportedMediaType, "Send the file as text/csv.",
                "The body is the dataset's CSV export, with Content-Type: text/csv.");
        }
        var query = QueryReader.Of(http);
        var options = ImportOptions.Read(name => query.Text(name), query.Errors);
        if (!query.Errors.IsValid)
        {
            return query.Errors.Problem();
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = configuration.GetValue("Imports:MaxBytes", 2L << 30);
        }
        var name = ContentDispositionHeaderValue.TryParse(http.Request.Headers.ContentDisposition.ToString(), out var disposition)
            ? disposition.FileName.ToString().Trim('"') : null;
        try
        {
            var report = await importer.RunAsync(dataset, http.Request.Body, name ?? "request body", options, Caller.NameOf(http), null, ct);
            return Resource.Created($"{Path}/{report.Id}", ImportResponse.From(report));
        }
        catch (ImportLayoutException e)
        {
            return Problems.Of(StatusCodes.Status400BadRequest, "The file is not in this dataset's layout.", e.Message);
        }
        catch (ImportTooLongException e)
        {
            return Problems.Of(StatusCodes.Status400BadRequest, "A field or record of the file is too long.",
                $"{e.Message} The import stopped there; the rows before it are imported (its report: {Path}/{e.Report!.Id}, marked interrupted).",
                new Dictionary<string, object?> { ["row"] = e.Row, ["report"] = $"{Path}/{e.Report.Id}" });
        }
    }

    private static async Task<Results<Resource<ImportResponse>, ProblemResult>> Get(string id, UnrestDb db, CancellationToken ct)
    {
        var report = Guid.TryParse(id, out var reportId) ? await db.ImportReportList().FirstOrDefaultAsync(r => r.Id == reportId, ct) : null;
        return report is null ? Problems.NotFound("import", id) : Resource.Of(ImportResponse.From(report));
    }

    private static async Task<Ok<Page<ImportResponse>>> ListReports([PagedBy(nameof(List))] PageRequest page, UnrestDb db, CancellationToken ct)
    {
        var (limit, after) = (page.Limit, page.After);
        var reports = db.ImportReportList();
        if (after is not null)
        {
            var (startedAt, reportId) = (after[0].GetDateTimeOffset(), after[1].GetGuid());
            reports = reports.Where(r => EF.Functions.LessThan(ValueTuple.Create(r.StartedAt, r.Id), ValueTuple.Create(startedAt, reportId)));
        }
        var rows = await reports.OrderByDescending(r => r.StartedAt).ThenByDescending(r => r.Id).Take(limit + 1).ToListAsync(ct);
        var items = rows.Take(limit).Select(ImportResponse.From).ToList();
        var next = rows.Count > limit ? Cursor.Encode(List.List, items[^1].StartedAt, items[^1].Id) : null;
        return TypedResults.Ok(new Page<ImportResponse>(items, next));
    }
}
