import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Select, Table, message } from 'antd';
import { api, call } from '../api/client';
import { Chart, LoadError, StatusTag, showProblem, useLoad } from '../components';
import { useI18n } from '../i18n';
import { fmt } from '../lib/money';
import { hasRole, useMe } from '../session-context';
import { navigate } from '../lib/router';

/** A patent: facts, valuation history (chart) and, for its operator, admission to one of its pools. */
export function PatentDetail({ number }: { number: string }) {
  const { t } = useI18n();
  const me = useMe();
  const patent = useLoad(() => call(api.GET('/api/v1/patents/{number}', { params: { path: { number } } })), [number]);
  const p = patent.data;
  const history = [...(p?.valuations ?? [])].sort((a, b) => a.effectiveDate.localeCompare(b.effectiveDate));
  return (
    <>
      <LoadError error={patent.error} />
      {p && (
        <Card title={`${p.number} · ${p.title}`} extra={<StatusTag status={p.status} />}>
          <Descriptions size="small" column={3} items={[
            { label: t.type, children: t.types[p.type] ?? p.type },
            { label: t.ipc, children: p.ipc.join(', ') },
            { label: t.owners, children: p.ownerIds.join(', ') },
            { label: t.filingDate, children: p.filingDate },
            { label: t.grantDate, children: p.grantDate ?? '—' },
            { label: t.currentValue, children: fmt(p.currentValuation?.value) },
            { label: t.pools, children: p.pools.map((m) => m.poolId).join(', ') || '—' },
          ]} />
        </Card>
      )}
      {p && hasRole(me, 'operator') && <AdmitToPool number={p.number} onDone={patent.reload} />}
      {p && (
        <Card title={t.valuationHistory} style={{ marginTop: 16 }}>
          <Chart testId="valuation-chart" height={260} option={{
            tooltip: { trigger: 'axis' },
            xAxis: { type: 'category', data: history.map((v) => v.effectiveDate) },
            yAxis: { type: 'value', name: history[0]?.value.currency ?? 'CNY' },
            series: [{ type: 'line', step: 'end', data: history.map((v) => (v.value.amount ?? 0) / 100) }],
          }} />
          <Table rowKey="id" size="small" pagination={false} dataSource={history}
            columns={[
              { title: t.effectiveDate, dataIndex: 'effectiveDate' },
              { title: t.amount, render: (_, v) => fmt(v.value) },
              { title: t.method, dataIndex: 'method', render: (m: string) => t.methods[m] ?? m },
              { title: 'Appraiser', dataIndex: 'appraiserId' },
            ]} />
        </Card>
      )}
    </>
  );
}

function AdmitToPool({ number, onDone }: { number: string; onDone: () => void }) {
  const { t } = useI18n();
  const me = useMe();
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const pools = useLoad(async () => (await call(api.GET('/api/v1/pools'))).items.filter((p) => me.partyId == null || p.administratorId === me.partyId), []);
  const submit = async ({ poolId }: { poolId: string }) => {
    try {
      await call(api.POST('/api/v1/pools/{id}/patents', { params: { path: { id: poolId } }, body: { number } as never }));
      message.success(t.admitted);
      onDone();
      navigate(`/pools/${poolId}`);
    } catch (e) { setError(showProblem(form, e, ['number', 'essentialityOpinion'])); }
  };
  return (
    <Card title={t.admitToPool} style={{ marginTop: 16 }}>
      {error && <Alert type="error" message={error} style={{ marginBottom: 12 }} data-testid="admit-error" />}
      <Form form={form} layout="inline" onFinish={submit}>
        <Form.Item name="poolId" rules={[{ required: true }]} style={{ width: 360 }}>
          <Select placeholder={t.pool} data-testid="admit-pool" options={(pools.data ?? []).map((p) => ({ value: p.id, label: p.name }))} />
        </Form.Item>
        <Form.Item name="number" hidden><input /></Form.Item>
        <Button type="primary" htmlType="submit" data-testid="admit-submit">{t.admitToPool}</Button>
      </Form>
    </Card>
  );
}
