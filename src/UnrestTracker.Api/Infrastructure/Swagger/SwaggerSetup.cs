using System.Xml.Linq;
using System.Xml.XPath;
using Microsoft.OpenApi;

namespace UnrestTracker.Api.Infrastructure.Swagger;

public static class SwaggerSetup
{
    public const string BearerScheme = "Bearer";
    public const string ApiKeyScheme = "ApiKey";

    public static IServiceCollection AddUnrestSwagger(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new() { Title = "UnrestTracker", Version = "v1", Description = "Civil-unrest incidents, events and the claims about them, with every revision and retraction kept. Reads are anonymous; writes need a key with the write scope (Authorize)." });
            o.SupportNonNullableReferenceTypes();
            o.IncludeXmlComments(TypeAndPropertyComments);
            o.OperationFilter<QueryParameterOperationFilter>();
            o.OperationFilter<PathParameterFilter>();
            o.SchemaFilter<TextLimitSchemaFilter>();
            o.SchemaFilter<PropertySchemaFilter>();
            o.SchemaFilter<PropertyGlossary>();
            o.OperationFilter<ExportResponseOperationFilter>();
            o.AddSecurityDefinition(BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                // Swagger UI renders this as Markdown and drops what looks like an HTML tag: the placeholder stays in code.
                Description = "An API key (`keys create`), sent as `Authorization: Bearer <key>`.",
            });
            o.AddSecurityDefinition(ApiKeyScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = "X-Api-Key",
                Description = "The same API key, sent as `X-Api-Key: <key>`.",
            });
            o.OperationFilter<WriteOperationFilter>();
            o.OperationFilter<ProblemResponsesFilter>();
            o.DocumentFilter<UniqueOperationIds>();
        });
        return services.AddCachedSwaggerDocument();
    }

    /// <summary>
    /// The wire types' XML comments (types, properties, record parameters) as schema descriptions. Methods' comments are
    /// left out: they are written for whoever reads the handler, and each operation's summary is its WithSummary.
    /// </summary>
    private static XPathDocument TypeAndPropertyComments()
    {
        var file = Path.Combine(AppContext.BaseDirectory, $"{typeof(SwaggerSetup).Assembly.GetName().Name}.xml");
        var comments = XDocument.Load(file);
        comments.Descendants("member").Where(m => ((string?)m.Attribute("name"))?.StartsWith("M:", StringComparison.Ordinal) == true).Remove();
        using var reader = comments.CreateReader();
        return new XPathDocument(reader);
    }

    public static WebApplication UseUnrestSwagger(this WebApplication app)
    {
        // OpenAPI 3.1: its schemas are JSON Schema 2020-12, so "an object or null" is said exactly (3.0 has no sound way).
        app.UseSwagger(o => o.OpenApiVersion = OpenApiSpecVersion.OpenApi3_1);
        app.UseSwaggerUI(o =>
        {
            o.DocumentTitle = "UnrestTracker API";
            o.SwaggerEndpoint("v1/swagger.json", "UnrestTracker API v1");
            // No EnablePersistAuthorization: Swagger UI would keep the key in localStorage, readable by any script of
            // this origin and left behind on a shared machine. Authorize again after a reload.
            o.EnableDeepLinking();
        });
        return app;
    }
}
