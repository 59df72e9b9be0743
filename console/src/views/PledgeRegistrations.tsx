import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, Modal, Table, Typography, message } from 'antd';
import dayjs from 'dayjs';
import { api, call, type Schema } from '../api/client';
import { LoadError, showProblem, useLoad, usePartyNames } from '../components';
import { useI18n } from '../i18n';
import { fmt } from '../lib/money';
import { allPages } from '../lib/pages';
import { approvedOn, daysWaiting, isRegistrationNumber } from '../lib/pledges';
import { beijingToday } from '../lib/quarters';
import { pledgeMessages } from './pledgeMessages';

type Deal = Schema<'PledgeDealView'>;

/**
 * The operator home's list of pledge deals naming this center to file their CNIPA registration and still waiting on it
 * (GET /operating-centers/{me}/pledges?status=approved, every page), with the form that records a registration.
 */
export function PledgeRegistrations({ centerId }: { centerId: string }) {
  const { lang } = useI18n();
  const m = pledgeMessages[lang];
  const partyName = usePartyNames(true);
  const deals = useLoad(() => allPages((cursor) => call(api.GET('/api/v1/operating-centers/{id}/pledges', {
    params: { path: { id: centerId }, query: { status: 'approved', cursor, limit: '100' } },
  }))), [centerId]);
  const [recording, setRecording] = useState<Deal | null>(null);
  const today = beijingToday();
  const items = deals.data ?? [];
  return (
    <Card title={`${m.waitingRegistrations} (${items.length})`} style={{ marginTop: 16 }} data-testid="home-pledge-registrations">
      <Typography.Paragraph type="secondary">{m.help}</Typography.Paragraph>
      <LoadError error={deals.error} />
      <Table rowKey="id" size="small" pagination={false} loading={deals.loading} dataSource={items} locale={{ emptyText: m.none }}
        columns={[
          { title: m.deal, dataIndex: 'id' },
          { title: m.pledgor, render: (_, d) => partyName(d.pledgorId) },
          { title: m.financier, render: (_, d) => partyName(d.financierId) },
          { title: m.patents, render: (_, d) => d.patents.map((p) => p.number).join(', ') },
          { title: m.principal, render: (_, d) => fmt(d.principal) },
          { title: m.approvedOn, render: (_, d) => approvedOn(d.history) ?? '—' },
          { title: m.waiting, render: (_, d) => { const n = daysWaiting(d.history, today); return n == null ? '—' : m.days(n); } },
          { title: '', render: (_, d) => <Button size="small" type="primary" data-testid={`register-${d.id}`} onClick={() => setRecording(d)}>{m.record}</Button> },
        ]} />
      {recording && <RegistrationModal deal={recording} onClose={(done) => { setRecording(null); if (done) deals.reload(); }} />}
    </Card>
  );
}

/** Registration number and day; a refusal shows the server's detail under the field it names (registrationNumber, registeredOn). */
function RegistrationModal({ deal, onClose }: { deal: Deal; onClose: (done: boolean) => void }) {
  const { lang } = useI18n();
  const m = pledgeMessages[lang];
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (v: { registrationNumber: string; registeredOn?: dayjs.Dayjs }) => {
    setBusy(true); setError(null);
    try {
      // Recording a registration moves no money, so it takes no Idempotency-Key; a repeat is refused as a step out of order.
      await call(api.POST('/api/v1/pledges/{id}/register', { params: { path: { id: deal.id } },
        body: { registrationNumber: v.registrationNumber.trim(), registeredOn: v.registeredOn?.format('YYYY-MM-DD') } }));
      message.success(m.recorded);
      onClose(true);
    } catch (e) {
      setError(showProblem(form, e, ['registrationNumber', 'registeredOn']));
    } finally { setBusy(false); }
  };
  return (
    <Modal open title={`${m.recordTitle} · ${deal.id} · ${fmt(deal.principal)}`} onCancel={() => onClose(false)} onOk={() => form.submit()}
      confirmLoading={busy} okButtonProps={{ 'data-testid': 'registration-submit' } as never}>
      {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} data-testid="registration-error" />}
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ registeredOn: dayjs(beijingToday()) }}>
        <Form.Item name="registrationNumber" label={m.registrationNumber} extra={m.registrationNumberHelp}
          rules={[{ required: true, message: m.badNumber }, { validator: async (_, v) => { if (v && !isRegistrationNumber(v)) throw new Error(m.badNumber); } }]}>
          <Input data-testid="registration-number" />
        </Form.Item>
        <Form.Item name="registeredOn" label={m.registeredOn} rules={[{ required: true }]}>
          <DatePicker data-testid="registration-date" style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
