using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Transfers;

/// <summary>Consents of co-owners (§3) and pledgees (§8, Civil Code art. 444): all must grant; one refusal cancels.</summary>
public sealed partial class TransferGrain
{
    public async Task<TransferView> Decide(string partyId, ConsentAnswer answer)
    {
        var state = RequireExists();
        var decision = answer == ConsentAnswer.Grant ? ConsentDecision.Granted : ConsentDecision.Refused;
        var index = state.Consents.FindIndex(c => c.PartyId == partyId);
        if (index >= 0 && state.Consents[index].Decision == decision) return View(); // a repeated answer
        if (index >= 0 && state.Consents[index].Decision != ConsentDecision.Pending)
            throw DomainException.Conflict("consent_already_given",
                $"Party {partyId} {state.Consents[index].Decision.ToString().ToLowerInvariant()} its consent already.", "decision");
        RequireOpen();
        if (index < 0)
        {
            // A pledge registered, or a co-owner added, after the transfer was opened: that party has a say now.
            state.Consents.Add(await LateConsent(partyId)
                ?? throw DomainException.Unprocessable("not_consenting_party", $"Party {partyId} neither co-owns nor holds a pledge on these patents."));
            index = state.Consents.Count - 1;
        }

        state.Consents[index] = state.Consents[index] with { Decision = decision, DecidedAt = clock.GetUtcNow(), DecidedBy = CallerContext.Current };
        if (decision == ConsentDecision.Granted)
        {
            Log("consent_granted", partyId);
            Settle("consents_complete");
        }
        else
        {
            Log("consent_refused", partyId);
            await Close(TransferStatus.Cancelled, "consent_refused", $"Party {partyId} refused its consent.");
        }
        await transfer.WriteStateAsync();
        if (decision == ConsentDecision.Refused) await this.Done(ExpiryReminder);
        return View();
    }

    /// <summary>The consent <paramref name="partyId"/> owes as the patents stand now, or null if it has no say.</summary>
    private async Task<TransferConsent?> LateConsent(string partyId)
    {
        var facts = new List<Patents.PatentTransferFacts>();
        foreach (var number in transfer.State.Patents) facts.Add(await Patent(number).TransferFacts());
        return TransferRules.ConsentsFor(facts, transfer.State.SellerId).FirstOrDefault(c => c.PartyId == partyId);
    }
}
