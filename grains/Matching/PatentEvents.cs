using PatentNav.Market.Grains.Licensing;
using PatentNav.Market.Grains.Patents;

namespace PatentNav.Market.Grains.Matching;

/// <summary>
/// Something that happened to a patent, as watch lists see it. <see cref="Key"/> derives from what the state records
/// (the valuation's id, the licence's id, the owners and date of an ownership period, the pledgee), so reading the
/// same state twice yields the same events, and the storage can tell new ones from those already delivered.
/// <see cref="Holders"/>: the parties a holder watch matches — the owners, and for a transfer the previous owners too.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record PatentEvent(
    [property: Id(0)] string Key, [property: Id(1)] string Kind, [property: Id(2)] IReadOnlyList<string> Holders,
    [property: Id(3)] IReadOnlyDictionary<string, string?> Detail);

/// <summary>The events a patent's state records, pure.</summary>
public static class PatentEvents
{
    public static IReadOnlyList<PatentEvent> Of(PatentState patent)
    {
        if (!patent.IsRegistered) return [];
        var n = patent.Number;
        var owners = patent.OwnerIds;
        var events = new List<PatentEvent>
        {
            new($"registration:{n}", "registration", owners, new Dictionary<string, string?> { ["title"] = patent.Title, ["status"] = Wire(patent.Status) }),
        };
        foreach (var v in patent.Valuations)
            events.Add(new($"valuation:{n}:{v.Id}", "valuation", owners, new Dictionary<string, string?>
            {
                ["valuationId"] = v.Id, ["amount"] = v.Value.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["currency"] = v.Value.Currency, ["effectiveDate"] = v.EffectiveDate.ToString("yyyy-MM-dd"),
            }));
        var history = patent.OwnerHistory;
        for (var i = 1; i < history.Count; i++)
            events.Add(new($"transfer:{n}:{history[i].From:yyyy-MM-dd}:{string.Join(',', history[i].OwnerIds)}", "transfer",
                [.. history[i].OwnerIds.Concat(history[i - 1].OwnerIds).Distinct()], new Dictionary<string, string?>
                {
                    ["from"] = history[i].From.ToString("yyyy-MM-dd"), ["ownerIds"] = string.Join(',', history[i].OwnerIds),
                    ["previousOwnerIds"] = string.Join(',', history[i - 1].OwnerIds),
                }));
        foreach (var l in patent.Licences)
            events.Add(new($"licence:{n}:{l.LicenceId}", "licence", owners, new Dictionary<string, string?>
            {
                ["licenceId"] = l.LicenceId, ["kind"] = Wire(l.Kind), ["licenseeId"] = l.LicenseeId,
            }));
        if (patent.PledgeeId is { } pledgee)
            events.Add(new($"pledge:{n}:{pledgee}", "pledge", owners, new Dictionary<string, string?> { ["pledgeeId"] = pledgee }));
        return events;
    }

    /// <summary>What matching reads of the patent as it is now.</summary>
    public static PatentFacts Facts(PatentState patent) => new(
        patent.Number, patent.Status, patent.ExpiresOn, Current(patent)?.Value, patent.PledgeeId,
        [.. patent.Licences.Where(l => l.Kind is LicenceKind.Exclusive or LicenceKind.Sole).Select(l => new FactLicence(l.LicenceId, l.Kind, l.LicenseeId, l.Scope.End))]);

    private static Valuation? Current(PatentState patent) =>
        patent.Valuations.Select((v, i) => (v, i)).OrderBy(x => x.v.EffectiveDate).ThenBy(x => x.i).LastOrDefault().v;

    private static string Wire(Enum value) => string.Concat(value.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
