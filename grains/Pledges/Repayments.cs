using PatentNav.Market.Grains.Common;

namespace PatentNav.Market.Grains.Pledges;

/// <summary>How one repayment was applied, and the balance after it.</summary>
[GenerateSerializer]
[Immutable]
public sealed record RepaymentSplit(long Interest, long Principal, LoanBalance After);

/// <summary>
/// Applies a repayment (§8): the accrual is posted first (interest is posted at repayment), then the
/// money pays interest (posted unpaid, which now includes everything accrued) and only then principal.
/// Interest first is the PRC lending convention and keeps unpaid interest from compounding unseen.
/// <para>
/// An amount above the payoff is refused (422 <c>overpayment</c>, the message states the payoff)
/// rather than split into an excess: the ledger (§9) has no borrower-credit account, a refund would
/// be a second money movement under the same idempotency key, and the payer can always send the
/// exact payoff. Hence no repayment ever drives principal below zero.
/// </para>
/// </summary>
public static class Repayments
{
    /// <summary>A repayment is in the loan's currency, spelled exactly (<c>cny</c> is not <c>CNY</c>): never booked as another.</summary>
    public static void RequireLoanCurrency(Money amount, string loanCurrency)
    {
        if (!Currencies.IsKnown(amount.Currency))
            throw DomainException.Invalid("unknown_currency", "amount.currency", $"'{amount.Currency}' is not a supported ISO 4217 currency code; this loan is repaid in {loanCurrency}.");
        if (amount.Currency != loanCurrency)
            throw DomainException.Unprocessable(PledgeCodes.CurrencyMismatch, $"This loan is repaid in {loanCurrency}, not {amount.Currency}.", "amount.currency");
    }

    public static RepaymentSplit Apply(LoanBalance balance, long amount, string currency)
    {
        if (amount <= 0) throw DomainException.Invalid("invalid_amount", "amount.amount", "A repayment must be positive.");
        var posted = balance.PostInterest();
        var payoff = checked(posted.Principal + posted.InterestDue);
        if (amount > payoff)
        {
            var exponent = Currencies.MinorUnitExponent(currency);
            throw DomainException.Unprocessable(PledgeCodes.Overpayment,
                $"The repayment {Rational.Format(amount, currency, exponent)} exceeds the payoff " +
                $"{Rational.Format(payoff, currency, exponent)} ({payoff} minor units: principal {posted.Principal}, interest {posted.InterestDue}).",
                "amount.amount");
        }
        var interest = Math.Min(amount, posted.InterestDue);
        var principal = amount - interest;
        var after = posted with { InterestDue = posted.InterestDue - interest, Principal = posted.Principal - principal };
        return new RepaymentSplit(interest, principal, after);
    }
}
