using Serilog;
using UnrestTracker.Api.Features.Figures;
using UnrestTracker.Api.Features.Incidents;
using UnrestTracker.Api.Features.Retractions;
using UnrestTracker.Api.Features.Sources;
using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Db;
using UnrestTracker.Api.Infrastructure.Health;
using UnrestTracker.Api.Infrastructure.Http;
using UnrestTracker.Api.Infrastructure.Json;
using UnrestTracker.Api.Infrastructure.Logging;
using UnrestTracker.Api.Infrastructure.Paging;
using UnrestTracker.Api.Infrastructure.Problems;
using UnrestTracker.Api.Infrastructure.Swagger;

var builder = WebApplication.CreateBuilder(args);
builder.AddUnrestLogging();
builder.Services.AddUnrestDatabase();
builder.Services.AddUnrestJson();
builder.Services.AddUnrestProblems();
builder.Services.AddUnrestHealth();
builder.Services.AddUnrestSwagger();
builder.Services.AddStatementExamples();

var app = builder.Build();
Cursor.UseSecret(app.Configuration["Paging:CursorSecret"]);
await app.Services.PrepareDatabaseAsync();

app.UseUnrestProblems();
app.UseSerilogRequestLogging();
app.UseSnapshotLinks();
app.UseUnrestSwagger();
app.MapUnrestHealth();
app.MapIncidentEndpoints();
app.MapSourceEndpoints();
app.MapStatementEndpoints();
app.MapFigureEndpoints();
app.MapRetractionEndpoints();

await app.RunAsync();

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
