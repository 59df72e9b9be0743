import { describe, expect, it } from 'vitest';
import {
  formatGrowth, formatHhi, formatShare, growthRows, histogramBars, holderBars, lifeCycleSeries, needsDatabase, operationsByPeriod,
  scopeBody, scopeForm, scopeQuery, scopeQueryString, splitConclusions, splitIpc, splitKeywords, trendSeries,
} from './navigation';

describe('scope → query string', () => {
  it('joins IPC prefixes and keywords with commas, upper-cases IPC and drops what is empty', () => {
    expect(scopeQuery({ ipc: ' h01m, H01M 10/05；g06f、', q: '正极材料，electrolyte membrane', from: '2020-01-01', to: '', region: ' 440000 ', pool: '', currency: 'cny' }))
      .toEqual({ ipc: 'H01M,H01M10/05,G06F', q: '正极材料,electrolyte membrane', from: '2020-01-01', region: '440000', currency: 'CNY' });
  });
  it('asks for every patent when the form is empty, and encodes in a fixed order', () => {
    expect(scopeQueryString({})).toBe('');
    expect(scopeQueryString({ region: '330100', ipc: 'H01M', q: '电池', focus: 'pty_1' }, ['holders', 'positioning']))
      .toBe('ipc=H01M&q=%E7%94%B5%E6%B1%A0&region=330100&focus=pty_1&sections=holders%2Cpositioning');
  });
  it('dedupes repeated entries', () => {
    expect(splitIpc('H01M,h01m, H01M')).toEqual(['H01M']);
    expect(splitKeywords('电池, 电池,battery')).toEqual(['电池', 'battery']);
  });
  it('turns the form into a project body scope and a stored scope back into the form', () => {
    expect(scopeBody({ ipc: 'H01M, G06F', q: '电池', pool: 'pool_1', from: '2020-01-01' })).toEqual({
      ipc: ['H01M', 'G06F'], keywords: ['电池'], from: '2020-01-01', to: null, region: null, poolId: 'pool_1', focus: null, currency: null,
    });
    expect(scopeForm({ ipc: ['H01M', 'G06F'], keywords: ['电池'], poolId: 'pool_1', currency: 'CNY' }))
      .toEqual({ ipc: 'H01M, G06F', q: '电池', from: null, to: null, region: '', pool: 'pool_1', focus: '', currency: 'CNY' });
  });
});

