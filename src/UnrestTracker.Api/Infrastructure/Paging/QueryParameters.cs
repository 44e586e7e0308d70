using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using UnrestTracker.Api.Infrastructure.Swagger;

namespace UnrestTracker.Api.Infrastructure.Paging;

/// <summary>
/// Query parameters taken as a handler's argument. The type reads them through the request's one <see cref="QueryReader"/>,
/// so that the errors of every parameter make one 400, answered before the handler runs (<see cref="QueryErrors"/>), and it
/// declares them: the OpenAPI document and the unknown-parameter check list what it reads.
/// </summary>
public interface IQueryParameters<TSelf> : IBindableFromHttpContext<TSelf>, IEndpointParameterMetadataProvider
    where TSelf : class, IQueryParameters<TSelf>
{
    /// <summary>The parameters read for <paramref name="parameter"/>, as the OpenAPI document describes them.</summary>
    static abstract IEnumerable<QueryParameter> Declared(ParameterInfo parameter);

    /// <summary>Reads the parameters; a bad value adds its error to <paramref name="query"/> and reads as its default.</summary>
    static abstract TSelf Read(QueryReader query, ParameterInfo parameter);

    static ValueTask<TSelf?> IBindableFromHttpContext<TSelf>.BindAsync(HttpContext context, ParameterInfo parameter) =>
        ValueTask.FromResult<TSelf?>(TSelf.Read(QueryReader.Of(context), parameter));

    static void IEndpointParameterMetadataProvider.PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder) =>
        builder.Metadata.Add(new QueryParametersMetadata([.. TSelf.Declared(parameter)]));
}

public static class QueryErrors
{
    /// <summary>
    /// Answers the 400 of the query parameters bound to a handler's arguments before anything else runs (a conditional read's
    /// 304 comes after it: <see cref="History.HistoryETags"/>). A handler that reads its parameters by hand checks them itself.
    /// </summary>
    public static TBuilder AnswerQueryErrors<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
            QueryReader.Bound(context.HttpContext) is { Errors.HasErrors: true } query ? query.Errors.Problem() : await next(context));
}
