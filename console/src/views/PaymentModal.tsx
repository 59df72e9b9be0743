import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal, message } from 'antd';
import { api, call, useIdempotencyKey, type Schema } from '../api/client';
import { showProblem } from '../components';
import { useI18n } from '../i18n';
import { fmt, parseMajor } from '../lib/money';

/** An operator confirms that a licensee's bank transfer arrived (POST /invoices/{id}/payments). */
export function PaymentModal({ listing, onClose }: { listing: Schema<'InvoiceListing'> | null; onClose: (paid: boolean) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const idem = useIdempotencyKey();
  useEffect(() => {
    if (!listing) return;
    const { amount } = listing.invoice;
    form.setFieldsValue({ bankReference: '', amount: fmt(amount).replace(/^[^\d]+/, '') });
    setError(null);
  }, [listing]);
  if (!listing) return null;
  const currency = listing.invoice.amount.currency ?? 'CNY';
  const submit = async (v: { bankReference: string; amount: string }) => {
    const minor = parseMajor(v.amount, currency);
    if (minor == null) { form.setFields([{ name: 'amount', errors: ['¥ 0.00'] }]); return; }
    setBusy(true);
    try {
      await call(api.POST('/api/v1/invoices/{id}/payments', {
        params: { path: { id: listing.invoice.id }, header: { 'Idempotency-Key': idem.key() } },
        body: { bankReference: v.bankReference, amount: { amount: minor, currency } },
      }));
      idem.answered();
      message.success(t.paymentConfirmed);
      onClose(true);
    } catch (e) {
      idem.answered(e);
      setError(showProblem(form, e, ['bankReference', 'amount']));
    } finally { setBusy(false); }
  };
  return (
    <Modal open title={`${t.confirmPayment} · ${listing.invoice.id}`} onCancel={() => onClose(false)} onOk={() => form.submit()} confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'confirm-payment' } as never}>
      {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={submit}>
        <Form.Item name="bankReference" label={t.bankReference} rules={[{ required: true }]}><Input data-testid="bank-reference" /></Form.Item>
        <Form.Item name="amount" label={`${t.amount} (${currency})`} rules={[{ required: true }]}><Input data-testid="payment-amount" /></Form.Item>
      </Form>
    </Modal>
  );
}
