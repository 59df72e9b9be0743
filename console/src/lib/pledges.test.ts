import { describe, expect, it } from 'vitest';
import { approvedOn, daysWaiting, isRegistrationNumber } from './pledges';

describe('isRegistrationNumber', () => {
  it('takes 6 to 40 letters, digits or hyphens, as the server does', () => {
    expect(isRegistrationNumber('Y2026980000123')).toBe(true);
    expect(isRegistrationNumber('  Y-20269  ')).toBe(true); // trimmed, as the server trims
    expect(isRegistrationNumber('Y2026')).toBe(false); // 5 characters
    expect(isRegistrationNumber('Y2026/98')).toBe(false);
    expect(isRegistrationNumber('质押登记123456')).toBe(false);
    expect(isRegistrationNumber('A'.repeat(41))).toBe(false);
  });
});

describe('approvedOn and daysWaiting', () => {
  const history = [
    { action: 'applied', at: '2026-11-20T02:00:00Z' },
    { action: 'appraised', at: '2026-11-25T02:00:00Z' },
    // 17:30 UTC is 01:30 the next day in Beijing: the market day of the approval is 2026-11-28.
    { action: 'approved', at: '2026-11-27T17:30:00Z' },
  ];
  it('reads the approval day in China time from the history', () => {
    expect(approvedOn(history)).toBe('2026-11-28');
    expect(approvedOn(history.slice(0, 2))).toBeNull();
  });
  it('counts the days since the approval', () => {
    expect(daysWaiting(history, '2026-12-02')).toBe(4);
    expect(daysWaiting(history, '2026-11-28')).toBe(0);
    expect(daysWaiting(history.slice(0, 1), '2026-12-02')).toBeNull();
  });
});
