// Browser journeys: Debian's Chromium driven by playwright-core against a running silo seeded with --demo.
//   CONSOLE_URL=http://127.0.0.1:5080 KEYS_FILE=/tmp/keys SCREENSHOTS=../TestResults/screenshots node e2e/journeys.mjs
// KEYS_FILE has "role token" lines (Market:Demo:KeysFile). The last line is `journeys: N passed, N failed`.
import { chromium } from 'playwright-core';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const url = process.env.CONSOLE_URL ?? 'http://127.0.0.1:5080';
const shots = process.env.SCREENSHOTS ?? 'screenshots';
const keys = Object.fromEntries(readFileSync(process.env.KEYS_FILE, 'utf8').trim().split('\n').map((l) => l.split(' ')));
mkdirSync(shots, { recursive: true });

/** A valid Chinese application number: check digit Σ digit × weight mod 11, 10 written X (grains/Patents/PatentNumber.cs). */
export function chineseNumber(serial) {
  const weights = [2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5];
  const sum = [...serial].reduce((s, d, i) => s + Number(d) * weights[i], 0) % 11;
  return `${serial}.${sum === 10 ? 'X' : sum}`;
}

const userDataDir = mkdtempSync(join(tmpdir(), 'pnm-chromium-'));
// A fresh --user-data-dir (Playwright takes it as launchPersistentContext's first argument); each journey
// signs in in a tab of its own, and session storage (the key) belongs to the tab.
const browser = await chromium.launchPersistentContext(userDataDir, {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  viewport: { width: 1440, height: 900 }, locale: 'zh-CN',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});

let current = null;
function expect(cond, what) { if (!cond) throw new Error(`expected ${what}`); }

async function signIn(role) {
  const page = await browser.newPage();
  current = page;
  const context = { close: () => page.close() };
  // Every journey starts in 中文, whatever an earlier one chose (the choice is in local storage).
  await page.addInitScript(() => localStorage.removeItem('pnm.lang'));
  // Generous: CI machines run the journeys right after the .NET suite, often still loaded.
  page.setDefaultTimeout(45_000);
  await page.goto(url + '/');
  await page.getByTestId('api-key').fill(keys[role]);
  await page.getByTestId('sign-in').click();
  await page.getByTestId('sign-out').waitFor();
  return { context, page };
}

const shot = (page, name) => page.screenshot({ path: join(shots, name), fullPage: true });
// Picks an option of the select in the form item labelled `label` and waits until the select shows it. Selects
// with search (the owners) are driven by the keyboard — type to filter, Enter takes the active option — because on
// a loaded machine a mouse click can land while the options are being re-rendered and is then lost (seen in CI).
const selectIn = async (page, label, option, { search = false } = {}) => {
  const select = page.locator('.ant-form-item').filter({ hasText: label }).locator('.ant-select').first();
  const shown = () => select.locator('.ant-select-selection-item, .ant-select-content').getByText(option).first();
  await select.click();
  const choice = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first();
  if (search) {
    await page.keyboard.type(option);
    await choice.waitFor();
    await page.keyboard.press('Enter');
  } else {
    await choice.click();
  }
  await shown().waitFor({ timeout: 15_000 }).catch(() => {
    throw new Error(`the select "${label}" does not show "${option}"`);
  });
};
const canvasIn = (page, testId) => page.getByTestId(testId).locator('canvas').first().waitFor();
// Clicks what starts a download and returns the saved file's text.
const downloaded = async (page, click) => {
  const [download] = await Promise.all([page.waitForEvent('download'), click()]);
  return readFile(await download.path(), 'utf8');
};
const rowsOf = (page, testId) => page.getByTestId(testId).locator('tbody tr.ant-table-row');
// Types a day into the date picker of the form item labelled `label` (as the registration form does).
const pickDay = async (page, label, day) => {
  const input = page.locator('.ant-modal .ant-form-item').filter({ hasText: label }).locator('input').first();
  await input.click(); await input.fill(day); await input.press('Enter');
  await page.waitForFunction(([el, d]) => el.value === d, [await input.elementHandle(), day]);
};

