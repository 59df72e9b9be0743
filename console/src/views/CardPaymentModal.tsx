import { useEffect, useRef, useState } from 'react';
import { Alert, Modal, Spin } from 'antd';
import type { Stripe, StripeElements } from '@stripe/stripe-js';
import { api, call, useIdempotencyKey } from '../api/client';
import { useLoad } from '../components';
import { useI18n } from '../i18n';
import { fmt, type Money } from '../lib/money';
import { cardPayment, confirmationOutcome } from '../lib/stripe';

/**
 * A licensee pays an invoice by card: the server opens a PaymentIntent for exactly the invoice's amount, Stripe.js
 * (loaded only now, from the pure entry, so no page loads Stripe before a payment) shows its Payment Element and confirms
 * it; Stripe's webhook then settles the invoice. Without a publishable key the dialog says card payment is not configured.
 */
export function CardPaymentModal({ invoice, onClose }: { invoice: { id: string; amount: Money } | null; onClose: (paid: boolean) => void }) {
  const { t } = useI18n();
  const config = useLoad(() => call(api.GET('/api/v1/payments/config')), []);
  const mount = useRef<HTMLDivElement>(null);
  const stripe = useRef<{ stripe: Stripe; elements: StripeElements } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [ready, setReady] = useState(false);
  const idem = useIdempotencyKey();
  const card = cardPayment(config.data?.stripePublishableKey);
  useEffect(() => {
    if (!invoice || card.state !== 'ready') return;
    let live = true;
    (async () => {
      try {
        const intent = await call(api.POST('/api/v1/invoices/{id}/payment-intents', { params: { path: { id: invoice.id }, header: { 'Idempotency-Key': idem.key() } } }));
        idem.answered();
        const { loadStripe } = await import('@stripe/stripe-js/pure');
        const s = await loadStripe(card.publishableKey);
        if (!s || !live) return;
        const elements = s.elements({ clientSecret: intent.clientSecret });
        elements.create('payment').mount(mount.current!);
        stripe.current = { stripe: s, elements };
        setReady(true);
      } catch (e) { idem.answered(e); if (live) setError(e instanceof Error ? e.message : String(e)); }
    })();
    return () => { live = false; };
  }, [invoice?.id, card.state]);
  if (!invoice) return null;
  const confirm = async () => {
    if (!stripe.current) return;
    setBusy(true); setError(null);
    const outcome = confirmationOutcome(await stripe.current.stripe.confirmPayment({ elements: stripe.current.elements, redirect: 'if_required' }));
    setBusy(false);
    if (outcome.ok) onClose(true); else setError(outcome.message ?? outcome.status);
  };
  return (
    <Modal open title={`${t.payByCard} · ${invoice.id} · ${fmt(invoice.amount)}`} onCancel={() => onClose(false)} onOk={confirm}
      confirmLoading={busy} okButtonProps={{ disabled: !ready, 'data-testid': 'card-pay-submit' } as never}>
      {config.loading ? <Spin /> : card.state === 'not_configured'
        ? <Alert type="info" showIcon message={t.cardNotConfigured} data-testid="card-not-configured" />
        : <>
          {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} data-testid="card-error" />}
          {!ready && !error && <Spin />}
          <div ref={mount} data-testid="card-element" />
        </>}
    </Modal>
  );
}
