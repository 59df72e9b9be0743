// A pool's reconciliation (operator): per reporting quarter, what was invoiced, what was paid, what is still owed,
// and how much of the cash a distribution has already paid out to holders.
interface MoneyLike { amount?: number | null; currency?: string | null }
export interface InvoiceLike {
  id: string; period: string; status: string; amount: MoneyLike; dueOn: string;
  paidOn?: string | null; paymentReference?: string | null; paymentProvider?: string | null; reversals?: unknown[] | null;
}
export interface DistributionLike { supplement?: number | null; collections: { period: string; amount: MoneyLike }[] }

export interface ReconciliationRow {
  period: string; currency: string;
  invoices: number; invoiced: number; paid: number; outstanding: number; overdue: number;
  distributed: number; undistributed: number; reversals: number;
}

/** One row per (quarter, currency), newest quarter first. Amounts in minor units; `undistributed` = paid − distributed. */
export function reconcile(invoices: InvoiceLike[], distributions: DistributionLike[]): ReconciliationRow[] {
  const rows = new Map<string, ReconciliationRow>();
  const row = (period: string, currency: string) => {
    const key = `${period}|${currency}`;
    let r = rows.get(key);
    if (!r) rows.set(key, r = { period, currency, invoices: 0, invoiced: 0, paid: 0, outstanding: 0, overdue: 0, distributed: 0, undistributed: 0, reversals: 0 });
    return r;
  };
  for (const inv of invoices) {
    const amount = inv.amount.amount ?? 0;
    const r = row(inv.period, inv.amount.currency ?? 'CNY');
    r.invoices++;
    r.invoiced += amount;
    r.reversals += inv.reversals?.length ?? 0;
    if (inv.status === 'paid') r.paid += amount;
    else { r.outstanding += amount; if (inv.status === 'overdue') r.overdue++; }
  }
  for (const d of distributions)
    for (const c of d.collections) row(c.period, c.amount.currency ?? 'CNY').distributed += c.amount.amount ?? 0;
  for (const r of rows.values()) r.undistributed = r.paid - r.distributed;
  return [...rows.values()].sort((a, b) => b.period.localeCompare(a.period) || a.currency.localeCompare(b.currency));
}

export type PaymentMatch = 'matched' | 'unpaid' | 'reversed';

/** How an invoice stands against the bank: paid with a reference (matched), waiting for money (unpaid), or once paid and reversed. */
export function paymentMatch(inv: InvoiceLike): PaymentMatch {
  if (inv.status === 'paid' && (inv.paymentReference ?? '') !== '') return 'matched';
  return (inv.reversals?.length ?? 0) > 0 ? 'reversed' : 'unpaid';
}
