import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Table, message } from 'antd';
import dayjs from 'dayjs';
import { api, call, useIdempotencyKey, type Schema } from '../api/client';
import { LoadError, StatusTag, showProblem, useLoad, usePartyNames } from '../components';
import { useI18n } from '../i18n';
import { fmt } from '../lib/money';
import { payoutActions } from '../lib/payouts';
import { CursorTrail } from '../lib/pages';
import { beijingToday } from '../lib/quarters';

type Payout = Schema<'PayoutResponse'>;
const statuses = ['awaiting_bank_transfer', 'paid', 'cancelled', 'in_flight', 'failed'] as const;

/**
 * The operator's payouts (those its center ordered), a server page at a time, newest first: confirm an offline bank
 * transfer (reference, day) or cancel it. `status` narrows on the server, so "awaiting bank transfer" is the worklist.
 */
export function Payouts() {
  const { t } = useI18n();
  const [status, setStatus] = useState<string | undefined>(undefined);
  const [trail, setTrail] = useState(new CursorTrail());
  const cursor = trail.current;
  const payouts = useLoad(() => call(api.GET('/api/v1/payouts', { params: { query: { status, cursor, limit: '20' } } })), [status, cursor]);
  const partyName = usePartyNames(true);
  const [acting, setActing] = useState<{ payout: Payout; action: 'confirm' | 'cancel' } | null>(null);
  return (
    <Card title={t.payouts} extra={<Space>
      <Select allowClear placeholder={t.status} style={{ width: 200 }} value={status} onChange={(s) => { setStatus(s); setTrail(trail.first()); }} data-testid="payout-status"
        options={statuses.map((s) => ({ value: s, label: t.statuses[s] ?? s }))} />
      <Button onClick={payouts.reload}>{t.refresh}</Button>
    </Space>}>
      <LoadError error={payouts.error} />
      <PayoutTable items={payouts.data?.items ?? []} loading={payouts.loading} partyName={partyName} onAct={(payout, action) => setActing({ payout, action })} pageSize={0} />
      <Space style={{ marginTop: 12 }}>
        <Button disabled={!trail.hasPrevious} onClick={() => setTrail(trail.first())}>{t.first}</Button>
        <Button disabled={!trail.hasPrevious} onClick={() => setTrail(trail.previous())}>{t.previous}</Button>
        <Button disabled={!payouts.data?.nextCursor} data-testid="payouts-next" onClick={() => setTrail(trail.next(payouts.data!.nextCursor!))}>{t.next}</Button>
      </Space>
      {acting && <PayoutActionModal {...acting} onClose={(done) => { setActing(null); if (done) payouts.reload(); }} />}
    </Card>
  );
}

/** `pageSize` 0: the items are one server page already (no client paging); otherwise the table pages them itself. */
export function PayoutTable({ items, loading, partyName, onAct, pageSize = 10 }: {
  items: Payout[]; loading: boolean; partyName?: (id: string) => string; onAct?: (p: Payout, action: 'confirm' | 'cancel') => void; pageSize?: number;
}) {
  const showHolder = partyName != null;
  const { t } = useI18n();
  return (
    <Table rowKey="payoutId" size="small" loading={loading} dataSource={items} data-testid="payout-table" pagination={pageSize ? { pageSize } : false} columns={[
      { title: t.payouts, dataIndex: 'payoutId' },
      ...(showHolder ? [{ title: t.holder, render: (_: unknown, p: Payout) => partyName!(p.licensorId) }] : []),
      { title: t.amount, render: (_, p) => fmt(p.amount) },
      { title: t.provider, dataIndex: 'provider' },
      { title: t.status, dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
      // The reference the market put on the transfer order, and the bank's own once the operator confirmed it.
      { title: t.reference, render: (_, p) => p.bankReference ?? '—' },
      { title: t.bankReference, render: (_, p) => p.settlement?.bankReference ?? '—' },
      { title: t.paidOn, render: (_, p) => p.settlement?.paidOn ?? (p.completedAt ? p.completedAt.slice(0, 10) : '—') },
      { title: t.createdAt, render: (_, p) => p.createdAt.slice(0, 10) },
      ...(onAct ? [{ title: '', render: (_: unknown, p: Payout) => <Space>
        {payoutActions(p.status).map((a) => <Button key={a} size="small" type={a === 'confirm' ? 'primary' : 'default'} danger={a === 'cancel'}
          data-testid={`payout-${a}-${p.payoutId}`} onClick={() => onAct(p, a)}>{a === 'confirm' ? t.confirmTransfer : t.cancelPayout}</Button>)}
      </Space> }] : []),
    ]} />
  );
}

/** Confirmation (bank reference, day the transfer left) or cancellation (reason); the refused field shows the server's detail. */
function PayoutActionModal({ payout, action, onClose }: { payout: Payout; action: 'confirm' | 'cancel'; onClose: (done: boolean) => void }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const idem = useIdempotencyKey();
  const submit = async (v: { bankReference?: string; paidOn?: dayjs.Dayjs; reason?: string }) => {
    setBusy(true); setError(null);
    try {
      const header = { 'Idempotency-Key': idem.key() };
      if (action === 'confirm')
        await call(api.POST('/api/v1/payouts/{id}/confirmation', { params: { path: { id: payout.payoutId }, header },
          body: { bankReference: v.bankReference ?? '', paidOn: v.paidOn?.format('YYYY-MM-DD') ?? '' } }));
      else
        await call(api.POST('/api/v1/payouts/{id}/cancellation', { params: { path: { id: payout.payoutId }, header }, body: { reason: v.reason ?? '' } }));
      idem.answered();
      message.success(action === 'confirm' ? t.payoutConfirmed : t.payoutCancelled);
      onClose(true);
    } catch (e) {
      idem.answered(e);
      setError(showProblem(form, e, ['bankReference', 'paidOn', 'reason']));
    } finally { setBusy(false); }
  };
  return (
    <Modal open title={`${action === 'confirm' ? t.confirmTransfer : t.cancelPayout} · ${payout.payoutId} · ${fmt(payout.amount)}`}
      onCancel={() => onClose(false)} onOk={() => form.submit()} confirmLoading={busy} okButtonProps={{ 'data-testid': 'payout-submit' } as never}>
      {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} data-testid="payout-error" />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ paidOn: dayjs(beijingToday()) }}>
        {action === 'confirm' ? <>
          <Form.Item name="bankReference" label={t.bankReference} rules={[{ required: true }]}><Input data-testid="payout-reference" /></Form.Item>
          <Form.Item name="paidOn" label={t.paidOn} rules={[{ required: true }]}><DatePicker data-testid="payout-paid-on" style={{ width: '100%' }} /></Form.Item>
        </> : <Form.Item name="reason" label={t.reason} rules={[{ required: true }]}><Input.TextArea data-testid="payout-reason" rows={2} /></Form.Item>}
      </Form>
    </Modal>
  );
}
