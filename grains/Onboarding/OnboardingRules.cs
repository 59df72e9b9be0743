using System.Security.Cryptography;
using System.Text;
using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Onboarding;

/// <summary>
/// The batch-wide rules of an onboarding import, pure: every date on or before today and none before the one before it
/// (a pool's history is imported in the order it happened), licences named once and before they are used (or an existing licence by id), each bank
/// reference once. Each refusal is keyed <c>records[i].field</c>. The rules of each record are the live ones, in the grains.
/// </summary>
public static class OnboardingRules
{
    /// <summary>A year of a large pool's quarters × licensees × categories, checked and written in one request.</summary>
    public const int MaxRecords = 2_000;

    public const string InvalidRecords = "invalid_records";

    public static string Field(int index, string? field) => field is null ? $"records[{index}]" : $"records[{index}].{field}";

    /// <summary>Throws 422 <c>invalid_records</c> naming every record that breaks a batch-wide rule.</summary>
    public static void Check(IReadOnlyList<OnboardingRecord> records, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        void Refuse(OnboardingRecord r, string field, string code, string message) => errors.TryAdd(Field(r.Index, field), [$"{code}: {message}"]);
        if (records.Count is 0 or > MaxRecords)
            throw DomainException.Invalid("invalid_records", "records", $"Import 1 to {MaxRecords} records.");
        var licences = new HashSet<string>(StringComparer.Ordinal);
        var references = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < records.Count; i++)
        {
            var r = records[i];
            if (r.Date > today)
                Refuse(r, "date", "date_in_future", $"{r.Date:yyyy-MM-dd} is after today ({today:yyyy-MM-dd}); only the past is imported.");
            else if (i > 0 && r.Date < records[i - 1].Date)
                Refuse(r, "date", "record_out_of_order", $"{r.Date:yyyy-MM-dd} is before the record above it ({records[i - 1].Date:yyyy-MM-dd}); list records in the order they happened.");
            switch (r.Kind)
            {
                case OnboardingRecordKind.Licence when !licences.Add(r.Licence!):
                    Refuse(r, "licence", "duplicate_licence", $"Licence '{r.Licence}' is named by an earlier record.");
                    break;
                case OnboardingRecordKind.RoyaltyReport or OnboardingRecordKind.Payment when r.LicenceId is null && !licences.Contains(r.Licence!):
                    Refuse(r, "licence", "unknown_licence", $"No earlier record of this batch names licence '{r.Licence}'.");
                    break;
            }
            if (r.Kind == OnboardingRecordKind.Payment && !references.Add(Payments.PaymentReferences.Normalize(Payments.PaymentReferences.Offline, r.BankReference!)))
                Refuse(r, "bankReference", "bank_reference_used", $"Bank reference {r.BankReference} is used by an earlier record.");
        }
        if (errors.Count > 0) throw Refused(errors, records.Count);
    }

    public static DomainException Refused(Dictionary<string, string[]> errors, int count) =>
        new(ErrorKind.Unprocessable, InvalidRecords, $"{errors.Count} of {count} records were refused; nothing was imported.", null, errors);

    /// <summary>The id of the licence a batch names <paramref name="licenceRef"/>: derived, so a re-run creates the same licence.</summary>
    public static string LicenceId(string batchId, string licenceRef) => "lic_" + Hex16($"{batchId}\n{licenceRef}");

    private static string Hex16(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
