using System.Text.RegularExpressions;
using UnrestTracker.Api.Infrastructure.Problems;

namespace UnrestTracker.Api.Features.Statements;

/// <summary>The rules a figure obeys on its own; rules that need the database live in <see cref="StatementChecks"/>.</summary>
public static partial class FigureRules
{
    /// <summary>
    /// The largest value, low or high a figure takes (API.md, Conventions): above any count or loss anyone reports, and far
    /// enough below System.Decimal's 7.9e28 that sums over many figures stay exact.
    /// </summary>
    public const decimal MaxValue = 1_000_000_000_000_000m;

    private static readonly HashSet<Metric> CountsPeople =
        [Metric.Killed, Metric.Injured, Metric.Detained, Metric.Arrested, Metric.Missing, Metric.Displaced];

    public static void Check(Validation v, string path, FigureRequest f)
    {
        v.Key($"{path}.subject", f.Subject);
        if (f.Qualifier == Qualifier.Range)
        {
            v.Required($"{path}.low", f.Low);
            v.Required($"{path}.high", f.High);
        }
        else if (f.Qualifier is not null)
        {
            v.Required($"{path}.value", f.Value);
        }
        foreach (var (name, number) in new[] { ("value", f.Value), ("low", f.Low), ("high", f.High) })
        {
            if (number < 0)
            {
                v.Add($"{path}.{name}", "Must not be negative.");
            }
            if (number > MaxValue)
            {
                v.Add($"{path}.{name}", "At most 10^15 (1000000000000000).");
            }
        }
        if (f.Low > f.High)
        {
            v.Add($"{path}.low", "Must not be greater than high.");
        }
        if (f.Value < f.Low)
        {
            v.Add($"{path}.value", "Must not be less than low.");
        }
        if (f.Value > f.High)
        {
            v.Add($"{path}.value", "Must not be greater than high.");
        }
        if (!string.IsNullOrWhiteSpace(f.Unit) && f.Metric is { } metric && UnitProblem(metric, f.Unit) is { } problem)
        {
            v.Add($"{path}.unit", problem);
        }
        if (f.Scope is { } scope)
        {
            v.Country($"{path}.scope.country", scope.Country);
        }
    }

    /// <summary>The unit a metric's figures are counted in when a reader names none: people, for the metrics that count people.</summary>
    public static string? DefaultUnit(Metric metric) => CountsPeople.Contains(metric) ? "people" : null;

    public static string? UnitProblem(Metric metric, string unit) => metric switch
    {
        _ when CountsPeople.Contains(metric) => unit == "people" ? null : "Must be 'people' for this metric.",
        Metric.EconomicLoss => CurrencyPattern().IsMatch(unit) ? null : "Must be an ISO 4217 currency code such as USD or KZT.",
        _ => PluralNounPattern().IsMatch(unit) ? null : "Must be a lowercase plural noun such as buildings or vehicles.",
    };

    [GeneratedRegex("^[A-Z]{3}$")]
    private static partial Regex CurrencyPattern();

    [GeneratedRegex("^[a-z][a-z_]*s$")]
    private static partial Regex PluralNounPattern();
}

public static partial class StatementRules
{
    public static bool IsLanguage(string code) => LanguagePattern().IsMatch(code);

    [GeneratedRegex("^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")]
    private static partial Regex LanguagePattern();
}
