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
            o.OperationFilter<QueryParameterOperationFilter>();
            o.SchemaFilter<TextLimitSchemaFilter>();
            o.OperationFilter<ExportResponseOperationFilter>();
            o.AddSecurityDefinition(BearerScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API key (keys create), sent as 'Authorization: Bearer <key>'.",
            });
            o.AddSecurityDefinition(ApiKeyScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = "X-Api-Key",
                Description = "The same API key, sent as 'X-Api-Key: <key>'.",
            });
            o.OperationFilter<WriteOperationFilter>();
            o.OperationFilter<ProblemResponsesFilter>();
        });
        return services;
    }

    public static WebApplication UseUnrestSwagger(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(o =>
        {
            o.DocumentTitle = "UnrestTracker API";
            o.EnablePersistAuthorization();
        });
        return app;
    }
}
