// The market's calendar is China time (UTC+08:00): "this quarter" is the Beijing quarter.
export function beijingToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

export function quarterOf(day: string): string {
  const [y, m] = day.split('-').map(Number);
  return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
}

/** The quarter before "2026-Q1" is "2025-Q4". */
export function previousQuarter(q: string): string {
  const [y, n] = q.split('-Q').map(Number);
  return n === 1 ? `${y - 1}-Q4` : `${y}-Q${n - 1}`;
}

/** The last `count` quarters ending with `last`, oldest first. */
export function lastQuarters(last: string, count: number): string[] {
  const out = [last];
  while (out.length < count) out.unshift(previousQuarter(out[0]));
  return out;
}

export interface InvoiceLike { period: string; status: string; amount: { amount?: number | null; currency?: string | null } }

/** Per quarter: invoiced (every invoice of the period) and collected (those paid), in minor units. */
export function invoicedVsCollected(invoices: InvoiceLike[], quarters: string[]) {
  const rows = quarters.map((q) => ({ quarter: q, invoiced: 0, collected: 0 }));
  const byQuarter = new Map(rows.map((r) => [r.quarter, r]));
  for (const inv of invoices) {
    const row = byQuarter.get(inv.period);
    if (!row) continue;
    const amount = inv.amount.amount ?? 0;
    row.invoiced += amount;
    if (inv.status === 'paid') row.collected += amount;
  }
  return rows;
}
