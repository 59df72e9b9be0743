import { useMemo } from 'react';
import { Card, Table, Tag } from 'antd';
import { api, call, type Schema } from '../api/client';
import { LoadError, StatusTag, useLoad } from '../components';
import { useI18n } from '../i18n';
import { fmt, formatMoney } from '../lib/money';
import { paymentMatch, reconcile } from '../lib/reconciliation';

type Listing = Schema<'InvoiceListing'>;

/** Every distribution of a pool (all pages): their collections say how much of each quarter's cash was paid out. */
async function allDistributions(poolId: string) {
  const out: Schema<'Distribution'>[] = [];
  let cursor: string | undefined;
  do {
    const page = await call(api.GET('/api/v1/pools/{id}/distributions', { params: { path: { id: poolId }, query: { cursor, limit: 100 } } }));
    out.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return out;
}

const matchColours = { matched: 'green', unpaid: 'gold', reversed: 'red' } as const;

/**
 * The operator's reconciliation of a pool: per quarter invoiced, paid, outstanding and distributed; then each invoice
 * against the bank (matched by a payment reference, unpaid, or reversed).
 */
export function ReconciliationTab({ poolId, invoices, loading, partyName }: { poolId: string; invoices: Listing[]; loading: boolean; partyName: (id: string) => string }) {
  const { t } = useI18n();
  const distributions = useLoad(() => allDistributions(poolId), [poolId]);
  const rows = useMemo(() => reconcile(invoices.map((l) => l.invoice), distributions.data ?? []), [invoices, distributions.data]);
  const money = (currency: string) => (v: number) => formatMoney(v, currency);
  return (
    <>
      <LoadError error={distributions.error} />
      <Card size="small" title={t.reconciliationByQuarter}>
        <Table rowKey={(r) => `${r.period}|${r.currency}`} size="small" loading={loading || distributions.loading} dataSource={rows} data-testid="reconciliation-table"
          pagination={{ pageSize: 8 }} columns={[
            { title: t.period, dataIndex: 'period' },
            { title: t.invoices, dataIndex: 'invoices' },
            { title: t.invoiced, render: (_, r) => money(r.currency)(r.invoiced) },
            { title: t.collected, render: (_, r) => money(r.currency)(r.paid) },
            { title: t.outstandingAmount, render: (_, r) => r.outstanding ? <span style={{ color: r.overdue ? '#cf1322' : undefined }}>{money(r.currency)(r.outstanding)}{r.overdue ? ` (${r.overdue} ${t.statuses.overdue})` : ''}</span> : '—' },
            { title: t.distributed, render: (_, r) => money(r.currency)(r.distributed) },
            { title: t.undistributed, render: (_, r) => <span data-testid={`undistributed-${r.period}`}>{money(r.currency)(r.undistributed)}</span> },
          ]} />
      </Card>
      <Card size="small" title={t.paymentsAgainstBank} style={{ marginTop: 12 }}>
        <Table rowKey={(l) => l.invoice.id} size="small" loading={loading} dataSource={invoices} data-testid="payment-matches" pagination={{ pageSize: 10 }}
          columns={[
            { title: t.invoice, render: (_, l) => l.invoice.id },
            { title: t.licensee, render: (_, l) => partyName(l.licenseeId) },
            { title: t.period, render: (_, l) => l.invoice.period },
            { title: t.amount, render: (_, l) => fmt(l.invoice.amount) },
            { title: t.status, render: (_, l) => <StatusTag status={l.invoice.status} /> },
            { title: t.match, render: (_, l) => { const m = paymentMatch(l.invoice); return <Tag color={matchColours[m]}>{t.matches[m]}</Tag>; } },
            { title: t.bankReference, render: (_, l) => l.invoice.paymentReference ?? '—' },
            { title: t.paidOn, render: (_, l) => l.invoice.paidOn ? `${l.invoice.paidOn}${l.invoice.late ? ` (+${l.invoice.daysLate}d)` : ''}` : '—' },
            { title: t.provider, render: (_, l) => l.invoice.paymentProvider ?? '—' },
          ]} />
      </Card>
    </>
  );
}
