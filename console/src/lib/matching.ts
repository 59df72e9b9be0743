// Listings, demands and matches (docs/MATCHING.md) as the console shows them: score parts, reasons in words, the actions
// an offer's status allows, what a negotiation opened, feed entries. Pure functions over the API's documents.
import { formatMoney } from './money';
import type { MarketMessages } from '../messages-market';

export interface MoneyRangeLike { min: number; max: number; currency: string }
export interface MoneyLike { amount: number; currency: string }

/** "¥1,200,000.00–¥1,800,000.00" (minor units in); a single value when min = max; "—" without a range. */
export function formatRange(r: MoneyRangeLike | null | undefined): string {
  if (!r) return '—';
  return r.min === r.max ? formatMoney(r.min, r.currency) : `${formatMoney(r.min, r.currency)}–${formatMoney(r.max, r.currency)}`;
}

/** Royalty basis points → "3.00–5.00 %". */
export const formatRoyalty = (r: { minBps: number; maxBps: number } | null | undefined) =>
  r ? (r.minBps === r.maxBps ? `${(r.minBps / 100).toFixed(2)} %` : `${(r.minBps / 100).toFixed(2)}–${(r.maxBps / 100).toFixed(2)} %`) : '—';

/** A listing's asking terms in one line: the price range and/or the royalty range. */
export const askingText = (l: { price?: MoneyRangeLike | null; royalty?: { minBps: number; maxBps: number } | null }) =>
  [l.price ? formatRange(l.price) : null, l.royalty ? formatRoyalty(l.royalty) : null].filter(Boolean).join(' + ') || '—';

/** Lifecycle steps an offer (listing or demand) offers in its status: draft → open / withdraw; open → withdraw; else none. */
export function offerActions(status: string): ('open' | 'withdraw')[] {
  if (status === 'draft') return ['open', 'withdraw'];
  if (status === 'open') return ['withdraw'];
  return [];
}

export interface MatchScoreLike { total: number; ipc: number; keywords: number; budget: number; region: number; legalStatus: number; encumbrances: number }

/** The score's parts with their maxima (docs/MATCHING.md, "The score"); the pledge penalty's maximum is 0. */
export function scoreParts(s: MatchScoreLike): { part: keyof MarketMessages['parts'] & string; points: number; max: number }[] {
  return [
    { part: 'ipc', points: s.ipc, max: 35 },
    { part: 'keywords', points: s.keywords, max: 30 },
    { part: 'budget', points: s.budget, max: 15 },
    { part: 'region', points: s.region, max: 10 },
    { part: 'legalStatus', points: s.legalStatus, max: 10 },
    { part: 'encumbrances', points: s.encumbrances, max: 0 },
  ];
}

/** Points with at most two decimals and no trailing zeros: 17.5, 5.16, 67.5. */
export const formatPoints = (p: number) => String(Math.round(p * 100) / 100);

const fill = (template: string, values: Record<string, string | number>) =>
  template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ''));

export interface ReasonsLike {
  ipc: { prefix: string; codes: string[] }[];
  keywords: { keyword: string; fields: string[] }[];
  keywordsMissed: string[];
  budget: { verdict: string; asking?: MoneyRangeLike | null; budget?: MoneyRangeLike | null; valuation?: MoneyLike | null };
  region: { verdict: string; demandRegion?: string | null; listingRegion?: string | null };
  patents: { number: string; status: string; expiresOn: string; remainingYears: number; currentValuation?: MoneyLike | null }[];
  encumbrances: { patentNumber: string; kind: string; partyId?: string | null; detail: string }[];
}

export type ReasonTone = 'good' | 'bad' | 'neutral';
export interface ReasonLine { part: string; tone: ReasonTone; text: string }

/**
 * A match's reasons as lines a person reads, in the console's language: which prefixes cover which symbols, which keyword
 * hit which field (and which missed), the budget and region verdicts, each patent's standing, and the encumbrances.
 */
