namespace UnrestTracker.Api.Infrastructure.Swagger;

public static class SwaggerSetup
{
    public static IServiceCollection AddUnrestSwagger(this IServiceCollection services)
    {
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(o =>
        {
            o.SwaggerDoc("v1", new() { Title = "UnrestTracker", Version = "v1", Description = "Civil-unrest incidents, events and the claims about them, with every revision and retraction kept." });
            o.SupportNonNullableReferenceTypes();
            o.OperationFilter<QueryParameterOperationFilter>();
        });
        return services;
    }

    public static WebApplication UseUnrestSwagger(this WebApplication app)
    {
        app.UseSwagger();
        app.UseSwaggerUI(o => o.DocumentTitle = "UnrestTracker API");
        return app;
    }
}
