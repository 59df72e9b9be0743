// Payouts (§9) in the console: which actions a payout offers, and the offline confirmation's checks before sending.
export type PayoutAction = 'confirm' | 'cancel';

/** Only an offline payout waiting for its bank transfer can be confirmed or cancelled; the rest are settled or Stripe's. */
export function payoutActions(status: string): PayoutAction[] {
  return status === 'awaiting_bank_transfer' ? ['confirm', 'cancel'] : [];
}