const journeys = {
  async operator() {
    const { context, page } = await signIn('operator');
    await page.getByTestId('home-pools').getByText('锂电池快充专利池').waitFor();
    await canvasIn(page, 'royalties-chart');
    await page.getByTestId('invoice-table').locator('tbody tr.ant-table-row').first().waitFor();
    const rows = await page.getByTestId('invoice-table').locator('tbody tr.ant-table-row').count();
    expect(rows > 0, 'open invoices on the operator home');
    await shot(page, '01-operator-home.png');

    // Register a patent of a pool member (华南理工大学), then admit it to the battery pool.
    const number = chineseNumber(`2024100${String(Date.now() % 100000).padStart(5, '0')}`);
    await page.getByTestId('nav').getByText('专利', { exact: true }).click();
    await page.getByTestId('register-patent').click();
    await page.getByTestId('patent-number').fill(number);
    await page.getByTestId('patent-title').fill('一种锂电池极耳激光焊接方法');
    await page.getByTestId('patent-ipc').fill('H01M50/536');
    for (const [label, day] of [['申请日', '2024-01-15'], ['授权日', '2025-06-10']]) {
      const input = page.locator('.ant-form-item').filter({ hasText: label }).locator('input').first();
      await input.click(); await input.fill(day); await input.press('Enter');
      await page.waitForFunction(([el, d]) => el.value === d, [await input.elementHandle(), day]);
    }
    await selectIn(page, '权利人', '华南理工大学', { search: true });
    // Close the owners' dropdown by clicking the dialog's title, not with Escape: an Escape that reaches the
    // dialog (the dropdown already closed on a slow machine) closes the whole form unsubmitted.
    await page.locator('.ant-modal-title').click();
    const registered = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/patents');
    await page.getByTestId('register-submit').click();
    const response = await registered;
    expect(response.status() === 201, `registration answered 201, got ${response.status()} ${await response.text()}`);
    await page.getByText(`${number} · 一种锂电池极耳激光焊接方法`).waitFor();
    await shot(page, '02-operator-patent-registered.png');

    // The holder (the demo licensor, 华南理工大学) agrees to the admission first, with its own key: the
    // administrator's admission needs that agreement (docs/TENANCY.md).
    const pools = await (await fetch(`${url}/api/v1/pools`)).json();
    const pool = (pools.items ?? pools).find((p) => p.name === '锂电池快充专利池');
    const agreed = await fetch(`${url}/api/v1/pools/${pool.id}/patents/${encodeURIComponent(number)}/agreement`, {
      method: 'POST', headers: { authorization: `Bearer ${keys.licensor}` },
    });
    expect(agreed.status === 201, `holder agreement answered ${agreed.status}`);
    await selectIn(page, '', '锂电池快充专利池');
    await page.getByTestId('admit-submit').click();
    await page.getByTestId('pool-title').waitFor();
    await page.getByRole('tab', { name: /池内专利/ }).click();
    await page.getByTestId('pool-patents').getByText(number).waitFor();
    await shot(page, '03-operator-patent-admitted.png');

    // Confirm an offline payment: first a wrong amount (the problem's detail shows at the amount field), then the right one.
    await page.getByTestId('nav').getByText('首页', { exact: true }).click();
    const pay = page.getByTestId('invoice-table').locator('button[data-testid^="pay-"]').first();
    const invoiceId = (await pay.getAttribute('data-testid')).slice(4);
    await pay.click();
    await page.getByTestId('bank-reference').fill(`CMB-E2E-${Date.now()}`);
    const amount = await page.getByTestId('payment-amount').inputValue();
    await page.getByTestId('payment-amount').fill('1.00');
    await page.getByTestId('confirm-payment').click();
    const fieldError = page.locator('.ant-form-item').filter({ has: page.getByTestId('payment-amount') }).locator('.ant-form-item-explain-error');
    await fieldError.waitFor();
    expect((await fieldError.innerText()).length > 5, 'the amount_mismatch detail next to the amount field');
    await shot(page, '04-operator-payment-refused.png');
    await page.getByTestId('payment-amount').fill(amount);
    await page.getByTestId('confirm-payment').click();
    await page.getByText('已确认收款').waitFor();
    await page.getByTestId(`pay-${invoiceId}`).waitFor({ state: 'detached' });
    await shot(page, '05-operator-payment-confirmed.png');

    // The battery pool's finished distribution: per-holder bars, and a holder's statement as CSV.
    await page.getByTestId('home-pools').getByText('锂电池快充专利池').click();
    await page.getByTestId('pool-title').waitFor();
    await page.getByRole('tab', { name: '收益分配' }).click();
    await rowsOf(page, 'distribution-table').first().waitFor();
    await canvasIn(page, 'distribution-chart');
    const holders = await rowsOf(page, 'distribution-licensors').count();
    expect(holders > 0, 'a holder per bar of the distribution');
    expect((await page.getByTestId('distributable').innerText()).startsWith('¥'), 'the distributable amount in yuan');
    await shot(page, '12-operator-distribution.png');
    const csv = await downloaded(page, () => page.getByTestId('distribution-licensors').locator('button[data-testid^="statement-csv-"]').first().click());
    expect(csv.startsWith('patent_number,days,weight,share,currency,paid_to') && /\r?\ntotal,/.test(csv), `the statement CSV, got "${csv.slice(0, 80)}"`);

    // Reconciliation: each quarter invoiced, collected, outstanding and distributed; invoices against the bank.
    await page.getByRole('tab', { name: '对账' }).click();
    await rowsOf(page, 'reconciliation-table').first().waitFor();
    expect((await rowsOf(page, 'reconciliation-table').first().innerText()).includes('¥'), 'reconciliation amounts in yuan');
    await page.getByTestId('payment-matches').getByText('已匹配').first().waitFor();
    await shot(page, '13-operator-reconciliation.png');

    // The demo's offline payout: a transfer day in the future is refused at that field, then today's is confirmed.
    await page.getByTestId('nav').getByText('付款', { exact: true }).click();
    const confirm = page.getByTestId('payout-table').locator('button[data-testid^="payout-confirm-"]').first();
    const payoutId = (await confirm.getAttribute('data-testid')).slice('payout-confirm-'.length);
    await confirm.click();
    const bankReference = `ICBC-PO-${Date.now()}`;
    await page.getByTestId('payout-reference').fill(bankReference);
    await pickDay(page, '付款日', '2099-01-01');
    await page.getByTestId('payout-submit').click();
    const dayError = page.locator('.ant-form-item').filter({ hasText: '付款日' }).locator('.ant-form-item-explain-error');
    await dayError.waitFor();
    expect((await dayError.innerText()).length > 5, 'the date_in_future detail next to the day');
    await shot(page, '14-operator-payout-refused.png');
    await pickDay(page, '付款日', new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10));
    await page.getByTestId('payout-submit').click();
    await page.getByText('已确认付款').waitFor();
    await page.getByTestId(`payout-confirm-${payoutId}`).waitFor({ state: 'detached' });
    await rowsOf(page, 'payout-table').filter({ hasText: payoutId }).filter({ hasText: '已付' }).filter({ hasText: bankReference }).waitFor();
    await shot(page, '15-operator-payout-confirmed.png');

    await page.getByTestId('nav').getByText('转让', { exact: true }).click();
    await page.getByTestId('transfer-board').getByText('待受让人付款').first().waitFor();
    await shot(page, '06-operator-transfer-board.png');
    await page.getByTestId('nav').getByText('首页', { exact: true }).click();
    await page.getByTestId('lang').click();
    await page.getByText('Sign out').waitFor();
    await page.getByText('Pools I administer').waitFor();
    await shot(page, '06b-operator-home-english.png');
    await context.close();
  },

  async licensee() {
    const { context, page } = await signIn('licensee');
    const rows = page.getByTestId('licence-table').locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    await shot(page, '07-licensee-licences.png');
    await rows.first().locator('a').first().click();
    const now = new Date(Date.now() + 8 * 3600_000);
    const quarter = `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`;
    await selectIn(page, '期间', quarter);
    await page.locator('.ant-form-item').filter({ hasText: '产品类别' }).locator('.ant-select').click();
    // The period's dropdown may still be fading out: take the first option that is not a quarter.
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasNotText: /-Q\d/ }).first().click();
    await page.getByTestId('report-units').fill('12345');
    await page.getByTestId('report-submit').click();
    await page.getByText('已申报，已开具发票').waitFor();
    const row = page.getByTestId('my-invoices').locator('tbody tr').filter({ hasText: quarter }).filter({ hasText: '12345' });
    await row.waitFor();
    expect((await row.innerText()).includes('¥'), 'the new invoice with its amount in yuan');
    await shot(page, '08-licensee-reported-invoice.png');

    // The pool's other category for the same quarter, as a CSV file.
    const pairs = { ev_battery_pack: 'consumer_cell', consumer_cell: 'ev_battery_pack', iot_module: 'smart_meter', smart_meter: 'iot_module' };
    const rowText = await row.innerText();
    const other = pairs[Object.keys(pairs).find((c) => rowText.includes(c))];
    await page.locator('input[type=file]').setInputFiles({ name: 'units.csv', mimeType: 'text/csv', buffer: Buffer.from(`period,category,region,units\n${quarter},${other},CN,67890\n`) });
    await page.getByTestId('my-invoices').locator('tbody tr').filter({ hasText: other }).filter({ hasText: '67890' }).waitFor();
    await shot(page, '08b-licensee-csv-imported.png');

    // Card payment: the demo market has no Stripe publishable key, so the dialog says so instead of a card form.
    await page.getByTestId('my-invoices').locator('button[data-testid^="card-pay-"]').first().click();
    await page.getByTestId('card-not-configured').waitFor();
    expect((await page.getByTestId('card-not-configured').innerText()).includes('未配置'), 'card payment explained as not configured');
    await shot(page, '08c-licensee-card-not-configured.png');
    await page.locator('.ant-modal-close').click();
    await context.close();
  },

  async financier() {
    const { context, page } = await signIn('financier');
    await canvasIn(page, 'ltv-chart');
    const rows = page.getByTestId('portfolio-table').locator('tbody tr.ant-table-row');
    await rows.first().waitFor();
    expect((await rows.count()) >= 3, 'three seeded deals');
    await shot(page, '09-financier-portfolio.png');
    // The deal with the open margin call.
    await rows.filter({ has: page.getByTestId('margin-call-tag') }).first().locator('a').first().click();
    const ltv = await page.getByTestId('deal-ltv').innerText();
    expect(/\d+\.\d\d %/.test(ltv), `an LTV percentage, got "${ltv}"`);
    await canvasIn(page, 'deal-ltv-chart');
    await page.getByTestId('margin-calls').locator('tbody tr.ant-table-row').first().waitFor();
    await canvasIn(page, 'collateral-chart');
    await shot(page, '10-financier-deal.png');
    await context.close();
  },

  async holder() {
    const { context, page } = await signIn('licensor');
    await page.getByTestId('patent-table').locator('tbody tr.ant-table-row').first().waitFor();
    await canvasIn(page, 'revenue-chart');
    // Its statement of the demo's distribution, and that statement's CSV.
    await rowsOf(page, 'statement-table').first().waitFor();
    expect((await rowsOf(page, 'statement-table').first().innerText()).includes('锂电池快充专利池'), 'the statement names its pool');
    await shot(page, '11-holder-patents-revenue.png');
    const csv = await downloaded(page, () => page.getByTestId('statement-table').locator('button[data-testid^="holder-csv-"]').first().click());
    expect(csv.startsWith('patent_number,') && csv.includes('total,'), `the holder's statement CSV, got "${csv.slice(0, 80)}"`);
    await context.close();
  },
};

