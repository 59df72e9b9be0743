// Payouts (§9) in the console: which actions a payout offers, and the offline confirmation's checks before sending.
export type PayoutAction = 'confirm' | 'cancel';

/** Only an offline payout waiting for its bank transfer can be confirmed or cancelled; the rest are settled or Stripe's. */
export function payoutActions(status: string): PayoutAction[] {
  return status === 'awaiting_bank_transfer' ? ['confirm', 'cancel'] : [];
}

/** The payouts that wait for the operator, first; then newest first (the server's order) for the rest. */
export function waitingFirst<T extends { status: string; createdAt: string }>(items: T[]): T[] {
  return [...items].sort((a, b) => Number(b.status === 'awaiting_bank_transfer') - Number(a.status === 'awaiting_bank_transfer')
    || b.createdAt.localeCompare(a.createdAt));
}
