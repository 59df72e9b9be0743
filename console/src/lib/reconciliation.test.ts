import { describe, expect, it } from 'vitest';
import { paymentMatch, reconcile, type InvoiceLike } from './reconciliation';

const inv = (id: string, period: string, status: string, amount: number, extra: Partial<InvoiceLike> = {}): InvoiceLike =>
  ({ id, period, status, amount: { amount, currency: 'CNY' }, dueOn: '2026-05-01', ...extra });

describe('reconcile', () => {
  it('adds invoiced, paid and outstanding per quarter and subtracts what was distributed', () => {
    const rows = reconcile([
      inv('i1', '2026-Q1', 'paid', 100_00, { paymentReference: 'CMB-1' }),
      inv('i2', '2026-Q1', 'overdue', 40_00),
      inv('i3', '2026-Q2', 'open', 70_00),
      inv('i4', '2026-Q1', 'paid', 60_00, { paymentReference: 'CMB-2' }),
    ], [{ collections: [{ period: '2026-Q1', amount: { amount: 150_00, currency: 'CNY' } }] },
        { supplement: 1, collections: [{ period: '2026-Q1', amount: { amount: 5_00, currency: 'CNY' } }] }]);
    expect(rows.map((r) => r.period)).toEqual(['2026-Q2', '2026-Q1']);
    expect(rows[1]).toMatchObject({ invoices: 3, invoiced: 200_00, paid: 160_00, outstanding: 40_00, overdue: 1, distributed: 155_00, undistributed: 5_00 });
    expect(rows[0]).toMatchObject({ invoices: 1, invoiced: 70_00, paid: 0, outstanding: 70_00, overdue: 0, distributed: 0 });
  });
  it('keeps a quarter distributed without invoices here (another licence or an import) visible', () => {
    const rows = reconcile([], [{ collections: [{ period: '2025-Q4', amount: { amount: 9, currency: 'CNY' } }] }]);
    expect(rows).toEqual([expect.objectContaining({ period: '2025-Q4', distributed: 9, undistributed: -9 })]);
  });
});

describe('paymentMatch', () => {
  it('tells matched, unpaid and reversed payments apart', () => {
    expect(paymentMatch(inv('a', '2026-Q1', 'paid', 1, { paymentReference: 'CMB-1' }))).toBe('matched');
    expect(paymentMatch(inv('b', '2026-Q1', 'open', 1))).toBe('unpaid');
    expect(paymentMatch(inv('c', '2026-Q1', 'open', 1, { reversals: [{}] }))).toBe('reversed');
  });
});
