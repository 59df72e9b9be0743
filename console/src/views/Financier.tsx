import { useMemo } from 'react';
import { Card, Descriptions, Table, Tag } from 'antd';
import { api, call } from '../api/client';
import { Chart, LoadError, StatusTag, useLoad } from '../components';
import { useI18n } from '../i18n';
import { fmt, formatBps, formatMoney } from '../lib/money';
import { navigate } from '../lib/router';
import { useMe } from '../session-context';
import { collateralOn, valuationSeries } from '../lib/valuations';
import { toMajor } from '../lib/distributions';

/** A financier's deals with LTV and coverage per deal (chart) and open margin calls. */
export function Portfolio() {
  const { t } = useI18n();
  const me = useMe();
  const rows = useLoad(() => call(api.GET('/api/v1/financiers/{id}/portfolio', { params: { path: { id: me.partyId ?? '' } } })), []);
  const items = ((rows.data as unknown as { items?: unknown[] })?.items ?? rows.data ?? []) as Row[];
  return (
    <>
      <LoadError error={rows.error} />
      <Card title={t.ltvChart}>
        <Chart testId="ltv-chart" option={{
          tooltip: { trigger: 'axis' },
          legend: { data: [t.ltv, t.coverage] },
          xAxis: { type: 'category', data: items.map((r) => r.id) },
          yAxis: { type: 'value', axisLabel: { formatter: '{value} %' } },
          series: [
            { name: t.ltv, type: 'bar', data: items.map((r) => (r.ltvBps ?? 0) / 100) },
            { name: t.coverage, type: 'bar', data: items.map((r) => (r.coverageBps ?? 0) / 100) },
          ],
        }} />
      </Card>
      <Card title={t.portfolio} style={{ marginTop: 16 }}>
        <Table rowKey="id" size="small" loading={rows.loading} dataSource={items} data-testid="portfolio-table" columns={[
          { title: 'ID', dataIndex: 'id', render: (id: string) => <a onClick={() => navigate(`/deals/${id}`)}>{id}</a> },
          { title: t.status, dataIndex: 'status', render: (s: string) => <StatusTag status={s} /> },
          { title: t.outstanding, render: (_, r) => formatMoney(r.outstandingPrincipal, r.currency) },
          { title: t.collateral, render: (_, r) => formatMoney(r.collateralValue, r.currency) },
          { title: t.ltv, dataIndex: 'ltvBps', render: formatBps },
          { title: t.coverage, dataIndex: 'coverageBps', render: formatBps },
          { title: t.nextDue, dataIndex: 'nextDueDate' },
          { title: t.marginCalls, dataIndex: 'openMarginCalls', render: (n: number) => n ? <Tag color="red" data-testid="margin-call-tag">{n}</Tag> : 0 },
        ]} />
      </Card>
    </>
  );
}

type Row = { id: string; status: string; outstandingPrincipal: number; collateralValue: number; ltvBps: number | null; coverageBps: number | null; nextDueDate: string | null; openMarginCalls: number; currency: string };

