import { describe, expect, it } from 'vitest';
import { collateralOn, valuationSeries } from './valuations';

const v = (effectiveDate: string, amount: number, currency = 'CNY') => ({ effectiveDate, value: { amount, currency } });

describe('valuationSeries', () => {
  it('sorts each patent\'s valuations by date and drops other currencies', () => {
    const s = valuationSeries([{ number: 'A', valuations: [v('2026-06-01', 300), v('2025-06-01', 500), v('2026-01-01', 9, 'USD')] }], 'CNY');
    expect(s[0].points).toEqual([['2025-06-01', 500], ['2026-06-01', 300]]);
  });
});

describe('collateralOn', () => {
  it('adds each patent\'s value in force that day', () => {
    const s = valuationSeries([
      { number: 'A', valuations: [v('2025-06-01', 500), v('2026-06-01', 300)] },
      { number: 'B', valuations: [v('2026-01-01', 200)] },
    ], 'CNY');
    expect(collateralOn(s, '2025-12-31')).toBe(500);
    expect(collateralOn(s, '2026-01-01')).toBe(700);
    expect(collateralOn(s, '2026-07-01')).toBe(500);
    expect(collateralOn(s, '2025-01-01')).toBe(0);
  });
});
