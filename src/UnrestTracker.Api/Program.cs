using Serilog;
using UnrestTracker.Api.Features.Changes;
using UnrestTracker.Api.Features.Citations;
using UnrestTracker.Api.Features.Demo;
using UnrestTracker.Api.Features.Events;
using UnrestTracker.Api.Features.Feeds;
using UnrestTracker.Api.Features.Figures;
using UnrestTracker.Api.Features.Imports;
using UnrestTracker.Api.Features.Incidents;
using UnrestTracker.Api.Features.Keys;
using UnrestTracker.Api.Features.Page;
using UnrestTracker.Api.Features.ReadModel;
using UnrestTracker.Api.Features.Retractions;
using UnrestTracker.Api.Features.Sources;
using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Features.Stats;
using UnrestTracker.Api.Features.Timeline;
using UnrestTracker.Api.Features.Webhooks;
using UnrestTracker.Api.Infrastructure.Auth;
using UnrestTracker.Api.Infrastructure.CommandLine;
using UnrestTracker.Api.Infrastructure.Cors;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Export;
using UnrestTracker.Api.Infrastructure.Health;
using UnrestTracker.Api.Infrastructure.History;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Idempotency;
using UnrestTracker.Api.Infrastructure.Json;
using UnrestTracker.Api.Infrastructure.Logging;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Problems;
using UnrestTracker.Api.Infrastructure.Proxies;
using UnrestTracker.Api.Infrastructure.RateLimiting;
using UnrestTracker.Api.Infrastructure.Replicas;
using UnrestTracker.Api.Infrastructure.Swagger;

CliCommand[] commands = [KeyCommands.Command, MigrateCommand.Command, ReadModelCommands.Command, ImportCommands.Command];
if (await CliCommand.RunFirstAsync(commands, args, Console.Out, Console.Error) is { } exitCode)
{
    return exitCode;
}

var builder = WebApplication.CreateBuilder(args);
builder.UseDefaultUrls();
builder.LimitBodies();
builder.AddUnrestLogging();
builder.Services.AddUnrestDatabase();
builder.Services.AddUnrestJson();
builder.Services.AddUnrestProblems();
builder.Services.AddApiKeys();
builder.Services.AddUnrestIdempotency();
builder.Services.AddUnrestExports();
builder.Services.AddUnrestProxies();
builder.Services.AddPublicBaseUrl();
builder.Services.AddAllowedHostsCheck();
builder.Services.AddUnrestRateLimits();
builder.Services.AddUnrestCors();
builder.Services.AddUnrestHealth();
builder.Services.AddUnrestReplicas();
builder.Services.AddUnrestSwagger();
builder.Services.AddStatementExamples();
builder.Services.AddDemoExamples();
builder.Services.AddImports();
builder.Services.AddChangeStreams();
builder.Services.AddWebhooks();
builder.Services.AddSingleton<HistoryMemo>();
builder.Services.AddSingleton<ReadAdmission>();
builder.Services.AddCursorSecret();
builder.Services.AddInProcessRequests();

var app = builder.Build();
if (await app.Services.PrepareDatabaseAsync())
{
    await app.Services.LoadDemoOnceAsync();
}
await app.Services.MarkInterruptedImportsAsync();
await app.Services.LoadCursorSecretAsync();

app.UseInProcessRequests();
app.UseUnrestProxies();
app.UseSecurityHeaders();
app.UseUnrestRequestLogging();
app.UseHeadAsGet();
app.UseUnrestProblems();
app.UseAllowedHostsCheck();
app.UseSnapshotLinks();
app.UseUnrestCors();
app.UseRateLimiter();
app.UsePageAssets();
app.UseUnrestSwagger();
app.UseUnknownQueryParameterCheck();
app.UseAuthentication();
app.UseAuthorization();
app.UseCursorSecret();
app.UseReadReplicas();
app.UseHistoryAnswers();
app.UseUnrestIdempotency();
app.MapUnrestHealth();
var api = app.MapGroup(ApiPath.V1).AnswerQueryErrors();
var incidents = api.MapIncidentEndpoints().MapTimelineEndpoints().MapFeedEndpoints();
api.MapSourceEndpoints().MapEventEndpoints().MapStatementEndpoints().MapFigureEndpoints(incidents).MapStatsEndpoints(incidents)
    .MapRetractionEndpoints().MapChangeEndpoints().MapWebhookEndpoints().MapImportEndpoints().MapCiteEndpoints();
app.MapPageEndpoints();
app.LogWhereToStart();

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