/** A deal: balances, LTV against its caps, collateral, schedule and margin calls. */
export function DealDetail({ id }: { id: string }) {
  const { t } = useI18n();
  const deal = useLoad(() => call(api.GET('/api/v1/pledges/{id}', { params: { path: { id } } })), [id]);
  const d = deal.data;
  const ltv = (d?.ltvBps ?? 0) / 100;
  return (
    <>
      <LoadError error={deal.error} />
      {d && <>
        <Card title={`${t.deal} ${d.id}`} extra={<StatusTag status={d.status} />}>
          <Descriptions size="small" column={3} items={[
            { label: t.principal, children: fmt(d.principal) },
            { label: t.outstanding, children: fmt(d.outstandingPrincipal) },
            { label: t.interest, children: fmt(d.accruedInterest) },
            { label: t.collateral, children: fmt(d.collateralValue) },
            { label: t.ltv, children: <span data-testid="deal-ltv">{formatBps(d.ltvBps)}</span> },
            { label: t.coverage, children: formatBps(d.coverageBps) },
            { label: t.nextDue, children: d.nextDueDate ?? '—' },
          ]} />
          <Chart testId="deal-ltv-chart" height={240} option={{
            series: [{ type: 'gauge', min: 0, max: 100, radius: '90%', center: ['50%', '60%'],
              title: { offsetCenter: [0, '35%'] }, detail: { formatter: '{value} %', offsetCenter: [0, '65%'], fontSize: 22 }, data: [{ value: ltv, name: t.ltv }],
              axisLine: { lineStyle: { width: 18, color: [[0.5, '#52c41a'], [0.7, '#faad14'], [1, '#f5222d']] } } }],
          }} />
        </Card>
        <Card title={t.marginCalls} style={{ marginTop: 16 }}>
          <Table rowKey="number" size="small" pagination={false} dataSource={d.marginCalls} data-testid="margin-calls" columns={[
            { title: '#', dataIndex: 'number' }, { title: t.raisedOn, dataIndex: 'raisedOn' }, { title: t.cureBy, dataIndex: 'cureBy' },
            { title: t.status, render: (_, m) => m.curedOn ? `${t.cured} ${m.curedOn}` : m.defaulted ? t.statuses.defaulted : <Tag color="red">{t.openCall}</Tag> },
          ]} />
        </Card>
        <CollateralHistory numbers={d.patents.map((p) => p.number)} currency={d.principal.currency ?? 'CNY'} />
        <Card title={t.collateralPatents} style={{ marginTop: 16 }}>
          <Table rowKey="number" size="small" pagination={false} dataSource={d.patents} columns={[
            { title: t.number, dataIndex: 'number', render: (n: string) => <a onClick={() => navigate(`/patents/${encodeURIComponent(n)}`)}>{n}</a> },
            { title: t.collateral, render: (_, p) => fmt(p.collateral.value) },
            { title: t.effectiveDate, render: (_, p) => p.collateral.effectiveDate },
          ]} />
        </Card>
        <Card title={t.schedule} style={{ marginTop: 16 }}>
          <Table rowKey="number" size="small" dataSource={d.schedule} data-testid="schedule" columns={[
            { title: '#', dataIndex: 'number' }, { title: t.due, dataIndex: 'due' },
            { title: t.principal, render: (_, i) => formatMoney(i.principal, d.principal.currency ?? 'CNY') },
            { title: t.interest, render: (_, i) => formatMoney(i.interest, d.principal.currency ?? 'CNY') },
          ]} />
        </Card>
      </>}
    </>
  );
}

/**
 * Each pledged patent's valuations over time (step lines: a value holds until the next one) and their sum, the
 * collateral value on each day a valuation took effect.
 */
function CollateralHistory({ numbers, currency }: { numbers: string[]; currency: string }) {
  const { t } = useI18n();
  const patents = useLoad(() => Promise.all(numbers.map(async (number) => {
    const p = await call(api.GET('/api/v1/patents/{number}', { params: { path: { number } } }));
    return { number, valuations: p.valuations ?? [] };
  })), [numbers.join(',')]);
  const series = useMemo(() => valuationSeries(patents.data ?? [], currency), [patents.data, currency]);
  const days = [...new Set(series.flatMap((s) => s.points.map(([d]) => d)))].sort();
  return (
    <Card title={t.collateralHistory} style={{ marginTop: 16 }}>
      <LoadError error={patents.error} />
      <Chart testId="collateral-chart" height={300} option={{
        tooltip: { trigger: 'axis', valueFormatter: (v) => formatMoney(Math.round(Number(v) * 100), currency) },
        legend: { data: [t.collateral, ...series.map((s) => s.number)], type: 'scroll' },
        xAxis: { type: 'time' }, yAxis: { type: 'value', name: currency },
        series: [
          { name: t.collateral, type: 'line', step: 'end', lineStyle: { width: 3 }, data: days.map((d) => [d, toMajor(collateralOn(series, d), currency)]) },
          ...series.map((s) => ({ name: s.number, type: 'line' as const, step: 'end' as const, data: s.points.map(([d, v]) => [d, toMajor(v, currency)]) })),
        ],
      }} />
    </Card>
  );
}
