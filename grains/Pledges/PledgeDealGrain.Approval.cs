using System.Text.RegularExpressions;
using PatentNav.Market.Grains.Common;
using PatentNav.Market.Grains.Patents;

namespace PatentNav.Market.Grains.Pledges;

/// <summary>Appraisal, approval and registration: the gates before any money moves.</summary>
public sealed partial class PledgeDealGrain
{
    public async Task<PledgeDealView> Appraise()
    {
        var s = RequireExists();
        if (s.AwaitingPledgor)
            throw DomainException.Conflict("pledgor_acceptance_required", $"Pledgor {s.PledgorId} has not accepted this application yet (POST …/acceptance).");
        Move(PledgeStatus.Appraised);
        var collateral = await ReadCollateral();
        CollateralCheck.RequireUsable(Items(collateral), s.Currency, Today);
        s.Patents = collateral;
        Log("appraised", $"collateral {LoanToValue.CollateralValue(Items(collateral))}");
        await deal.WriteStateAsync();
        return View();
    }

    public async Task<PledgeDealView> Approve()
    {
        var s = RequireExists();
        Move(PledgeStatus.Approved);
        // Re-read: a valuation added (or gone stale) since appraisal decides, never a cached one.
        var collateral = await ReadCollateral();
        var max = CollateralCheck.Approve(s.Product, s.Principal, Items(collateral), Today);
        s.Patents = collateral;
        Log("approved", $"max principal {max}");
        await deal.WriteStateAsync();
        return View();
    }

    public async Task<PledgeDealView> Register(string registrationNumber, DateOnly? registeredOn = null)
    {
        var s = RequireExists();
        var number = RequireRegistrationNumber(registrationNumber);
        Move(PledgeStatus.Registered);
        // The approval's day from the history (China time, as every market day), so deals approved before dates were kept are checked too.
        var approved = s.History.LastOrDefault(e => e.Action == "approved") is { } a ? MarketClock.DayOf(a.At) : (DateOnly?)null;
        var day = PledgeRegistration.RequireDate(registeredOn, Today, approved);
        for (var i = 0; i < s.Patents.Count; i++)
        {
            var patent = await RequirePatent(s.Patents[i].Number, i);
            if (patent.PledgeeId is { } other && other != s.FinancierId)
                throw DomainException.Conflict("patent_already_pledged", $"Patent {patent.Number} is pledged to {other}.", $"patents[{i}]");
        }
        // SetPledge is idempotent, so a re-run after a conflict repeats it harmlessly.
        foreach (var p in s.Patents) await GrainFactory.GetGrain<IPatentGrain>(p.Number).SetPledge(s.FinancierId);
        s.RegistrationNumber = number;
        s.RegisteredOn = day;
        Log("registered", $"{number} on {day:yyyy-MM-dd}");
        await deal.WriteStateAsync();
        return View();
    }

    private static List<CollateralItem> Items(IEnumerable<PledgedPatent> patents) => [.. patents.Select(p => p.Collateral)];

    private static string RequireRegistrationNumber(string? registrationNumber)
    {
        var number = registrationNumber?.Trim() ?? "";
        return RegistrationNumber().IsMatch(number)
            ? number
            : throw DomainException.Invalid("invalid_registration_number", "registrationNumber", "Use the CNIPA pledge registration number: 6 to 40 letters, digits or hyphens.");
    }

    [GeneratedRegex("^[A-Za-z0-9-]{6,40}$")]
    private static partial Regex RegistrationNumber();
}
