import { useState } from 'react';
import { Alert, Button, Card, Col, Descriptions, Form, Input, InputNumber, Row, Select, Table, Tabs } from 'antd';
import { api, call, categoryCodes, type Schema } from '../api/client';
import { LoadError, showProblem, useLoad, usePartyNames } from '../components';
import { DistributionsTab } from './Distributions';
import { ReconciliationTab } from './Reconciliation';
import { useI18n } from '../i18n';
import { fmt, formatBps } from '../lib/money';
import { allInvoices, InvoiceTable } from './OperatorHome';
import { PaymentModal } from './PaymentModal';
import { hasRole, useMe } from '../session-context';

/** A pool: charter, members, patents, rate cards with a quote calculator, licensees; for its administrator invoices, reconciliation and distributions. */
export function PoolDetail({ id }: { id: string }) {
  const { t } = useI18n();
  const me = useMe();
  const pool = useLoad(() => call(api.GET('/api/v1/pools/{id}', { params: { path: { id } } })), [id]);
  const isAdmin = pool.data != null && hasRole(me, 'operator') && (me.partyId == null || pool.data.charter.administratorId === me.partyId);
  const invoices = useLoad(async () => isAdmin ? [...await allInvoices(undefined, id), ...await allInvoices('paid', id)] : [], [id, isAdmin]);
  const [paying, setPaying] = useState<Schema<'InvoiceListing'> | null>(null);
  const partyName = usePartyNames(isAdmin);
  const p = pool.data;
  return (
    <>
      <LoadError error={pool.error} />
      {p && (
        <Card title={p.charter.name} data-testid="pool-title">
          <Descriptions size="small" column={4} items={[
            { label: 'ID', children: p.id },
            { label: t.adminFee, children: formatBps(p.charter.adminFeeBps) },
            { label: t.category, children: categoryCodes(p.charter.productCategories).join(', ') },
            { label: t.members, children: p.members.length },
          ]} />
          <Tabs defaultActiveKey={isAdmin ? 'invoices' : 'patents'} items={[
            { key: 'patents', label: `${t.poolPatents} (${p.patents.length})`, children:
              <Table rowKey="number" size="small" dataSource={p.patents} data-testid="pool-patents" columns={[
                { title: t.number, dataIndex: 'number' }, { title: t.owner, dataIndex: 'ownerMemberId' }, { title: t.admittedOn, dataIndex: 'admittedOn' },
                { title: 'Withdrawn', dataIndex: 'withdrawnOn' },
              ]} /> },
            { key: 'members', label: `${t.members} (${p.members.length})`, children:
              <Table rowKey="partyId" size="small" dataSource={p.members} columns={[{ title: 'ID', dataIndex: 'partyId' }, { title: t.joinedOn, dataIndex: 'joinedOn' }]} /> },
            { key: 'rates', label: t.rateCards, children: <RateCards pool={p} /> },
            { key: 'licensees', label: `${t.licensees} (${p.licensees.length})`, children:
              <Table rowKey="licenceId" size="small" dataSource={p.licensees} columns={[
                { title: t.licence, dataIndex: 'licenceId' }, { title: t.licensee, dataIndex: 'licenseeId' }, { title: t.start, dataIndex: 'start' },
                { title: t.version, dataIndex: 'lockedRateCardVersion' },
              ]} /> },
            ...(isAdmin ? [{ key: 'invoices', label: t.invoices, children: <>
              <LoadError error={invoices.error} />
              <InvoiceTable listings={invoices.data ?? []} loading={invoices.loading} onPay={setPaying} />
            </> },
            { key: 'reconciliation', label: t.reconciliation, children:
              <ReconciliationTab poolId={p.id} invoices={invoices.data ?? []} loading={invoices.loading} partyName={partyName} /> },
            { key: 'distributions', label: t.distributions, children: <DistributionsTab poolId={p.id} partyName={partyName} /> }] : []),
          ]} />
        </Card>
      )}
      <PaymentModal listing={paying} onClose={(paid) => { setPaying(null); if (paid) invoices.reload(); }} />
    </>
  );
}

function RateCards({ pool }: { pool: Schema<'PoolResponse'> }) {
  const { t } = useI18n();
  const [form] = Form.useForm();
  const [quote, setQuote] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const submit = async (v: { category: string; region: string; units: number }) => {
    setError(null);
    try {
      const q = await call(api.GET('/api/v1/pools/{id}/quote', { params: { path: { id: pool.id }, query: { category: v.category, region: v.region, units: String(v.units) } as never } }));
      setQuote(`${fmt((q as { amount: { amount: number; currency: string } }).amount)} (v${(q as { rateCardVersion: number }).rateCardVersion})`);
    } catch (e) { setQuote(null); setError(showProblem(form, e, ['category', 'region', 'units'])); }
  };
  return (
    <Row gutter={16}>
      <Col span={14}>
        {pool.rateCards.map((c) => (
          <Card key={String(c.version)} size="small" title={`${t.version} ${c.version} · ${c.effectiveFrom}`} style={{ marginBottom: 8 }}>
            <Table size="small" pagination={false} rowKey="code" dataSource={c.categories ?? []} columns={[
              { title: t.category, dataIndex: 'code' },
              { title: 'Tiers', render: (_, cat) => (cat.tiers ?? []).map((tier) => `≤${tier.upTo ?? '∞'}: ${tier.ratePerUnit}`).join(' · ') },
              { title: 'Cap', render: (_, cat) => cat.annualCap ?? '—' },
            ]} />
          </Card>
        ))}
      </Col>
      <Col span={10}>
        <Card size="small" title={t.quote}>
          {error && <Alert type="error" message={error} style={{ marginBottom: 8 }} />}
          <Form form={form} layout="vertical" onFinish={submit} initialValues={{ region: 'CN', units: 10000 }}>
            <Form.Item name="category" label={t.category} rules={[{ required: true }]}>
              <Select options={categoryCodes(pool.charter.productCategories).map((c) => ({ value: c, label: c }))} />
            </Form.Item>
            <Form.Item name="region" label={t.region} rules={[{ required: true }]}><Input /></Form.Item>
            <Form.Item name="units" label={t.units} rules={[{ required: true }]}><InputNumber min={0} style={{ width: '100%' }} /></Form.Item>
            <Button htmlType="submit" type="primary">{t.quote}</Button>
          </Form>
          {quote && <Alert type="success" message={`${t.quoteResult}: ${quote}`} style={{ marginTop: 8 }} data-testid="quote-result" />}
        </Card>
      </Col>
    </Row>
  );
}
