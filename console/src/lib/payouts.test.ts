import { describe, expect, it } from 'vitest';
import { payoutActions, waitingFirst } from './payouts';

describe('payoutActions', () => {
  it('offers confirmation and cancellation only while the bank transfer is awaited', () => {
    expect(payoutActions('awaiting_bank_transfer')).toEqual(['confirm', 'cancel']);
    for (const s of ['paid', 'cancelled', 'in_flight', 'failed']) expect(payoutActions(s)).toEqual([]);
  });
});

describe('waitingFirst', () => {
  it('lists the payouts waiting on the operator first, each group newest first', () => {
    const sorted = waitingFirst([
      { id: 'a', status: 'paid', createdAt: '2026-03-01T00:00:00Z' },
      { id: 'b', status: 'awaiting_bank_transfer', createdAt: '2026-01-01T00:00:00Z' },
      { id: 'c', status: 'paid', createdAt: '2026-04-01T00:00:00Z' },
      { id: 'd', status: 'awaiting_bank_transfer', createdAt: '2026-02-01T00:00:00Z' },
    ]);
    expect(sorted.map((p) => p.id)).toEqual(['d', 'b', 'c', 'a']);
  });
});
