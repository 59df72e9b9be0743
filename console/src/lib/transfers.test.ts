import { describe, expect, it } from 'vitest';
import { boardColumns, columnOf, isOpen, whoMustAct } from './transfers';

describe('transfers board', () => {
  it('names who must act in each open state', () => {
    expect(whoMustAct('awaiting_consents')).toBe('consenting_parties');
    expect(whoMustAct('awaiting_payment')).toBe('buyer');
    expect(whoMustAct('awaiting_recordation')).toBe('center');
    expect(whoMustAct('completed')).toBe('none');
  });
  it('puts every status in a column', () => {
    for (const s of ['awaiting_consents', 'awaiting_export_clearance', 'awaiting_payment', 'awaiting_recordation', 'completed', 'cancelled', 'expired'])
      expect(boardColumns).toContain(columnOf(s));
    expect(isOpen('cancelled')).toBe(false);
    expect(isOpen('awaiting_export_clearance')).toBe(true);
  });
});