export function reasonLines(r: ReasonsLike, t: Pick<MarketMessages, 'reasonText'> & { statuses: Record<string, string> }): ReasonLine[] {
  const x = t.reasonText;
  const lines: ReasonLine[] = [];
  for (const o of r.ipc) lines.push({ part: 'ipc', tone: 'good', text: fill(x.ipc, { prefix: o.prefix, codes: o.codes.join(', ') }) });
  for (const k of r.keywords)
    lines.push({ part: 'keywords', tone: 'good', text: fill(x.keyword, { keyword: k.keyword, fields: k.fields.map((f) => x.fields[f] ?? f).join(' / ') }) });
  if (r.keywordsMissed.length) lines.push({ part: 'keywords', tone: 'bad', text: fill(x.missed, { keywords: r.keywordsMissed.join(', ') }) });
  const b = r.budget;
  lines.push({
    part: 'budget', tone: b.verdict === 'within' ? 'good' : b.verdict === 'above' ? 'bad' : 'neutral',
    text: fill(x.budget[b.verdict] ?? b.verdict, { asking: formatRange(b.asking), budget: formatRange(b.budget) }),
  });
  const g = r.region;
  lines.push({
    part: 'region', tone: g.verdict === 'inside' ? 'good' : g.verdict === 'outside' ? 'bad' : 'neutral',
    text: fill(x.region[g.verdict] ?? g.verdict, { listing: g.listingRegion ?? '—', demand: g.demandRegion ?? '—' }),
  });
  for (const p of r.patents)
    lines.push({
      part: 'legalStatus', tone: p.status === 'granted' ? 'good' : p.status === 'pending' ? 'neutral' : 'bad',
      text: fill(x.patent, {
        number: p.number, status: t.statuses[p.status] ?? p.status, expires: p.expiresOn, years: p.remainingYears.toFixed(2),
        value: p.currentValuation ? formatMoney(p.currentValuation.amount, p.currentValuation.currency) : '—',
      }),
    });
  for (const e of r.encumbrances)
    lines.push({ part: 'encumbrances', tone: 'bad', text: fill(x.encumbrance, { number: e.patentNumber, kind: x.encumbranceKinds[e.kind] ?? e.detail }) });
  return lines;
}

export interface NegotiationLike {
  kind: string;
  transfer?: { id: string; status: string; price: MoneyLike } | null;
  licence?: { id: string; status: string } | null;
  licenceProposal?: { licensorId: string; licenseeId: string; patents: string[]; kind: string } | null;
}

/** What a negotiation opened, for the page: the transfer (a sale), the licence (an open licence) or the licence proposal. */
export function negotiationOutcome(n: NegotiationLike):
  { kind: 'transfer'; id: string; status: string; price: string } | { kind: 'licence'; id: string; status: string } | { kind: 'proposal' } {
  if (n.transfer) return { kind: 'transfer', id: n.transfer.id, status: n.transfer.status, price: formatMoney(n.transfer.price.amount, n.transfer.price.currency) };
  if (n.licence) return { kind: 'licence', id: n.licence.id, status: n.licence.status };
  return { kind: 'proposal' };
}

/** A feed entry in one line: what happened (its kind) and to what (listing id, or patent number and title). */
export function feedText(e: { kind: string; subject: string; detail: Record<string, unknown> }, kinds: Record<string, string>): string {
  const what = kinds[e.kind] ?? e.kind;
  const d = e.detail ?? {};
  if (e.kind === 'listing_fits_demand') return `${what}: ${e.subject} → ${String(d.demandId ?? '')}${d.score != null ? ` (${String(d.score)})` : ''}`;
  return `${what}: ${e.subject}${d.title ? ` ${String(d.title)}` : ''}`;
}

/** Yuan typed in a form → minor units (integers only: the console never does float money). */
export const yuanToMinor = (yuan: number | null | undefined) => (yuan == null ? null : Math.round(yuan * 100));

/** A percentage typed in a form → basis points: 3.5 → 350. */
export const percentToBps = (p: number | null | undefined) => (p == null ? null : Math.round(p * 100));

/**
 * A problem's `errors` keyed by the form's own fields: the API names `price.min`, `budget.max`, `royalty.minBps`, the forms
 * hold them as `priceMin`, `budgetMax`, `royaltyMin`; `patents[2]` belongs to the one `patents` input. Unlisted keys stay.
 */
export function formFieldErrors(errors: Record<string, string[]> | undefined, renames: Record<string, string>): Record<string, string[]> | undefined {
  if (!errors) return errors;
  const out: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(errors)) {
    const base = key.replace(/\[\d+\]$/, '');
    const name = renames[key] ?? renames[base] ?? key;
    out[name] = [...(out[name] ?? []), ...messages];
  }
  return out;
}

/** The renames of the listing and demand forms. */
export const offerFieldRenames: Record<string, string> = {
  'price.min': 'priceMin', 'price.max': 'priceMax', 'price.currency': 'priceMax', price: 'priceMax',
  'royalty.minBps': 'royaltyMin', 'royalty.maxBps': 'royaltyMax', royalty: 'royaltyMax',
  'budget.min': 'budgetMin', 'budget.max': 'budgetMax', 'budget.currency': 'budgetMax', budget: 'budgetMax',
  patents: 'patents', ipcPrefixes: 'ipcPrefixes', keywords: 'keywords', territories: 'territories', fieldsOfUse: 'fieldsOfUse', dealTypes: 'dealTypes',
};
