namespace PatentNav.Market.ClientApi.Apis;

/// <summary>
/// Opaque cursors of lists read from index grains and worklists: base64url of <c>o:{position}</c>.
/// Lists only grow at the end (indexes) or are sorted afresh each time (worklists), so a position is enough.
/// </summary>
public static class PageCursor
{
    public const int DefaultLimit = 20, MaxLimit = 100;

    public static string Encode(int position) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("o:" + position)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The position and page size, or field errors on <c>cursor</c> and <c>limit</c>.</summary>
    public static (int From, int Limit) Parse(string? cursor, string? limit, FieldErrors errors)
    {
        var size = DefaultLimit;
        if (!string.IsNullOrEmpty(limit) && (!int.TryParse(limit, System.Globalization.NumberStyles.None, null, out size) || size is < 1 or > MaxLimit))
            errors.Add("limit", $"Expected a whole number from 1 to {MaxLimit}.");
        if (string.IsNullOrEmpty(cursor)) return (0, size);
        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var text = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(padded));
            if (text.StartsWith("o:") && int.TryParse(text.AsSpan(2), System.Globalization.NumberStyles.None, null, out var from)) return (from, size);
        }
        catch (FormatException)
        {
        }
        errors.Add("cursor", "Not a cursor returned by this API.");
        return (0, size);
    }

    /// <summary>The cursor after a page that started at <paramref name="from"/> and took <paramref name="taken"/> of <paramref name="total"/>.</summary>
    public static string? Next(int from, int taken, int total) => from + taken < total ? Encode(from + taken) : null;
}
