using System.Diagnostics.CodeAnalysis;

namespace PatentNav.Market.ClientApi.Errors;

/// <summary>Collects field problems of a request before anything is called, so all are reported at once.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, string[]> _errors = [];

    public bool Any => _errors.Count > 0;

    public IDictionary<string, string[]> ToDictionary() => _errors;

    public void Add(string field, string message) =>
        _errors[field] = _errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    /// <summary>Reports a missing required value; true when it is present.</summary>
    public bool Required<T>([NotNullWhen(true)] T? value, string field)
    {
        if (value is null || (value is string s && string.IsNullOrWhiteSpace(s)))
        {
            Add(field, "Required.");
            return false;
        }
        return true;
    }
}
