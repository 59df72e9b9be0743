import { useMemo, useState } from 'react';
import { Card, Col, Row, Table, Button, Typography } from 'antd';
import { api, call, type Schema } from '../api/client';
import { Chart, LoadError, StatusTag, useLoad } from '../components';
import { useI18n } from '../i18n';
import { useMe } from '../session-context';
import { fmt, formatMoney } from '../lib/money';
import { beijingToday, invoicedVsCollected, lastQuarters, quarterOf } from '../lib/quarters';
import { navigate } from '../lib/router';
import { isOpen, whoMustAct } from '../lib/transfers';
import { PaymentModal } from './PaymentModal';
import { PledgeRegistrations } from './PledgeRegistrations';
import { allPages } from '../lib/pages';

type Listing = Schema<'InvoiceListing'>;

/** Every invoice of the operator's pools (all statuses), following cursors to the end. */
export async function allInvoices(status?: 'open' | 'overdue' | 'paid', poolId?: string): Promise<Listing[]> {
  const out: Listing[] = [];
  let cursor: string | undefined;
  do {
    const page = await call(api.GET('/api/v1/invoices', { params: { query: { status, poolId, cursor, limit: '100' } } }));
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

export function OperatorHome() {
  const { t } = useI18n();
  const me = useMe();
  const pools = useLoad(async () => (await call(api.GET('/api/v1/pools'))).items.filter((p) => me.partyId == null || p.administratorId === me.partyId), [me.partyId]);
  const invoices = useLoad(async () => [...await allInvoices(), ...await allInvoices('paid')], []);
  const transfers = useLoad(async () => me.partyId
    ? (await allPages((cursor) => call(api.GET('/api/v1/operating-centers/{id}/transfers', { params: { path: { id: me.partyId! }, query: { cursor, limit: '100' } } })))).filter((x) => isOpen(x.status))
    : [], [me.partyId]);
  const [paying, setPaying] = useState<Listing | null>(null);
  const quarters = lastQuarters(quarterOf(beijingToday()), 4);
  const rows = useMemo(() => invoicedVsCollected((invoices.data ?? []).map((l) => l.invoice), quarters), [invoices.data]);
  const currency = invoices.data?.[0]?.invoice.amount.currency ?? 'CNY';
  const open = (invoices.data ?? []).filter((l) => l.invoice.status !== 'paid');

  return (
    <>
      <LoadError error={pools.error ?? invoices.error} />
      <Row gutter={16}>
        <Col span={10}>
          <Card title={t.myPools} data-testid="home-pools">
            <Table rowKey="id" size="small" loading={pools.loading} dataSource={pools.data ?? []} pagination={false}
              columns={[
                { title: t.pool, dataIndex: 'name', render: (n, p) => <a onClick={() => navigate(`/pools/${p.id}`)}>{n}</a> },
                { title: 'ID', dataIndex: 'id' },
                { title: t.createdAt, dataIndex: 'createdAt', render: (d: string) => d.slice(0, 10) },
              ]} />
          </Card>
        </Col>
        <Col span={14}>
          <Card title={t.royaltiesChart}>
            <Chart testId="royalties-chart" option={{
              tooltip: { trigger: 'axis', valueFormatter: (v) => formatMoney(Number(v) * 100, currency) },
              legend: { data: [t.invoiced, t.collected] },
              xAxis: { type: 'category', data: rows.map((r) => r.quarter) },
              yAxis: { type: 'value', axisLabel: { formatter: (v: number) => formatMoney(v * 100, currency).replace(/\.\d+$/, '') } },
              series: [
                { name: t.invoiced, type: 'bar', data: rows.map((r) => r.invoiced / 100) },
                { name: t.collected, type: 'bar', data: rows.map((r) => r.collected / 100) },
              ],
            }} />
          </Card>
        </Col>
      </Row>
      <Card title={`${t.openInvoices} (${open.length})`} style={{ marginTop: 16 }} extra={<Button onClick={invoices.reload}>{t.refresh}</Button>}>
        <InvoiceTable listings={open} loading={invoices.loading} onPay={setPaying} />
      </Card>
      <Card title={`${t.waitingTransfers} (${transfers.data?.length ?? 0})`} style={{ marginTop: 16 }} extra={<a onClick={() => navigate('/transfers')}>{t.transferBoard}</a>}>
        <Table rowKey="id" size="small" pagination={false} loading={transfers.loading} dataSource={transfers.data ?? []} data-testid="home-transfers"
          columns={[
            { title: 'ID', dataIndex: 'id' },
            { title: t.patents, dataIndex: 'patents', render: (p: string[]) => p.join(', ') },
            { title: t.price, render: (_, x) => fmt(x.price) },
            { title: t.status, dataIndex: 'status', render: (st: string) => <StatusTag status={st} /> },
            { title: '', dataIndex: 'status', render: (st: string) => t.actors[whoMustAct(st)] },
          ]} />
      </Card>
      {me.partyId && <PledgeRegistrations centerId={me.partyId} />}
      <PaymentModal listing={paying} onClose={(paid) => { setPaying(null); if (paid) invoices.reload(); }} />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{me.party?.name}</Typography.Paragraph>
    </>
  );
}

export function InvoiceTable({ listings, loading, onPay }: { listings: Listing[]; loading: boolean; onPay?: (l: Listing) => void }) {
  const { t } = useI18n();
  return (
    <Table rowKey={(l) => l.invoice.id} size="small" loading={loading} dataSource={listings} data-testid="invoice-table"
      pagination={{ pageSize: 10 }}
      columns={[
        { title: t.invoice, render: (_, l) => l.invoice.id },
        { title: t.licensee, dataIndex: 'licenseeId' },
        { title: t.period, render: (_, l) => l.invoice.period },
        { title: t.amount, render: (_, l) => fmt(l.invoice.amount) },
        { title: t.dueOn, render: (_, l) => l.invoice.dueOn },
        { title: t.status, render: (_, l) => <StatusTag status={l.invoice.status} /> },
        ...(onPay ? [{ title: '', render: (_: unknown, l: Listing) => l.invoice.status !== 'paid' &&
          <Button size="small" type="primary" data-testid={`pay-${l.invoice.id}`} onClick={() => onPay(l)}>{t.confirmPayment}</Button> }] : []),
      ]} />
  );
}
