using System.Text.Json;

namespace PatentNav.Market.Grains.Pools;

/// <summary>
/// The stable error code of a refused enrolment is the refusal reason in snake_case, the same
/// spelling the API uses for the enum: <c>uncured_breach</c>, <c>invoices_unpaid_over90_days</c>.
/// </summary>
public static class RefusalCodes
{
    public static string Code(RefusalReason reason) => JsonNamingPolicy.SnakeCaseLower.ConvertName(reason.ToString());

    /// <summary>The reason a snake_case code names, or null.</summary>
    public static RefusalReason? Parse(string? code) =>
        Enum.GetValues<RefusalReason>().Select(r => (RefusalReason?)r).FirstOrDefault(r => Code(r!.Value) == code);
}
