// Patent navigation (docs/NAVIGATION.md) as the console shows it: the scope form → the landscape's query string, and the
// landscape document → chart series and table rows. Pure functions, so every figure the page draws is tested here.

/** What the scope form holds: lists as typed text, dates as YYYY-MM-DD. */
export interface ScopeForm {
  ipc?: string; q?: string; from?: string | null; to?: string | null; region?: string; pool?: string; focus?: string; currency?: string;
}

/** "H01M, h01m10/05；G06F" → ["H01M", "H01M10/05", "G06F"]: commas (also 中文 ，、；), semicolons or spaces; IPC upper case, spaces inside a symbol dropped. */
export function splitIpc(text: string | undefined | null): string[] {
  return dedupe((text ?? '').split(/[,，、;；\n]+/).map((s) => s.replace(/\s+/g, '').toUpperCase()).filter(Boolean));
}

/** Keywords keep their spaces ("electrolyte membrane" is one keyword); only the list separators split. */
export function splitKeywords(text: string | undefined | null): string[] {
  return dedupe((text ?? '').split(/[,，、;；\n]+/).map((s) => s.trim()).filter(Boolean));
}

const dedupe = (xs: string[]) => [...new Set(xs)];

/**
 * The landscape's query parameters for a scope (`GET /api/v1/navigation/landscape`): `ipc` and `q` comma-joined, the rest
 * as typed (trimmed); empty fields are left out, so the server's defaults (every patent, CNY, all sections) apply.
 */
export function scopeQuery(scope: ScopeForm, sections?: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  const ipc = splitIpc(scope.ipc);
  const q = splitKeywords(scope.q);
  if (ipc.length) out.ipc = ipc.join(',');
  if (q.length) out.q = q.join(',');
  for (const k of ['from', 'to', 'region', 'pool', 'focus', 'currency'] as const) {
    const v = (scope[k] ?? '').trim();
    if (v) out[k] = k === 'currency' ? v.toUpperCase() : v;
  }
  if (sections?.length) out.sections = sections.join(',');
  return out;
}

/** The same as a URL query string, in a fixed order (what the address bar and tests see). */
export function scopeQueryString(scope: ScopeForm, sections?: string[]): string {
  const q = scopeQuery(scope, sections);
  return ['ipc', 'q', 'from', 'to', 'region', 'pool', 'focus', 'currency', 'sections']
    .filter((k) => q[k] !== undefined).map((k) => `${k}=${encodeURIComponent(q[k])}`).join('&');
}

/** A project's body scope (`POST /api/v1/navigation/projects`): lists stay lists, `pool` is `poolId`. */
export function scopeBody(scope: ScopeForm) {
  const q = scopeQuery(scope);
  return {
    ipc: splitIpc(scope.ipc), keywords: splitKeywords(scope.q), from: q.from ?? null, to: q.to ?? null,
    region: q.region ?? null, poolId: q.pool ?? null, focus: q.focus ?? null, currency: q.currency ?? null,
  };
}

/** A stored scope (a project's, a landscape's echo) back into the form. */
export function scopeForm(s: { ipc?: string[]; keywords?: string[]; from?: string | null; to?: string | null; region?: string | null; poolId?: string | null; focus?: string | null; currency?: string | null }): ScopeForm {
  return {
    ipc: (s.ipc ?? []).join(', '), q: (s.keywords ?? []).join(', '), from: s.from ?? null, to: s.to ?? null,
    region: s.region ?? '', pool: s.poolId ?? '', focus: s.focus ?? '', currency: s.currency ?? 'CNY',
  };
}

// ---- Trend -------------------------------------------------------------------------------------------------------

export interface FilingCountLike { year: number; status: string; type: string; count: number }

/** Every year from the first to the last that has a filing or a grant: gaps are years with none, not missing bars. */
export function yearsOf(...lists: { year: number }[][]): number[] {
  const all = lists.flat().map((x) => x.year);
  if (!all.length) return [];
  const lo = Math.min(...all), hi = Math.max(...all);
  return Array.from({ length: hi - lo + 1 }, (_, i) => lo + i);
}

/**
 * The trend chart: filings per year stacked by status (or type), and grants per year as one line; every series has a
 * value per year (0 where none), series in a stable order (by total, largest first; ties by name).
 */
export function trendSeries(trend: { filings: FilingCountLike[]; grants: FilingCountLike[] }, by: 'status' | 'type') {
  const years = yearsOf(trend.filings, trend.grants);
  const index = new Map(years.map((y, i) => [y, i]));
  const groups = new Map<string, number[]>();
  for (const f of trend.filings) {
    const key = f[by];
    const row = groups.get(key) ?? years.map(() => 0);
    row[index.get(f.year)!] += f.count;
    groups.set(key, row);
  }
  const grants = years.map(() => 0);
  for (const g of trend.grants) grants[index.get(g.year)!] += g.count;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const stacks = [...groups.entries()].map(([name, data]) => ({ name, data }))
    .sort((a, b) => sum(b.data) - sum(a.data) || a.name.localeCompare(b.name));
  return { years, stacks, grants };
}

export interface ClassGrowthLike { class: string; baseFilings: number; endFilings: number; windowFilings: number; cagr?: number | null; hotSpot: boolean }

/** Growth rows, fastest first; groups without a CAGR (no base-year filing) last, by window filings. */
export function growthRows<T extends ClassGrowthLike>(growth: T[]): T[] {
  return [...growth].sort((a, b) => (b.cagr ?? -Infinity) - (a.cagr ?? -Infinity) || b.windowFilings - a.windowFilings || a.class.localeCompare(b.class));
}

// ---- Shares and values -------------------------------------------------------------------------------------------

