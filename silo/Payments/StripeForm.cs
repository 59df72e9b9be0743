using System.Globalization;
using System.Text;

namespace PatentNav.Market.Silo.Payments;

/// <summary>
/// Stripe's v1 API takes <c>application/x-www-form-urlencoded</c> bodies with nested keys in brackets:
/// <c>metadata[invoice_id]=…</c>, lists as <c>items[0][price]=…</c>. Values are written invariantly
/// (amounts are integers of minor units, booleans <c>true</c>/<c>false</c>).
/// </summary>
public static class StripeForm
{
    /// <summary>The flattened key/value pairs, in the order given (nested dictionaries and lists expanded).</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Flatten(IEnumerable<KeyValuePair<string, object?>> fields)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in fields) Add(pairs, key, value);
        return pairs;
    }

    /// <summary>The encoded body: keys and values percent-encoded (RFC 3986), pairs joined by <c>&amp;</c>.</summary>
    public static string Encode(IEnumerable<KeyValuePair<string, object?>> fields)
    {
        var body = new StringBuilder();
        foreach (var (key, value) in Flatten(fields))
        {
            if (body.Length > 0) body.Append('&');
            body.Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
        }
        return body.ToString();
    }

    private static void Add(List<KeyValuePair<string, string>> pairs, string key, object? value)
    {
        switch (value)
        {
            case null:
                return; // absent, not empty: an empty value would unset the field at Stripe
            case string text:
                pairs.Add(new(key, text));
                return;
            case bool flag:
                pairs.Add(new(key, flag ? "true" : "false"));
                return;
            case IFormattable number:
                pairs.Add(new(key, number.ToString(null, CultureInfo.InvariantCulture)));
                return;
            case IEnumerable<KeyValuePair<string, string>> strings:
                foreach (var (child, item) in strings) Add(pairs, $"{key}[{child}]", item);
                return;
            case IEnumerable<KeyValuePair<string, object?>> nested:
                foreach (var (child, item) in nested) Add(pairs, $"{key}[{child}]", item);
                return;
            case System.Collections.IEnumerable list:
                var index = 0;
                foreach (var item in list) Add(pairs, $"{key}[{index++}]", item);
                return;
            default:
                throw new ArgumentException($"Cannot form-encode {value.GetType().Name} for '{key}'.");
        }
    }
}
