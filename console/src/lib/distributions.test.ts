import { describe, expect, it } from 'vitest';
import { licensorBars, periodLabel, revenueByPeriod, statementFileName, toMajor } from './distributions';

const m = (amount: number, currency = 'CNY') => ({ amount, currency });

describe('periodLabel', () => {
  it('names quarters, half-years and years; anything else by its dates', () => {
    expect(periodLabel('2026-01-01', '2026-04-01')).toBe('2026-Q1');
    expect(periodLabel('2026-10-01', '2027-01-01')).toBe('2026-Q4');
    expect(periodLabel('2026-07-01', '2027-01-01')).toBe('2026-H2');
    expect(periodLabel('2026-01-01', '2027-01-01')).toBe('2026');
    expect(periodLabel('2026-02-01', '2026-05-01')).toBe('2026-02-01 – 2026-05-01');
  });
});

describe('licensorBars', () => {
  it('puts the largest share first and keeps payable and escrowed apart', () => {
    const bars = licensorBars([
      { licensorId: 'pty_a', share: m(425_000), payable: m(425_000), escrowed: m(0) },
      { licensorId: 'pty_b', share: m(1_275_000), payable: m(1_000_000), escrowed: m(275_000) },
    ], (id) => id.toUpperCase());
    expect(bars.map((b) => b.label)).toEqual(['PTY_B', 'PTY_A']);
    expect(bars[0]).toMatchObject({ payable: 1_000_000, escrowed: 275_000, share: 1_275_000 });
  });
});

describe('revenueByPeriod', () => {
  it('adds a supplement to its period and sorts oldest first', () => {
    const rows = revenueByPeriod([
      { periodStart: '2026-04-01', periodEnd: '2026-07-01', total: { share: m(30_000) } },
      { periodStart: '2026-01-01', periodEnd: '2026-04-01', total: { share: m(10_000) } },
      { periodStart: '2026-01-01', periodEnd: '2026-04-01', total: { share: m(2_345) } },
    ]);
    expect(rows.map((r) => [r.period, r.amount])).toEqual([['2026-Q1', 12_345], ['2026-Q2', 30_000]]);
  });
  it('keeps currencies apart', () => {
    const rows = revenueByPeriod([
      { periodStart: '2026-01-01', periodEnd: '2026-04-01', total: { share: m(1, 'USD') } },
      { periodStart: '2026-01-01', periodEnd: '2026-04-01', total: { share: m(2, 'CNY') } },
    ]);
    expect(rows.map((r) => r.currency)).toEqual(['CNY', 'USD']);
  });
});

describe('statement files and chart values', () => {
  it('names the CSV after pool, distribution and licensor', () => {
    expect(statementFileName('pool_1', '2026-01-01_2026-04-01', 'pty_a')).toBe('statement_pool_1_2026-01-01_2026-04-01_pty_a.csv');
  });
  it('turns minor units into major ones without float drift', () => {
    expect(toMajor(123_456_789, 'CNY')).toBe(1_234_567.89);
    expect(toMajor(500, 'JPY')).toBe(500);
  });
});
