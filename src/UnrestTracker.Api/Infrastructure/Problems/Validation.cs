using System.Text.RegularExpressions;

namespace UnrestTracker.Api.Infrastructure.Problems;

/// <summary>Collects validation errors keyed by the camelCase JSON path of the field.</summary>
public sealed partial class Validation
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool HasErrors => _errors.Count > 0;

    public bool IsValid => _errors.Count == 0;

    /// <summary>Every error on one line, "path: message; ...", for reports that are not problem documents.</summary>
    public override string ToString() => string.Join("; ", _errors.Select(e => $"{e.Key}: {string.Join(" ", e.Value)}"));

    public Validation Add(string path, string message)
    {
        if (!_errors.TryGetValue(path, out var list))
        {
            _errors[path] = list = [];
        }
        list.Add(message);
        return this;
    }

    public bool Required(string path, object? value)
    {
        if (value is null || value is string s && string.IsNullOrWhiteSpace(s))
        {
            Add(path, "This field is required.");
            return false;
        }
        return true;
    }

    public void MaxLength(string path, string? value, int max)
    {
        if (value is not null && value.Length > max)
        {
            Add(path, $"At most {max} characters.");
        }
    }

    public void Within(string path, DateTimeOffset at)
    {
        if (!TimeLimits.Contains(at))
        {
            Add(path, TimeLimits.Problem);
        }
    }

    public void Within(string path, DateOnly day)
    {
        if (!TimeLimits.Contains(day))
        {
            Add(path, TimeLimits.Problem);
        }
    }

    public void Country(string path, string? code)
    {
        if (code is not null && !global::UnrestTracker.Api.Infrastructure.Problems.Countries.IsValid(code))
        {
            Add(path, $"'{code}' is not an ISO 3166-1 alpha-2 country code.");
        }
    }

    public void Url(string path, string? url)
    {
        if (url is not null && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            Add(path, "Must be an absolute http or https URL.");
        }
    }

    public void Key(string path, string? value)
    {
        if (value is not null && !KeyPattern().IsMatch(value))
        {
            Add(path, "Must be a lowercase key: letters, digits and underscores, starting with a letter.");
        }
    }

    /// <summary>Each element must be a valid country code; a null element is an error too.</summary>
    public void Countries(string path, IReadOnlyList<string>? codes)
    {
        foreach (var i in BodyLimits.Indexes(codes?.Count))
        {
            if (codes![i] is null)
            {
                Add($"{path}[{i}]", "Must be a country code, not null.");
            }
            Country($"{path}[{i}]", codes[i]);
        }
    }

    public void Each(string path, IReadOnlyList<string>? values)
    {
        foreach (var i in BodyLimits.Indexes(values?.Count))
        {
            if (string.IsNullOrWhiteSpace(values![i]))
            {
                Add($"{path}[{i}]", "Must not be empty.");
            }
        }
    }

    public Dictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    public ProblemResult Problem() =>
        TypedResults.ValidationProblem(ToDictionary(), title: "The request is invalid.", detail: "See errors for each field by its JSON path.");

    [GeneratedRegex("^[a-z][a-z0-9_]*$")]
    private static partial Regex KeyPattern();
}