describe('chart series from the landscape document', () => {
  // The worked example of docs/NAVIGATION.md: filings 2026 ×4 (A, B, C, A+B in 2027), 2029 ×4; one pending.
  const trend = {
    filings: [
      { year: 2026, status: 'granted', type: 'invention', count: 3 },
      { year: 2027, status: 'granted', type: 'invention', count: 1 },
      { year: 2029, status: 'granted', type: 'invention', count: 3 },
      { year: 2029, status: 'pending', type: 'utility_model', count: 1 },
    ],
    grants: [{ year: 2028, status: 'granted', type: 'invention', count: 2 }, { year: 2029, status: 'granted', type: 'invention', count: 1 }],
  };
  it('has every year from the first to the last, zeros in the gaps, stacks by status largest first', () => {
    const s = trendSeries(trend, 'status');
    expect(s.years).toEqual([2026, 2027, 2028, 2029]);
    expect(s.stacks).toEqual([{ name: 'granted', data: [3, 1, 0, 3] }, { name: 'pending', data: [0, 0, 0, 1] }]);
    expect(s.grants).toEqual([0, 0, 2, 1]);
  });
  it('stacks by type when asked', () => {
    expect(trendSeries(trend, 'type').stacks.map((x) => [x.name, x.data])).toEqual([['invention', [3, 1, 0, 3]], ['utility_model', [0, 0, 0, 1]]]);
  });
  it('is empty for an empty scope', () => {
    expect(trendSeries({ filings: [], grants: [] }, 'status')).toEqual({ years: [], stacks: [], grants: [] });
  });
  it('ranks growth fastest first, groups without a CAGR last', () => {
    const rows = growthRows([
      { class: 'H01M4/00', baseFilings: 0, endFilings: 0, windowFilings: 1, cagr: null, hotSpot: false },
      { class: 'G06F16/00', baseFilings: 1, endFilings: 0, windowFilings: 1, cagr: -1, hotSpot: false },
      { class: 'H01M10/00', baseFilings: 2, endFilings: 4, windowFilings: 6, cagr: 0.2599, hotSpot: true },
    ]);
    expect(rows.map((r) => r.class)).toEqual(['H01M10/00', 'G06F16/00', 'H01M4/00']);
    expect(formatGrowth(0.2599)).toBe('+25.99 %');
    expect(formatGrowth(-1)).toBe('−100.00 %');
    expect(formatGrowth(null)).toBe('—');
  });
  it('draws the holders ranking in percent of the worked example (HHI 4 296.88)', () => {
    const bars = holderBars([
      { rank: 2, id: 'B', name: '乙大学', share: 0.3125, weight: 2.5, patents: 3 },
      { rank: 1, id: 'A', name: null, share: 0.5625, weight: 4.5, patents: 5 },
      { rank: 3, id: 'C', name: '丙公司', share: 0.125, weight: 1, patents: 1 },
    ], 2);
    expect(bars).toEqual([{ id: 'A', label: 'A', percent: 56.25, weight: 4.5 }, { id: 'B', label: '乙大学', percent: 31.25, weight: 2.5 }]);
    expect(formatHhi(56.25 ** 2 + 31.25 ** 2 + 12.5 ** 2)).toBe('4,296.88');
    expect(formatShare(0.5625)).toBe('56.25 %');
    expect(formatShare(null)).toBe('—');
  });
  it('labels the value buckets in 万元 (zh) and k/M yuan (en) and keeps their counts (1, 2, 1, 0, 0)', () => {
    const buckets = [
      { from: 1_000_000_000, to: null, patents: 0 }, { from: 0, to: 1_000_000, patents: 1 }, { from: 1_000_000, to: 10_000_000, patents: 2 },
      { from: 10_000_000, to: 100_000_000, patents: 1 }, { from: 100_000_000, to: 1_000_000_000, patents: 0 },
    ];
    expect(histogramBars(buckets).map((b) => `${b.label}:${b.patents}`)).toEqual(['0–1 万:1', '1 万–10 万:2', '10 万–100 万:1', '100 万–1,000 万:0', '≥ 1,000 万:0']);
    expect(histogramBars(buckets, 'en').map((b) => b.label)).toEqual(['0–10 k', '10 k–100 k', '100 k–1 M', '1 M–10 M', '≥ 10 M']);
  });
  it('puts holders, filings and new entrants per year on one axis', () => {
    expect(lifeCycleSeries([{ year: 2026, holders: 3, filings: 4 }, { year: 2029, holders: 2, filings: 4 }], [{ year: 2026, count: 3 }]))
      .toEqual({ years: [2026, 2027, 2028, 2029], holders: [3, 0, 0, 2], filings: [4, 0, 0, 4], entrants: [3, 0, 0, 0] });
  });
});

describe('operations as the API discloses them', () => {
  const figures = [
    { kind: 'royalties_invoiced', period: '2030-Q1', currency: 'CNY', count: 4, amount: 1_200_000, counterparties: 3, withheld: false },
    { kind: 'transfers', period: '2030-Q1', currency: 'CNY', count: 1, amount: null, counterparties: 1, withheld: true },
    { kind: 'licences_granted', period: '2029-Q4', currency: 'CNY', count: 2, amount: null, counterparties: 2, withheld: false },
    { kind: 'royalties_invoiced', period: '2029-Q4', currency: 'USD', count: 1, amount: 500, counterparties: 3, withheld: false },
  ];
  it('orders periods and kinds, adds counts, and leaves a withheld amount null (not 0)', () => {
    const ops = operationsByPeriod(figures);
    expect(ops.periods).toEqual(['2029-Q4', '2030-Q1']);
    expect(ops.kinds).toEqual(['licences_granted', 'royalties_invoiced', 'transfers']);
    expect(ops.cell('2030-Q1', 'royalties_invoiced')).toEqual({ count: 4, amount: 1_200_000, withheld: false });
    expect(ops.cell('2030-Q1', 'transfers')).toEqual({ count: 1, amount: null, withheld: true });
    // Another currency's amount is not added to CNY; its count still is.
    expect(ops.cell('2029-Q4', 'royalties_invoiced')).toEqual({ count: 1, amount: null, withheld: false });
  });
});

describe('problems and forms', () => {
  it('recognises the embedded market refusing a landscape', () => {
    expect(needsDatabase({ status: 409, code: 'navigation_needs_database' })).toBe(true);
    expect(needsDatabase({ status: 409, code: 'project_exists' })).toBe(false);
    expect(needsDatabase(null)).toBe(false);
  });
  it('splits conclusions at blank lines, or at lines when there is none', () => {
    expect(splitConclusions('第一条结论\n续写。\n\n第二条。\n')).toEqual(['第一条结论\n续写。', '第二条。']);
    expect(splitConclusions('一\n二\n\n')).toEqual(['一', '二']);
    expect(splitConclusions('  ')).toEqual([]);
  });
});
