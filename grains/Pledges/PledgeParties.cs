using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Parties;

namespace PatentNav.Market.Grains.Pledges;

/// <summary>
/// Who may lend against a pledge (§1, §8): a financier is a bank. Funds and guarantors share losses but do not lend,
/// and a company or university named as the financier would become pledgee of a patent it has no loan behind.
/// </summary>
public static class PledgeParties
{
    public static bool IsFinancier(PartyKind kind) => kind == PartyKind.Bank;

    /// <summary>422 <c>not_a_financier</c> on <c>financierId</c> unless the party is of a financier kind.</summary>
    public static PartyView RequireFinancier(PartyView party) => IsFinancier(party.Kind)
        ? party
        : throw DomainException.Unprocessable(PledgeCodes.NotAFinancier,
            $"Party {party.Id} is a {System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(party.Kind.ToString())}; only a bank lends against a pledge.", "financierId");
}
