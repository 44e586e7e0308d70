using Microsoft.AspNetCore.Http.HttpResults;

namespace UnrestTracker.Api.Infrastructure.Problems;

/// <summary>The expected failures every feature answers with, as problem+json.</summary>
public static class Problems
{
    public static ProblemResult NotFound(string what, string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No such {what}.", detail: $"There is no {what} '{id}' (at the moment asked about).");

    public static ProblemResult Conflict(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail);

    public static ProblemResult Invalid(string path, string message) => new Validation().Add(path, message).Problem();

    public static ProblemResult Of(int status, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail, extensions: extensions);
}

/// <summary>
/// An RFC 9457 problem answered instead of the resource: a handler's typed result names it beside what it answers when
/// all is well. It adds nothing to the OpenAPI document: the problems an operation can answer are documented per kind
/// of operation (Infrastructure/Swagger/ProblemResponsesFilter), as the pipeline answers most of them (401, 429, 503).
/// </summary>
public sealed class ProblemResult(IResult problem) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => (problem as IStatusCodeHttpResult)?.StatusCode;

    public Task ExecuteAsync(HttpContext httpContext) => problem.ExecuteAsync(httpContext);

    public static implicit operator ProblemResult(ProblemHttpResult problem) => new(problem);

    public static implicit operator ProblemResult(ValidationProblem problem) => new(problem);
}