// The center's pledge registrations (质押登记): the demo deal that names the center waits on its home; a registration
// dated in the future is refused at the day's field, today's is recorded, and the financier sees the deal registered.
journeys.registrations = async () => {
  const { context, page } = await signIn('operator');
  const card = page.getByTestId('home-pledge-registrations');
  const register = card.locator('button[data-testid^="register-"]').first();
  await register.waitFor();
  const dealId = (await register.getAttribute('data-testid')).slice('register-'.length);
  expect((await rowsOf(page, 'home-pledge-registrations').first().innerText()).includes('¥'), 'the waiting deal with its principal in yuan');
  await card.scrollIntoViewIfNeeded();
  await shot(page, '16-operator-home-pledge-registrations.png');

  await register.click();
  const number = `Y${new Date().getUTCFullYear()}98${String(Date.now() % 10_000_000).padStart(7, '0')}`;
  await page.getByTestId('registration-number').fill(number);
  await pickDay(page, '登记日', '2099-01-01');
  await page.getByTestId('registration-submit').click();
  const dayError = page.locator('.ant-modal .ant-form-item').filter({ hasText: '登记日' }).locator('.ant-form-item-explain-error');
  await dayError.waitFor();
  expect((await dayError.innerText()).length > 5, 'the date_in_future detail next to the registration day');
  await shot(page, '17-operator-registration-refused.png');

  await pickDay(page, '登记日', new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10));
  const recorded = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === `/api/v1/pledges/${dealId}/register`);
  await page.getByTestId('registration-submit').click();
  const response = await recorded;
  expect(response.status() === 200, `registration answered 200, got ${response.status()} ${await response.text()}`);
  expect((await response.json()).registrationNumber === number, 'the deal carries the registration number');
  await page.getByText('质押登记已录入').waitFor();
  await page.getByTestId(`register-${dealId}`).waitFor({ state: 'detached' });
  await shot(page, '18-operator-registration-recorded.png');
  await context.close();

  // The pledgee's side: the financier's portfolio lists the deal as registered (已登记).
  const bank = await signIn('financier');
  await rowsOf(bank.page, 'portfolio-table').filter({ hasText: dealId }).filter({ hasText: '已登记' }).waitFor();
  await shot(bank.page, '19-financier-deal-registered.png');
  await bank.context.close();
};