/** 0.5625 → "56.25 %"; null → "—". */
export const formatShare = (share: number | null | undefined, digits = 2) => (share == null ? '—' : `${(share * 100).toFixed(digits)} %`);

/** A CAGR 0.2599 → "+25.99 %", −1 → "−100.00 %"; null → "—". */
export const formatGrowth = (cagr: number | null | undefined) =>
  cagr == null ? '—' : `${cagr > 0 ? '+' : cagr < 0 ? '−' : ''}${Math.abs(cagr * 100).toFixed(2)} %`;

/** HHI to two decimals with grouping: 4296.875 → "4,296.88". */
export const formatHhi = (hhi: number) => hhi.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** Minor units of CNY → "1 万"-style bucket edges: 10⁶ fen = 1 万元. */
function yuanEdge(minor: number, lang: 'zh' | 'en'): string {
  const yuan = minor / 100;
  if (lang === 'zh') return yuan >= 1e4 ? `${(yuan / 1e4).toLocaleString('zh-CN')} 万` : `${yuan.toLocaleString('zh-CN')}`;
  return yuan >= 1e6 ? `${(yuan / 1e6).toLocaleString('en-US')} M` : yuan >= 1e3 ? `${(yuan / 1e3).toLocaleString('en-US')} k` : `${yuan}`;
}

export interface ValueBucketLike { from: number; to?: number | null; patents: number }

/** Histogram bars: "0–1 万", "1 万–10 万", …, "≥ 1 亿"-style labels from the bucket edges (minor units), counts as they are. */
export function histogramBars(buckets: ValueBucketLike[], lang: 'zh' | 'en' = 'zh') {
  return [...buckets].sort((a, b) => a.from - b.from).map((b) => ({
    label: b.to == null ? `≥ ${yuanEdge(b.from, lang)}` : `${yuanEdge(b.from, lang)}–${yuanEdge(b.to, lang)}`,
    patents: b.patents,
  }));
}

// ---- Holders -----------------------------------------------------------------------------------------------------

export interface HolderRankLike { rank: number; id: string; name?: string | null; share: number; weight: number; patents: number }

/** The ranking's bar chart: the `top` largest, name (or id) and share in percent (2 decimals), largest first. */
export function holderBars(ranking: HolderRankLike[], top = 10) {
  return [...ranking].sort((a, b) => a.rank - b.rank).slice(0, top)
    .map((h) => ({ id: h.id, label: h.name ?? h.id, percent: Math.round(h.share * 10000) / 100, weight: h.weight }));
}

/** Holders filing and filings per year, and new entrants, on one axis of years. */
export function lifeCycleSeries(perYear: { year: number; holders: number; filings: number }[], entrants: { year: number; count: number }[]) {
  const years = yearsOf(perYear, entrants);
  const by = <T extends { year: number }>(xs: T[], f: (x: T) => number) => years.map((y) => xs.filter((x) => x.year === y).reduce((s, x) => s + f(x), 0));
  return { years, holders: by(perYear, (x) => x.holders), filings: by(perYear, (x) => x.filings), entrants: by(entrants, (x) => x.count) };
}

// ---- Operations --------------------------------------------------------------------------------------------------

export interface OperationFigureLike { kind: string; period?: string | null; currency: string; count: number; amount?: number | null; counterparties: number; withheld: boolean }

/** The order operations are shown in (docs/NAVIGATION.md), unknown kinds after. */
export const operationKinds = ['licences_granted', 'royalties_invoiced', 'royalties_collected', 'transfers', 'pledge_loans', 'principal_outstanding'];

/**
 * Operations per period: one row per period (oldest first), per kind its count and amount — amount null where the
 * server withheld it (fewer than 3 counterparties), never 0, so a chart leaves a gap rather than draw a false zero.
 * Figures of another currency than `currency` are left out of amounts (counts still add).
 */
export function operationsByPeriod(figures: OperationFigureLike[], currency = 'CNY') {
  const periods = [...new Set(figures.map((f) => f.period ?? ''))].sort();
  const kinds = [...new Set(figures.map((f) => f.kind))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const cell = (period: string, kind: string) => {
    const fs = figures.filter((f) => (f.period ?? '') === period && f.kind === kind);
    const inCurrency = fs.filter((f) => f.currency === currency);
    const withheld = inCurrency.some((f) => f.withheld);
    const amounts = inCurrency.filter((f) => f.amount != null);
    return {
      count: fs.reduce((s, f) => s + f.count, 0),
      amount: withheld || !amounts.length ? null : amounts.reduce((s, f) => s + (f.amount ?? 0), 0),
      withheld,
    };
  };
  return { periods, kinds, cell };
}
const rank = (k: string) => { const i = operationKinds.indexOf(k); return i < 0 ? 99 : i; };

/** Whether a kind carries money (licences granted are counted only). */
export const hasAmount = (kind: string) => kind !== 'licences_granted';

// ---- Problems ----------------------------------------------------------------------------------------------------

/** The embedded (in-memory) market cannot compute landscapes: a message for the user, not an error dump. */
export const needsDatabase = (problem: { status?: number; code?: string } | null | undefined) =>
  problem?.status === 409 && problem.code === 'navigation_needs_database';

/** The scope form's fields a landscape problem may name (its `errors` keys). */
export const scopeFields = ['ipc', 'q', 'from', 'to', 'region', 'pool', 'focus', 'currency'];

/** Conclusions typed in one text area: paragraphs separated by blank lines (or single lines when there are no blank lines). */
export function splitConclusions(text: string): string[] {
  const t = text.replace(/\r\n/g, '\n').trim();
  if (!t) return [];
  const parts = /\n\s*\n/.test(t) ? t.split(/\n\s*\n/) : t.split('\n');
  return parts.map((p) => p.trim()).filter(Boolean);
}
