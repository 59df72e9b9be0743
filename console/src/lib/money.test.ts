import { describe, expect, it } from 'vitest';
import { formatBps, formatMoney, fmt, parseMajor } from './money';

describe('money', () => {
  it('formats CNY fen as yuan with two decimals and grouping', () => {
    expect(formatMoney(123456789, 'CNY')).toBe('¥1,234,567.89');
    expect(formatMoney(5, 'CNY')).toBe('¥0.05');
    expect(formatMoney(-100, 'USD')).toBe('-$1.00');
  });
  it('formats zero-decimal currencies and unknown codes', () => {
    expect(formatMoney(1500, 'JPY')).toBe('¥1,500');
    expect(formatMoney(1050, 'CHF')).toBe('CHF 10.50');
  });
  it('shows a dash for missing money', () => {
    expect(fmt(null)).toBe('—');
    expect(fmt({ amount: 250, currency: 'CNY' })).toBe('¥2.50');
  });
  it('parses typed major amounts into minor units exactly', () => {
    expect(parseMajor('12,345.67', 'CNY')).toBe(1234567);
    expect(parseMajor('¥ 10', 'CNY')).toBe(1000);
    expect(parseMajor('0.1', 'CNY')).toBe(10);
    expect(parseMajor('1.005', 'CNY')).toBeNull();
    expect(parseMajor('abc', 'CNY')).toBeNull();
    // 0.1 + 0.2 style float error must not appear: 19.99 is 1999 fen.
    expect(parseMajor('19.99', 'CNY')).toBe(1999);
  });
  it('formats basis points as percent', () => {
    expect(formatBps(6543)).toBe('65.43 %');
    expect(formatBps(null)).toBe('—');
  });
});
