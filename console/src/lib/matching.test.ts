import { describe, expect, it } from 'vitest';
import { askingText, feedText, formFieldErrors, offerFieldRenames, formatPoints, formatRange, negotiationOutcome, offerActions, percentToBps, reasonLines, scoreParts, yuanToMinor } from './matching';
import { marketEn, marketZh } from '../messages-market';
import { en, zh } from '../messages';

// L1 of the worked example in docs/MATCHING.md: 67.5 points.
const l1 = {
  ipc: [{ prefix: 'H01M4', codes: ['H01M4/525'] }],
  keywords: [{ keyword: '正极材料', fields: ['title', 'abstract', 'description'] }],
  keywordsMissed: ['electrolyte membrane'],
  budget: { verdict: 'within', asking: { min: 150_000_000, max: 250_000_000, currency: 'CNY' }, budget: { min: 100_000_000, max: 200_000_000, currency: 'CNY' } },
  region: { verdict: 'inside', demandRegion: '330000', listingRegion: '330100' },
  patents: [{ number: '202210123456.7', status: 'granted', expiresOn: '2042-03-02', remainingYears: 12.16, currentValuation: { amount: 180_000_000, currency: 'CNY' } }],
  encumbrances: [{ patentNumber: '202210123456.7', kind: 'pledge', partyId: 'pty_bank', detail: 'pledged to pty_bank' }],
};

describe('reasons formatting', () => {
  it('says in 中文 which prefix covers which symbol, which keyword hit where, and the verdicts', () => {
    const lines = reasonLines(l1, { ...marketZh, statuses: zh.statuses });
    expect(lines.map((l) => `${l.tone}|${l.text}`)).toEqual([
      'good|H01M4 覆盖 H01M4/525',
      'good|“正极材料”命中标题 / 摘要 / 挂牌说明',
      'bad|未命中：electrolyte membrane',
      'good|报价 ¥1,500,000.00–¥2,500,000.00 在预算 ¥1,000,000.00–¥2,000,000.00 内',
      'good|地区 330100 在 330000 内',
      'good|202210123456.7 授权，2042-03-02 到期，剩余 12.16 年，估值 ¥1,800,000.00',
      'bad|202210123456.7：已质押，须质权人同意',
    ]);
  });
  it('says the same in English, and a royalty-only listing has no price to compare', () => {
    const lines = reasonLines({ ...l1, budget: { verdict: 'no_price', budget: l1.budget.budget }, region: { verdict: 'outside', demandRegion: '330000', listingRegion: '440300' }, encumbrances: [] },
      { ...marketEn, statuses: en.statuses });
    expect(lines.find((l) => l.part === 'budget')).toEqual({ part: 'budget', tone: 'neutral', text: 'Royalty only: no price to compare' });
    expect(lines.find((l) => l.part === 'region')).toEqual({ part: 'region', tone: 'bad', text: 'Region 440300 outside 330000' });
    expect(lines.find((l) => l.part === 'keywords')?.text).toBe('"正极材料" hit title / abstract / description');
  });
  it('lists the score parts with their maxima, L1 adding up to 67.5', () => {
    const parts = scoreParts({ total: 67.5, ipc: 17.5, keywords: 15, budget: 15, region: 10, legalStatus: 10, encumbrances: 0 });
    expect(parts.map((p) => [p.part, p.points, p.max])).toEqual([['ipc', 17.5, 35], ['keywords', 15, 30], ['budget', 15, 15], ['region', 10, 10], ['legalStatus', 10, 10], ['encumbrances', 0, 0]]);
    expect(formatPoints(parts.reduce((s, p) => s + p.points, 0))).toBe('67.5');
    expect(formatPoints(37.66)).toBe('37.66');
  });
});

describe('offers and negotiations', () => {
  it('offers open and withdraw on a draft, withdraw on an open offer, nothing after', () => {
    expect(offerActions('draft')).toEqual(['open', 'withdraw']);
    expect(offerActions('open')).toEqual(['withdraw']);
    for (const s of ['matched', 'withdrawn', 'expired']) expect(offerActions(s)).toEqual([]);
  });
  it('formats asking terms: price range, royalty range, both', () => {
    expect(formatRange({ min: 120_000_000, max: 180_000_000, currency: 'CNY' })).toBe('¥1,200,000.00–¥1,800,000.00');
    expect(formatRange({ min: 100, max: 100, currency: 'CNY' })).toBe('¥1.00');
    expect(askingText({ royalty: { minBps: 300, maxBps: 500 } })).toBe('3.00–5.00 %');
    expect(askingText({ price: { min: 100, max: 200, currency: 'CNY' }, royalty: { minBps: 250, maxBps: 250 } })).toBe('¥1.00–¥2.00 + 2.50 %');
    expect(askingText({})).toBe('—');
  });
  it('says what a negotiation opened: a transfer, a licence, or a proposal', () => {
    expect(negotiationOutcome({ kind: 'transfer', transfer: { id: 'trf_1', status: 'awaiting_payment', price: { amount: 180_000_000, currency: 'CNY' } } }))
      .toEqual({ kind: 'transfer', id: 'trf_1', status: 'awaiting_payment', price: '¥1,800,000.00' });
    expect(negotiationOutcome({ kind: 'licence', licence: { id: 'lic_1', status: 'active' } })).toEqual({ kind: 'licence', id: 'lic_1', status: 'active' });
    expect(negotiationOutcome({ kind: 'licence_proposal', licenceProposal: { licensorId: 'a', licenseeId: 'b', patents: [], kind: 'exclusive' } })).toEqual({ kind: 'proposal' });
  });
  it('turns typed yuan and percent into minor units and basis points', () => {
    expect(yuanToMinor(1_234_567.89)).toBe(123_456_789);
    expect(yuanToMinor(19.99)).toBe(1999);
    expect(yuanToMinor(null)).toBeNull();
    expect(percentToBps(3.5)).toBe(350);
  });
  it('writes feed entries in one line', () => {
    expect(feedText({ kind: 'listing_fits_demand', subject: 'lst_1', detail: { demandId: 'dmd_1', score: '67.5' } }, marketZh.feedKinds)).toBe('新挂牌匹配您的需求: lst_1 → dmd_1 (67.5)');
    expect(feedText({ kind: 'valuation', subject: '202210123456.7', detail: { title: '固态电解质' } }, marketEn.feedKinds)).toBe('New valuation: 202210123456.7 固态电解质');
  });
});

describe('problems on the offer forms', () => {
  it("puts the API's nested and indexed paths on the form's inputs", () => {
    expect(formFieldErrors({ 'budget.max': ['Must be at least min.'], 'patents[1]': ['Not owned.'], 'patents[2]': ['Unknown.'], validUntil: ['Past.'] }, offerFieldRenames))
      .toEqual({ budgetMax: ['Must be at least min.'], patents: ['Not owned.', 'Unknown.'], validUntil: ['Past.'] });
    expect(formFieldErrors({ 'royalty.minBps': ['x'], 'price.min': ['y'] }, offerFieldRenames)).toEqual({ royaltyMin: ['x'], priceMin: ['y'] });
    expect(formFieldErrors(undefined, offerFieldRenames)).toBeUndefined();
  });
});