// ---- Navigation, listings, demands, matches and feed (issue 14): screenshots 20-… to 29-… ----------------------------
// In-app navigation (the router's pushState), not the menu: the menu's width depends on how many entries a key's roles open.
const goTo = (page, path) => page.evaluate((p) => { history.pushState(null, '', p); dispatchEvent(new PopStateEvent('popstate')); }, path);
const fillIn = (page, testId, text) => page.getByTestId(testId).fill(text);
// selectIn within the open dialog: a page's filter form may have a select with the same label as its placeholder.
const selectInModal = async (page, label, option, { search = false } = {}) => {
  const select = page.locator('.ant-modal .ant-form-item').filter({ hasText: label }).locator('.ant-select').first();
  await select.click();
  const choice = page.locator('.ant-select-dropdown:visible .ant-select-item-option').filter({ hasText: option }).first();
  if (search) { await page.keyboard.type(option); await choice.waitFor(); await page.keyboard.press('Enter'); }
  else await choice.click();
  await select.locator('.ant-select-selection-item, .ant-select-content').getByText(option).first().waitFor({ timeout: 15_000 })
    .catch(() => { throw new Error(`the select "${label}" does not show "${option}"`); });
};

Object.assign(journeys, {
  async navigation() {
    const { context, page } = await signIn('operator');
    await goTo(page, '/navigation');
    // The landscape of the battery field in Guangdong: the demo's holders are seated there (GB/T 2260 440000).
    await fillIn(page, 'scope-ipc', 'H01M');
    await fillIn(page, 'scope-region', '440000');
    await fillIn(page, 'scope-focus', '440300');
    await page.getByTestId('analyse').click();
    await canvasIn(page, 'trend-chart');
    await canvasIn(page, 'holders-chart');
    await canvasIn(page, 'value-chart');
    const patents = Number((await page.getByTestId('landscape-patents').innerText()).replace(/\D/g, ''));
    expect(patents > 0, `patents in the H01M ∩ 440000 scope, got ${patents}`);
    await rowsOf(page, 'holders-table').first().waitFor();
    expect((await rowsOf(page, 'holders-table').first().innerText()).includes('%'), 'the top holder with its share');
    expect(/\d/.test(await page.getByTestId('hhi').innerText()), 'an HHI figure');
    await page.getByTestId('positioning').waitFor();
    await shot(page, '20-operator-landscape.png');

    // A refused scope: an IPC prefix that is none, shown at the field.
    await fillIn(page, 'scope-ipc', 'Q1');
    await page.getByTestId('analyse').click();
    const ipcError = page.locator('.ant-form-item').filter({ has: page.getByTestId('scope-ipc') }).locator('.ant-form-item-explain-error');
    await ipcError.waitFor();
    await shot(page, '21-operator-landscape-refused.png');
    await fillIn(page, 'scope-ipc', 'H01M');

    // The demo's project: take a snapshot, publish version 2 on it, file it (备案), read its page and data pack.
    await rowsOf(page, 'project-table').filter({ hasText: '粤港澳大湾区锂电池产业专利导航' }).locator('a').first().click();
    await page.getByTestId('project-title').waitFor();
    const before = await rowsOf(page, 'snapshot-table').count();
    await page.getByTestId('take-snapshot').click();
    await page.waitForFunction((n) => document.querySelectorAll('[data-testid="snapshot-table"] tbody tr.ant-table-row').length > n, before);
    await canvasIn(page, 'trend-chart');
    await shot(page, '22-operator-project-snapshot.png');
    await page.getByTestId('publish-report').click();
    await fillIn(page, 'report-title', '粤港澳大湾区锂电池产业专利导航报告（修订）');
    await fillIn(page, 'report-conclusions', '固态电解质方向申请增长最快，建议设立专项跟踪。\n\n钠离子电池正极材料已有挂牌，可撮合本地制造企业。');
    await page.getByTestId('report-submit').click();
    const v2 = rowsOf(page, 'report-table').filter({ hasText: 'v2' });
    await v2.waitFor();
    await v2.locator('button[data-testid^="report-file-"]').click();
    await fillIn(page, 'filing-number', `粤知导备〔${new Date().getUTCFullYear()}〕0018号`);
    await page.getByTestId('filing-submit').click();
    await v2.filter({ hasText: '0018号' }).waitFor();
    expect(await rowsOf(page, 'report-table').filter({ hasText: 'v1' }).filter({ hasText: '已备案' }).count() === 1, 'the seeded v1, filed');
    await shot(page, '23-operator-reports-filed.png');
    const csv = await downloaded(page, () => v2.locator('button[data-testid^="report-csv-"]').click());
    expect(csv.replace(/^\uFEFF/, '').startsWith('section,series,key,value') && csv.includes('holders,concentration,hhi'), `the report's data CSV, got "${csv.slice(0, 60)}"`);
    const [tab] = await Promise.all([browser.waitForEvent('page'), v2.locator('button[data-testid^="report-html-"]').click()]);
    await tab.waitForURL(/^blob:/);
    await tab.locator('svg').first().waitFor();
    expect((await tab.content()).includes('粤港澳大湾区锂电池产业专利导航报告（修订）'), 'the report page with its title');
    await tab.screenshot({ path: join(shots, '23b-operator-report-page.png'), fullPage: true });
    await tab.close();
    await context.close();
  },

  async market() {
    // The operator lists for a member of its pool: draft → open (it fits the licensee's demand) → withdraw.
    const op = await signIn('operator');
    let page = op.page;
    await goTo(page, '/listings');
    await rowsOf(page, 'listing-table').filter({ hasText: '电池极片缺陷检测算法专利转让' }).waitFor();
    await page.getByTestId('new-listing').click();
    await selectInModal(page, '权利人', '华南理工大学', { search: true });
    await page.locator('.ant-modal-title').click();
    await page.getByTestId('listing-patents').locator('input').fill(chineseNumber('201810245671'));
    await page.keyboard.press('Enter');
    await selectInModal(page, '交易方式', '普通许可');
    await page.getByTestId('listing-price-min').fill('600000');
    await page.getByTestId('listing-price-max').fill('900000');
    await fillIn(page, 'listing-region', '440106');
    await fillIn(page, 'listing-title', '高镍三元正极材料包覆改性技术普通许可');
    await fillIn(page, 'listing-description', '原子层沉积包覆氧化铝，循环稳定性提升。');
    const created = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/listings');
    await page.getByTestId('listing-submit').click();
    const listing = await (await created).json();
    expect(listing.status === 'draft', `a draft listing, got ${listing.status}`);
    const row = rowsOf(page, 'listing-table').filter({ hasText: '高镍三元正极材料包覆改性技术普通许可' });
    await row.filter({ hasText: '草稿' }).waitFor();
    await page.getByTestId(`listing-open-${listing.id}`).click();
    await row.filter({ hasText: '已发布' }).waitFor();
    await shot(page, '24-operator-listing-opened.png');
    await row.locator('a').first().click();
    // The party's name arrives after the row (GET /parties/{id}).
    await rowsOf(page, 'listing-matches').filter({ hasText: '东莞骏马电子有限公司' }).first().waitFor();
    await shot(page, '25-operator-listing-fits-demands.png');
    await page.getByTestId('listing-detail-withdraw').click();
    await page.getByTestId('listing-detail-withdraw').waitFor({ state: 'detached' });
    await page.locator('.ant-card-extra').getByText('已撤回').first().waitFor();
    await op.context.close();

    // The licensee's demand: ranked listings with score and reasons; a negotiation on the sale opens a transfer.
    const lic = await signIn('licensee');
    page = lic.page;
    await goTo(page, '/demands');
    await rowsOf(page, 'demand-table').filter({ hasText: '动力电池正极材料与极片检测技术引进' }).locator('a').first().click();
    await rowsOf(page, 'demand-matches').first().waitFor();
    const sale = rowsOf(page, 'demand-matches').filter({ hasText: '电池极片缺陷检测算法专利转让' });
    await sale.waitFor();
    const saleId = (await sale.locator('[data-testid^="score-"]').getAttribute('data-testid')).slice('score-'.length);
    await page.getByTestId(`reasons-${saleId}`).getByText('G06T7').first().waitFor();
    expect(Number(await sale.locator('[data-testid^="score-"]').innerText()) > 0, 'a score for the sale listing');
    await shot(page, '26-licensee-demand-matches.png');
    await page.getByTestId(`negotiate-${saleId}`).click();
    const negotiated = page.waitForResponse((r) => r.request().method() === 'POST' && /\/negotiation$/.test(new URL(r.url()).pathname));
    await page.getByTestId('negotiation-submit').click();
    const response = await negotiated;
    expect(response.status() === 201, `negotiation answered 201, got ${response.status()} ${await response.text()}`);
    await page.getByTestId('negotiation-transfer').waitFor();
    expect((await page.getByTestId('negotiation-transfer').innerText()).includes('¥1,800,000.00'), 'the transfer pre-filled at the asking maximum');
    await shot(page, '27-licensee-negotiation-transfer.png');

    // A new demand through the form finds the air-conditioner licence.
    await goTo(page, '/demands');
    await page.getByTestId('new-demand').click();
    await fillIn(page, 'demand-title', '变频压缩机控制技术');
    await fillIn(page, 'demand-ipc', 'F24F');
    await fillIn(page, 'demand-keywords', '压缩机');
    await page.getByTestId('demand-budget-max').fill('800000');
    await page.getByTestId('demand-submit').click();
    await page.getByTestId('demand-title-view').getByText('变频压缩机控制技术').waitFor();
    await rowsOf(page, 'demand-matches').filter({ hasText: '变频空调压缩机负荷预测控制许可' }).waitFor();
    await shot(page, '28-licensee-new-demand-matches.png');

    // The feed: the listings that fit its demand as they opened (the operator's new one too), and its watch list.
    await goTo(page, '/feed');
    await rowsOf(page, 'feed-table').filter({ hasText: listing.id }).waitFor();
    expect((await rowsOf(page, 'watch-table').count()) >= 3, 'the seeded watches');
    await shot(page, '29-licensee-feed.png');
    await lic.context.close();
  },
});

let passed = 0, failed = 0;
for (const [name, run] of Object.entries(journeys)) {
  if (process.env.JOURNEY && process.env.JOURNEY !== name) continue;
  try { await run(); passed++; console.log(`JOURNEY PASS ${name}`); }
  catch (e) {
    failed++;
    console.log(`JOURNEY FAIL ${name}: ${e.message.split('\n').slice(0, 3).join(' | ')}`);
    await current?.screenshot({ path: join(shots, `FAILED-${name}.png`), fullPage: true }).catch(() => {});
    await current?.close().catch(() => {});
  }
}
await browser.close();
rmSync(userDataDir, { recursive: true, force: true });
console.log(`journeys: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
