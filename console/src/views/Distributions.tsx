import { useMemo, useState } from 'react';
import { Button, Card, Descriptions, Empty, Space, Table, message } from 'antd';
import { api, call, type Schema } from '../api/client';
import { Chart, LoadError, useLoad } from '../components';
import { useI18n } from '../i18n';
import { licensorBars, periodLabel, statementFileName, toMajor } from '../lib/distributions';
import { fmt, formatBps, formatMoney } from '../lib/money';
import { ProblemError } from '../lib/problem';

type Distribution = Schema<'Distribution'>;

/** Saves a licensor's statement of a distribution as the server's CSV (`Accept: text/csv`). */
export async function downloadStatement(poolId: string, distributionId: string, licensorId: string) {
  const { data, error, response } = await api.GET('/api/v1/pools/{id}/distributions/{distributionId}/statement', {
    params: { path: { id: poolId, distributionId }, query: { licensorId } }, headers: { Accept: 'text/csv' }, parseAs: 'text',
  });
  // openapi-fetch parses an error body as JSON when it can: the problem (code, detail) of a refusal.
  if (!response.ok) throw new ProblemError({ ...(typeof error === 'object' && error ? error : {}), status: response.status });
  const url = URL.createObjectURL(new Blob([String(data)], { type: 'text/csv;charset=utf-8' }));
  const a = Object.assign(document.createElement('a'), { href: url, download: statementFileName(poolId, distributionId, licensorId) });
  document.body.appendChild(a); a.click(); a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A pool's distributions (newest run first, by cursor), and the one chosen: per-holder bars, totals and statement CSVs. */
export function DistributionsTab({ poolId, partyName }: { poolId: string; partyName: (id: string) => string }) {
  const { t } = useI18n();
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const page = useLoad(() => call(api.GET('/api/v1/pools/{id}/distributions', { params: { path: { id: poolId }, query: { cursor, limit: 10 } } })), [poolId, cursor]);
  const [chosenId, setChosenId] = useState<string | null>(null);
  const items = page.data?.items ?? [];
  const chosen = items.find((d) => d.id === chosenId) ?? items[0];
  return (
    <>
      <LoadError error={page.error} />
      <Table rowKey="id" size="small" loading={page.loading} dataSource={items} pagination={false} data-testid="distribution-table"
        rowClassName={(d) => (d.id === chosen?.id ? 'ant-table-row-selected' : '')}
        onRow={(d) => ({ onClick: () => setChosenId(d.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t.period, render: (_, d) => periodLabel(d.periodStart, d.periodEnd) + (d.supplement ? ` · ${t.supplement} ${d.supplement}` : '') },
          { title: t.collected, render: (_, d) => fmt(d.collected) },
          { title: t.adminFee, render: (_, d) => `${fmt(d.adminFee)} (${formatBps(d.adminFeeBps)})` },
          { title: t.distributable, render: (_, d) => fmt(d.distributable) },
          { title: t.holders, render: (_, d) => d.licensors.length },
          { title: t.ranAt, render: (_, d) => d.ranAt.slice(0, 10) },
        ]} />
      <Space style={{ margin: '8px 0' }}>
        <Button size="small" disabled={cursors.length === 1} onClick={() => setCursors((c) => c.slice(0, -1))}>{t.previous}</Button>
        <Button size="small" disabled={!page.data?.nextCursor} data-testid="distributions-next"
          onClick={() => setCursors((c) => [...c, page.data!.nextCursor ?? undefined])}>{t.next}</Button>
      </Space>
      {chosen ? <DistributionDetail d={chosen} partyName={partyName} /> : !page.loading && <Empty description={t.noDistributions} />}
    </>
  );
}

function DistributionDetail({ d, partyName }: { d: Distribution; partyName: (id: string) => string }) {
  const { t } = useI18n();
  const currency = d.distributable.currency ?? 'CNY';
  const bars = useMemo(() => licensorBars(d.licensors, partyName), [d, partyName]);
  const [busy, setBusy] = useState<string | null>(null);
  const download = async (licensorId: string) => {
    setBusy(licensorId);
    try { await downloadStatement(d.poolId, d.id, licensorId); }
    catch (e) { message.error(e instanceof Error ? e.message : String(e)); }
    finally { setBusy(null); }
  };
  return (
    <Card size="small" title={`${t.distribution} ${periodLabel(d.periodStart, d.periodEnd)} (${d.id})`} data-testid="distribution-detail">
      <Descriptions size="small" column={4} items={[
        { label: t.collected, children: fmt(d.collected) },
        { label: t.adminFee, children: fmt(d.adminFee) },
        { label: t.distributable, children: <span data-testid="distributable">{fmt(d.distributable)}</span> },
        { label: 'Posting', children: d.postingId },
      ]} />
      <Chart testId="distribution-chart" height={Math.max(200, 60 + bars.length * 36)} option={{
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => formatMoney(Math.round(Number(v) * 100), currency) },
        legend: { data: [t.payable, t.escrowed] },
        grid: { left: 160, right: 40 },
        yAxis: { type: 'category', data: bars.map((b) => b.label), inverse: true },
        xAxis: { type: 'value', name: currency },
        series: [
          { name: t.payable, type: 'bar', stack: 'share', data: bars.map((b) => toMajor(b.payable, currency)) },
          { name: t.escrowed, type: 'bar', stack: 'share', data: bars.map((b) => toMajor(b.escrowed, currency)) },
        ],
      }} />
      <Table rowKey="licensorId" size="small" pagination={false} dataSource={bars} data-testid="distribution-licensors" columns={[
        { title: t.holder, render: (_, b) => b.label },
        { title: t.share, render: (_, b) => formatMoney(b.share, currency) },
        { title: t.payable, render: (_, b) => formatMoney(b.payable, currency) },
        { title: t.escrowed, render: (_, b) => formatMoney(b.escrowed, currency) },
        { title: t.statements, render: (_, b) => <Button size="small" loading={busy === b.licensorId} data-testid={`statement-csv-${b.licensorId}`}
          onClick={() => download(b.licensorId)}>CSV</Button> },
      ]} />
    </Card>
  );
}
