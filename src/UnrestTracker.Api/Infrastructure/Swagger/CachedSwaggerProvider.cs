using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.OpenApi;
using Swashbuckle.AspNetCore.Swagger;
using Swashbuckle.AspNetCore.SwaggerGen;

namespace UnrestTracker.Api.Infrastructure.Swagger;

/// <summary>
/// The OpenAPI document, generated once per process: the endpoints cannot change while it runs, and generating it
/// (every filter, every XML comment) costs far more than a request should.
/// </summary>
public sealed class CachedSwaggerProvider(IServiceScopeFactory scopes) : ISwaggerProvider, IAsyncSwaggerProvider
{
    private readonly ConcurrentDictionary<(string Name, string? Host, string? BasePath), OpenApiDocument> _documents = new();

    public OpenApiDocument GetSwagger(string documentName, string? host = null, string? basePath = null) =>
        GetSwaggerAsync(documentName, host, basePath).GetAwaiter().GetResult();

    public async Task<OpenApiDocument> GetSwaggerAsync(string documentName, string? host = null, string? basePath = null)
    {
        var key = (documentName, host, basePath);
        if (_documents.TryGetValue(key, out var document))
        {
            return document;
        }
        await using var scope = scopes.CreateAsyncScope();
        var generated = await scope.ServiceProvider.GetRequiredService<SwaggerGenerator>().GetSwaggerAsync(documentName, host, basePath);
        return _documents.GetOrAdd(key, generated);
    }
}

public static class CachedSwaggerSetup
{
    public static IServiceCollection AddCachedSwaggerDocument(this IServiceCollection services)
    {
        services.AddSingleton<CachedSwaggerProvider>();
        services.Replace(ServiceDescriptor.Singleton<ISwaggerProvider>(sp => sp.GetRequiredService<CachedSwaggerProvider>()));
        services.Replace(ServiceDescriptor.Singleton<IAsyncSwaggerProvider>(sp => sp.GetRequiredService<CachedSwaggerProvider>()));
        return services;
    }
}
