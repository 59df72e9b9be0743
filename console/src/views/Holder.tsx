import { useMemo, useState } from 'react';
import { Button, Card, Space, Table, message } from 'antd';
import { api, call } from '../api/client';
import { Chart, LoadError, useLoad } from '../components';
import { useI18n } from '../i18n';
import { periodLabel, revenueByPeriod, toMajor } from '../lib/distributions';
import { fmt, formatMoney } from '../lib/money';
import { useMe } from '../session-context';
import { downloadStatement } from './Distributions';
import { Patents } from './Patents';
import { PayoutTable } from './Payouts';

/** Every statement of the holder (all pages): what the chart adds up. */
async function allStatements(partyId: string) {
  const out: Awaited<ReturnType<typeof statementPage>>['items'] = [];
  let cursor: string | undefined;
  do {
    const page = await statementPage(partyId, cursor, 100);
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}
const statementPage = (partyId: string, cursor: string | undefined, limit: number) =>
  call(api.GET('/api/v1/parties/{id}/statements', { params: { path: { id: partyId }, query: { cursor, limit } } }));

/**
 * A patent holder: its patents; what its patents earned in the pools per distribution period (from its statements,
 * not from payouts, which move money later and in other amounts); its statements with CSV; its payouts.
 */
export function Holder() {
  const { t } = useI18n();
  const me = useMe();
  const partyId = me.partyId ?? '';
  const every = useLoad(() => allStatements(partyId), [partyId]);
  const rows = useMemo(() => revenueByPeriod((every.data ?? []).map((l) => l.statement)), [every.data]);
  const currency = rows[0]?.currency ?? 'CNY';
  const payouts = useLoad(() => call(api.GET('/api/v1/parties/{id}/payouts', { params: { path: { id: partyId } } })), [partyId]);
  return (
    <>
      <Patents owner={me.partyId ?? undefined} />
      <LoadError error={every.error ?? payouts.error} />
      <Card title={t.revenueByQuarter} style={{ marginTop: 16 }}>
        <Chart testId="revenue-chart" height={260} option={{
          tooltip: { trigger: 'axis', valueFormatter: (v) => formatMoney(Math.round(Number(v) * 100), currency) },
          xAxis: { type: 'category', data: rows.map((r) => r.period) }, yAxis: { type: 'value', name: currency },
          series: [{ type: 'bar', data: rows.map((r) => toMajor(r.amount, r.currency)) }],
        }} />
      </Card>
      <Statements partyId={partyId} />
      <Card title={t.payouts} style={{ marginTop: 16 }}>
        <PayoutTable items={payouts.data?.items ?? []} loading={payouts.loading} />
      </Card>
    </>
  );
}

/** The holder's statements, newest run first, a page at a time (the server's cursors), each with its CSV. */
function Statements({ partyId }: { partyId: string }) {
  const { t } = useI18n();
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const page = useLoad(() => statementPage(partyId, cursor, 10), [partyId, cursor]);
  const [busy, setBusy] = useState<string | null>(null);
  const download = async (poolId: string, distributionId: string) => {
    setBusy(`${poolId}/${distributionId}`);
    try { await downloadStatement(poolId, distributionId, partyId); }
    catch (e) { message.error(e instanceof Error ? e.message : String(e)); }
    finally { setBusy(null); }
  };
  return (
    <Card title={t.statements} style={{ marginTop: 16 }}>
      <LoadError error={page.error} />
      <Table rowKey={(l) => `${l.statement.poolId}/${l.statement.distributionId}`} size="small" pagination={false} loading={page.loading}
        dataSource={page.data?.items ?? []} data-testid="statement-table" columns={[
          { title: t.pool, dataIndex: 'poolName' },
          { title: t.period, render: (_, l) => periodLabel(l.statement.periodStart, l.statement.periodEnd) + (l.supplement ? ` · ${t.supplement} ${l.supplement}` : '') },
          { title: t.patents, render: (_, l) => l.statement.lines.length },
          { title: t.share, render: (_, l) => fmt(l.statement.total.share) },
          { title: t.payable, render: (_, l) => fmt(l.statement.total.payable) },
          { title: t.escrowed, render: (_, l) => fmt(l.statement.total.escrowed) },
          { title: t.ranAt, render: (_, l) => l.ranAt.slice(0, 10) },
          { title: '', render: (_, l) => <Button size="small" loading={busy === `${l.statement.poolId}/${l.statement.distributionId}`}
            data-testid={`holder-csv-${l.statement.distributionId}`} onClick={() => download(l.statement.poolId, l.statement.distributionId)}>CSV</Button> },
        ]} />
      <Space style={{ marginTop: 8 }}>
        <Button size="small" disabled={cursors.length === 1} onClick={() => setCursors((c) => c.slice(0, -1))}>{t.previous}</Button>
        <Button size="small" disabled={!page.data?.nextCursor} onClick={() => setCursors((c) => [...c, page.data!.nextCursor ?? undefined])}>{t.next}</Button>
      </Space>
    </Card>
  );
}
