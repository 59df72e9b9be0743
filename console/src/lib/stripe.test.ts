import { describe, expect, it } from 'vitest';
import { cardPayment, confirmationOutcome } from './stripe';

describe('cardPayment', () => {
  it('is ready with a publishable key and off without one', () => {
    expect(cardPayment('pk_test_51Abc')).toEqual({ state: 'ready', publishableKey: 'pk_test_51Abc' });
    expect(cardPayment(null)).toEqual({ state: 'not_configured' });
    expect(cardPayment('')).toEqual({ state: 'not_configured' });
    // A secret key must never reach the browser, and is not taken for a publishable one.
    expect(cardPayment('sk_test_51Abc')).toEqual({ state: 'not_configured' });
  });
});

describe('confirmationOutcome', () => {
  it('reads Stripe.js answers', () => {
    expect(confirmationOutcome({ paymentIntent: { status: 'succeeded' } })).toEqual({ ok: true, status: 'succeeded' });
    expect(confirmationOutcome({ paymentIntent: { status: 'processing' } })).toEqual({ ok: true, status: 'processing' });
    expect(confirmationOutcome({ error: { message: 'Your card was declined.' } })).toEqual({ ok: false, status: 'failed', message: 'Your card was declined.' });
  });
});
