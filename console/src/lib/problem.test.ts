import { describe, expect, it } from 'vitest';
import { fieldErrors, jsonPathToName } from './problem';

describe('problems on forms', () => {
  it('turns JSON paths into form names', () => {
    expect(jsonPathToName('categories[0].tiers[2].ratePerUnit')).toEqual(['categories', 0, 'tiers', 2, 'ratePerUnit']);
    expect(jsonPathToName('amount.amount')).toEqual(['amount', 'amount']);
  });
  it('shows the detail next to the one field a problem names', () => {
    const r = fieldErrors({ status: 409, code: 'bank_reference_used', detail: 'Bank reference X settled inv_1.', errors: { bankReference: ['Used.'] } }, ['bankReference', 'amount']);
    expect(r.fields).toEqual([{ name: ['bankReference'], errors: ['Bank reference X settled inv_1.'] }]);
    expect(r.rest).toBeNull();
  });
  it('maps a nested path to the form field that holds it', () => {
    const r = fieldErrors({ status: 400, detail: 'Unknown currency', errors: { 'amount.currency': ['Unknown.'] } }, ['amount']);
    expect(r.fields[0].name).toEqual(['amount']);
  });
  it('keeps each message when several fields are named, and returns what no field shows', () => {
    const r = fieldErrors({ status: 400, code: 'validation_failed', detail: 'Invalid', errors: { period: ['Required.'], units: ['Too many.'] } }, ['period', 'units']);
    expect(r.fields.map((f) => f.errors[0])).toEqual(['Required.', 'Too many.']);
    const none = fieldErrors({ status: 409, code: 'invoice_already_paid', detail: 'Paid on 2026-01-02.' }, ['bankReference']);
    expect(none.rest).toBe('Paid on 2026-01-02.');
  });
});
