using UnrestTracker.Api.Features.Statements;
using UnrestTracker.Api.Infrastructure.Paging;

namespace UnrestTracker.Api.Features.Stats;

public static class StatsUnit
{
    /// <summary><c>unit</c>: people by default where the metric counts people, required otherwise, and one that fits the metric.</summary>
    public static string Read(QueryReader query, Metric? metric)
    {
        var unit = query.Text("unit");
        if (metric is not { } m)
        {
            return unit ?? "";
        }
        if (unit is null)
        {
            if (FigureRules.DefaultUnit(m) is { } people)
            {
                return people;
            }
            query.Errors.Add("unit", "Required for this metric (a currency code such as USD, or a plural noun such as buildings).");
            return "";
        }
        if (FigureRules.UnitProblem(m, unit) is { } problem)
        {
            query.Errors.Add("unit", problem);
        }
        return unit;
    }
}
