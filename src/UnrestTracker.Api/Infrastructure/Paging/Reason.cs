using System.Reflection;
using UnrestTracker.Api.Infrastructure.Problems;
using UnrestTracker.Api.Infrastructure.Swagger;

namespace UnrestTracker.Api.Infrastructure.Paging;

/// <summary>
/// Why something is deleted: <c>?reason=</c>, required on every deletion (a statement withdrawn, an event deleted, a link
/// ended) and kept with its tombstone. The handler's argument says what is deleted (<see cref="WhyAttribute"/>), for the
/// parameter's description and the 400 of a missing reason.
/// </summary>
public sealed record Reason(string Text) : IQueryParameters<Reason>
{
    public static IEnumerable<QueryParameter> Declared(ParameterInfo parameter) =>
        [new("reason", $"Why {What(parameter)} (required; at most {TextLimits.Reason} characters), kept with the deletion.", MaxLength: TextLimits.Reason, Required: true)];

    public static Reason Read(QueryReader query, ParameterInfo parameter)
    {
        var text = query.Text("reason", TextLimits.Reason);
        query.Require("reason", $"Say why {What(parameter)}.");
        return new(text ?? "");
    }

    private static string What(ParameterInfo parameter) => parameter.GetCustomAttribute<WhyAttribute>()?.Deleted ?? "it is deleted";
}

/// <summary>What a <see cref="Reason"/> gives the reason for, e.g. "the event is deleted".</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class WhyAttribute(string deleted) : Attribute
{
    public string Deleted => deleted;
}
