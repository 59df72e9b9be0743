using System.Text.Json;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Patents;
using PatentNav.Market.Grains.Queries;

namespace PatentNav.Market.ClientApi.ReadModels;

/// <summary>
/// The searchable shape of a patent, derived from its grain state; both catalogue stores hold these. <c>Status</c> is
/// the recorded status; <c>EffectiveStatus</c> the one that applied on the day the row was made (a pending or granted
/// patent past its term is expired), stored and indexed so that a search by status need not compute it (migration 0016).
/// </summary>
public sealed record CatalogueRow(
    string Number,
    string Title,
    string SearchText,
    string Type,
    string Status,
    string[] Ipc,
    string[] IpcPrefixes,
    string[] OwnerIds,
    DateOnly FilingDate,
    DateOnly ExpiresOn,
    long? ValueAmount,
    string? ValueCurrency,
    DateOnly? GrantDate = null,
    int? ScoreLegal = null,
    int? ScoreTechnical = null,
    int? ScoreEconomic = null,
    string? EffectiveStatus = null)
{
    public static CatalogueRow From(PatentState state, DateOnly today)
    {
        var inEffect = Valuation.InEffect(state.Valuations, today);
        var value = inEffect?.Value;
        var scores = inEffect?.Scores;
        return new CatalogueRow(
            state.Number, state.Title, SearchTextOf(state.Title, state.Abstract), Name(state.Type), Name(state.Status),
            [.. state.Ipc], [.. state.Ipc.SelectMany(IpcCode.Prefixes).Distinct()], [.. state.OwnerIds],
            state.FilingDate, state.ExpiresOn, value?.Amount, value?.Currency, state.GrantDate,
            scores?.Legal, scores?.Technical, scores?.Economic,
            Name(PatentTerm.EffectiveStatus(state.Status, state.Type, state.FilingDate, today)));
    }

    /// <summary>Keywords match substrings of this, case-insensitively.</summary>
    public static string SearchTextOf(string title, string summary) => $"{title}\n{summary}".ToLowerInvariant();

    public CatalogueEntry ToEntry(DateOnly today)
    {
        var type = Parse<PatentType>(Type);
        return new CatalogueEntry(
            Number, Title, type, PatentTerm.EffectiveStatus(Parse<LegalStatus>(Status), type, FilingDate, today),
            Ipc, OwnerIds, FilingDate, ExpiresOn, ValueAmount is { } amount ? new Money(amount, ValueCurrency!) : null);
    }

    /// <summary>Enum names as stored and sent: <c>utility_model</c>.</summary>
    public static string Name<TEnum>(TEnum value) where TEnum : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    private static TEnum Parse<TEnum>(string name) where TEnum : struct, Enum => Enum.Parse<TEnum>(name.Replace("_", ""), ignoreCase: true);
}
