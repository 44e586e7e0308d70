namespace UnrestTracker.Api.Infrastructure.Problems;

/// <summary>The expected failures every feature answers with, as problem+json.</summary>
public static class Problems
{
    public static IResult NotFound(string what, string id) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No such {what}.", detail: $"There is no {what} '{id}' (at the moment asked about).");

    public static IResult Conflict(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail);

    public static IResult Invalid(string path, string message) => new Validation().Add(path, message).Problem();
}
