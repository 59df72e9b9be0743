import { Card, Table } from 'antd';
import { api, call } from '../api/client';
import { Chart, LoadError, StatusTag, useLoad } from '../components';
import { useI18n } from '../i18n';
import { fmt, formatMoney } from '../lib/money';
import { quarterOf } from '../lib/quarters';
import { useMe } from '../session-context';
import { Patents } from './Patents';

/** A patent holder: its patents, and what the pools paid it by quarter (its payouts). */
export function Holder() {
  const { t } = useI18n();
  const me = useMe();
  const payouts = useLoad(() => call(api.GET('/api/v1/parties/{id}/payouts', { params: { path: { id: me.partyId ?? '' } } })), []);
  const items = payouts.data?.items ?? [];
  const byQuarter = new Map<string, number>();
  for (const p of items) byQuarter.set(quarterOf(p.createdAt.slice(0, 10)), (byQuarter.get(quarterOf(p.createdAt.slice(0, 10))) ?? 0) + (p.amount.amount ?? 0));
  const quarters = [...byQuarter.keys()].sort();
  const currency = items[0]?.amount.currency ?? 'CNY';
  return (
    <>
      <Patents owner={me.partyId ?? undefined} />
      <LoadError error={payouts.error} />
      <Card title={t.revenueByQuarter} style={{ marginTop: 16 }}>
        <Chart testId="revenue-chart" height={260} option={{
          tooltip: { trigger: 'axis', valueFormatter: (v) => formatMoney(Number(v) * 100, currency) },
          xAxis: { type: 'category', data: quarters }, yAxis: { type: 'value', name: currency },
          series: [{ type: 'bar', data: quarters.map((q) => byQuarter.get(q)! / 100) }],
        }} />
        <Table rowKey="payoutId" size="small" dataSource={items} columns={[
          { title: t.payouts, dataIndex: 'payoutId' }, { title: t.amount, render: (_, p) => fmt(p.amount) },
          { title: t.status, dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
          { title: t.reference, dataIndex: 'bankReference' }, { title: t.createdAt, render: (_, p) => p.createdAt.slice(0, 10) },
        ]} />
      </Card>
    </>
  );
}
