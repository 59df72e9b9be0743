import { describe, expect, it } from 'vitest';
import { beijingToday, invoicedVsCollected, lastQuarters, previousQuarter, quarterOf } from './quarters';

describe('quarters', () => {
  it('takes today from Beijing time, not UTC', () => {
    // 16:30 UTC on 31 March is 00:30 on 1 April in Beijing: Q2 there.
    expect(beijingToday(new Date('2026-03-31T16:30:00Z'))).toBe('2026-04-01');
    expect(quarterOf(beijingToday(new Date('2026-03-31T16:30:00Z')))).toBe('2026-Q2');
    expect(beijingToday(new Date('2026-03-31T15:59:00Z'))).toBe('2026-03-31');
  });
  it('walks back across years', () => {
    expect(previousQuarter('2026-Q1')).toBe('2025-Q4');
    expect(lastQuarters('2026-Q2', 4)).toEqual(['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2']);
  });
  it('sums invoiced and collected per quarter, ignoring other quarters', () => {
    const rows = invoicedVsCollected([
      { period: '2026-Q1', status: 'paid', amount: { amount: 1000, currency: 'CNY' } },
      { period: '2026-Q1', status: 'open', amount: { amount: 500, currency: 'CNY' } },
      { period: '2026-Q2', status: 'overdue', amount: { amount: 70, currency: 'CNY' } },
      { period: '2024-Q1', status: 'paid', amount: { amount: 9, currency: 'CNY' } },
    ], ['2026-Q1', '2026-Q2']);
    expect(rows).toEqual([
      { quarter: '2026-Q1', invoiced: 1500, collected: 1000 },
      { quarter: '2026-Q2', invoiced: 70, collected: 0 },
    ]);
  });
});
