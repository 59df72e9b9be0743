// Distributions (§6) as the console shows them: per-licensor bars, period labels, a holder's revenue per period.
import { formatMoney } from './money';

interface MoneyLike { amount?: number | null; currency?: string | null }

/** "2026-01-01".."2026-04-01" → "2026-Q1"; a half-year → "2026-H1"; a year → "2026"; else "start – end" (end exclusive). */
export function periodLabel(start: string, end: string): string {
  const [sy, sm, sd] = start.split('-').map(Number);
  const [ey, em, ed] = end.split('-').map(Number);
  const months = (ey - sy) * 12 + (em - sm);
  if (sd === 1 && ed === 1) {
    if (months === 3 && (sm - 1) % 3 === 0) return `${sy}-Q${(sm - 1) / 3 + 1}`;
    if (months === 6 && (sm === 1 || sm === 7)) return `${sy}-H${sm === 1 ? 1 : 2}`;
    if (months === 12 && sm === 1) return `${sy}`;
  }
  return `${start} – ${end}`;
}

export interface LicensorTotalLike { licensorId: string; share: MoneyLike; payable: MoneyLike; escrowed: MoneyLike }

/** The bars of a distribution's chart: each licensor's payable and escrowed parts (minor units), largest share first. */
export function licensorBars(licensors: LicensorTotalLike[], name: (id: string) => string = (id) => id) {
  return [...licensors]
    .sort((a, b) => (b.share.amount ?? 0) - (a.share.amount ?? 0) || a.licensorId.localeCompare(b.licensorId))
    .map((l) => ({ licensorId: l.licensorId, label: name(l.licensorId), payable: l.payable.amount ?? 0, escrowed: l.escrowed.amount ?? 0, share: l.share.amount ?? 0 }));
}

export interface StatementLike { periodStart: string; periodEnd: string; total: { share: MoneyLike } }

/**
 * What a holder's patents earned per distribution period (quarter, half-year or year as the pool's charter has it),
 * supplements of late cash counted in their period; oldest first, one currency per row.
 */
export function revenueByPeriod(statements: StatementLike[]) {
  const rows = new Map<string, { period: string; start: string; amount: number; currency: string }>();
  for (const s of statements) {
    const currency = s.total.share.currency ?? 'CNY';
    const period = periodLabel(s.periodStart, s.periodEnd);
    const key = `${period}|${currency}`;
    const row = rows.get(key) ?? { period, start: s.periodStart, amount: 0, currency };
    row.amount += s.total.share.amount ?? 0;
    rows.set(key, row);
  }
  return [...rows.values()].sort((a, b) => a.start.localeCompare(b.start) || a.currency.localeCompare(b.currency));
}

/** The file name a statement's CSV is saved as. */
export const statementFileName = (poolId: string, distributionId: string, licensorId: string) =>
  `statement_${poolId}_${distributionId}_${licensorId}.csv`;

/** Minor units → the chart's major units, exact for display (no float sums: sums are in minor units first). */
export const toMajor = (minor: number, currency: string) => Number(formatMoney(minor, currency).replace(/[^\d.-]/g, ''));
