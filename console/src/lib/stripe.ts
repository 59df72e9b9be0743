// Card payment of an invoice through Stripe.js: only with a publishable key the market configured (Market:Stripe:PublishableKey).
export type CardPayment = { state: 'ready'; publishableKey: string } | { state: 'not_configured' };

/** A publishable key (pk_test_… / pk_live_…) turns card payment on; anything else (none, a secret key by mistake) leaves it off. */
export function cardPayment(publishableKey: string | null | undefined): CardPayment {
  const key = (publishableKey ?? '').trim();
  return /^pk_(test|live)_[A-Za-z0-9]+$/.test(key) ? { state: 'ready', publishableKey: key } : { state: 'not_configured' };
}

/** What Stripe's confirmation answered, for the user: paid (the webhook settles the invoice), still processing, or its error text. */
export function confirmationOutcome(result: { error?: { message?: string }; paymentIntent?: { status: string } }):
  { ok: boolean; status: string; message?: string } {
  if (result.error) return { ok: false, status: 'failed', message: result.error.message ?? 'card declined' };
  const status = result.paymentIntent?.status ?? 'processing';
  return { ok: status === 'succeeded' || status === 'processing', status };
}
