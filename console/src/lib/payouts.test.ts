import { describe, expect, it } from 'vitest';
import { payoutActions } from './payouts';

describe('payoutActions', () => {
  it('offers confirmation and cancellation only while the bank transfer is awaited', () => {
    expect(payoutActions('awaiting_bank_transfer')).toEqual(['confirm', 'cancel']);
    for (const s of ['paid', 'cancelled', 'in_flight', 'failed']) expect(payoutActions(s)).toEqual([]);
  });
});
