// Money arrives as integer minor units + ISO 4217 code; the console never does float arithmetic on it.
const symbols: Record<string, string> = { CNY: '¥', USD: '$', EUR: '€', JPY: '¥', GBP: '£' };
const minorDigits: Record<string, number> = { JPY: 0, KRW: 0 };

// Optional members: until the OpenAPI document marks required properties, its types say they may be missing.
export interface Money { amount?: number | null; currency?: string | null }

/** 1234567 CNY → "¥12,345.67"; negative amounts keep their sign before the symbol. */
export function formatMoney(amount: number, currency: string): string {
  const digits = minorDigits[currency] ?? 2;
  const sign = amount < 0 ? '-' : '';
  const abs = Math.abs(amount);
  const scale = 10 ** digits;
  const major = Math.floor(abs / scale);
  const minor = abs % scale;
  const grouped = major.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const symbol = symbols[currency] ?? currency + ' ';
  return `${sign}${symbol}${grouped}${digits ? '.' + minor.toString().padStart(digits, '0') : ''}`;
}

export const fmt = (m: Money | null | undefined) => (m && m.amount != null ? formatMoney(m.amount, m.currency ?? 'CNY') : '—');

/** "12,345.67" typed by a user → 1234567 minor units; null when it is not a plain amount. */
export function parseMajor(text: string, currency: string): number | null {
  const digits = minorDigits[currency] ?? 2;
  const clean = text.replace(/[,\s¥$€£]/g, '');
  const m = /^(\d+)(?:\.(\d*))?$/.exec(clean);
  if (!m || (m[2] ?? '').length > digits) return null;
  return Number(m[1]) * 10 ** digits + Number((m[2] ?? '').padEnd(digits, '0') || 0);
}

/** Basis points → "65.00 %". */
export const formatBps = (bps: number | null | undefined) => (bps == null ? '—' : `${(bps / 100).toFixed(2)} %`);
