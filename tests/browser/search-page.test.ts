/**
 * The search page in a real Chromium over the real app and the seed index. Expected counts come
 * from the engine itself (the page must show exactly what the index holds); the facts asserted
 * beyond that are read off the seed texts: "sanct" marks only sanctuary/sanctuaries, and the only
 * article dated in late March 2024 is the Vancouver one ("Asif took to X today, March 27").
 */
import { mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { SearchFilters } from '../../engine/types.js';
import { chromiumMissing, launchChromium, type Browser } from './chromium.js';
import { startSite, type RunningSite } from './server.js';
import { allTexts, listCounts, searchSent, textOf, WAIT_MS, waitForText } from './page.js';

const missing = chromiumMissing();
if (missing) process.stderr.write(`browser tests SKIPPED: ${missing}\n`);
const suite = missing ? describe.skip : describe;

/** The README's picture is refreshed only on request (UPDATE_SCREENSHOT=1), so a test run leaves the tree clean. */
export const SCREENSHOT = process.env.UPDATE_SCREENSHOT === '1' ? path.resolve('docs/screenshot.png') : path.join(tmpdir(), 'newsfacets-screenshot.png');
const PHONE_SCREENSHOT = path.join(tmpdir(), 'newsfacets-phone.png');
/** The Vancouver article's first sentence, after its dateline. */
const VANCOUVER_TITLE_START = 'Khawaja Muhammad Asif, Pakistan’s Defense Minister, says';
const SPEAKER = 'Khawaja Asif';
const STEP_MS = 60_000;

let site: RunningSite;
let browser: Browser;
let page: Page;
/** Every URL the main page asked for, and every console error or uncaught exception it showed. */
const requested: string[] = [];
const problems: string[] = [];

/** The dates the index gives, in order, for one page of a date-sorted search, as the page prints them. */
async function datesOf(q: string, offset: number, limit: number) {
  const r = await site.seeds.engine.search({ q, filters: {}, facets: [], sort: 'date:desc', offset, limit, groupByArticle: false });
  return r.hits.map((h) => (h.doc.date === null ? 'undated' : new Date(h.doc.date * 1000).toISOString().slice(0, 10)));
}

/** Passages (or articles) the index holds for a query and filters, and one facet's counts. */
async function truth(q: string, filters: SearchFilters = {}, groupByArticle = false) {
  const r = await site.seeds.engine.search({
    q, filters, facets: ['speakers', 'topics'], sort: 'relevance', offset: 0, limit: 0, groupByArticle,
  });
  return { total: r.totalHits, topics: r.facets.topics ?? {}, speakers: r.facets.speakers ?? {} };
}

const count = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
const top = (counts: Record<string, number>, n: number) =>
  Object.fromEntries(Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, n));

suite('the search page in Chromium', () => {
  beforeAll(async () => {
    site = await startSite();
    browser = await launchChromium();
    page = await browser.context.newPage();
    page.on('request', (r) => requested.push(r.url()));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await site?.close();
  }, STEP_MS);

  test('loads with the search box focused and every passage counted', async () => {
    await page.goto(`${site.baseUrl}/`);
    const all = await truth('');
    await waitForText(page, '#stats .stats__count', count(all.total, 'passage'));
    expect(await page.evaluate(() => document.activeElement?.classList.contains('ais-SearchBox-input'))).toBe(true);
  }, STEP_MS);

  test('typing "sanct" one key at a time updates the results after every key', async () => {
    for (const prefix of ['s', 'sa', 'san', 'sanc', 'sanct']) {
      const sent = searchSent(page, prefix);
      await page.keyboard.press(prefix.at(-1)!);
      await sent;
      await waitForText(page, '#stats .stats__count', count((await truth(prefix)).total, 'passage'));
      const marked = await allTexts(page, '#hits mark');
      expect(marked.length).toBeGreaterThan(0);
      for (const m of marked) expect(m.toLowerCase().startsWith(prefix)).toBe(true);
    }
    expect(await page.inputValue('#searchbox input')).toBe('sanct');
    expect(new Set((await allTexts(page, '#hits .hit__snippet mark')).map((m) => m.toLowerCase()))).toEqual(new Set(['sanctuaries', 'sanctuary']));
  }, STEP_MS);

  test('a speaker’s own search box finds values by any word', async () => {
    const box = page.locator('#speakers input[type="search"]');
    expect(await box.getAttribute('aria-label')).toBe('Search speakers');
    await box.fill('tar');
    await waitForText(page, '#speakers .ais-RefinementList-labelText', 'Ataullah Tarar');
    expect(await listCounts(page, '#speakers')).toEqual({ 'Ataullah Tarar': (await truth('sanct')).speakers['Ataullah Tarar'] });
    expect(await page.innerHTML('#speakers .ais-RefinementList-labelText')).toBe('Ataullah <mark>Tarar</mark>');
    await box.fill('');
    await waitForText(page, '#speakers .ais-RefinementList-item:first-child .ais-RefinementList-labelText', SPEAKER);
  }, STEP_MS);

  test('clicking a speaker narrows hits and the other lists, while the speaker list keeps its counts', async () => {
    const before = await truth('sanct');
    const after = await truth('sanct', { speakers: [SPEAKER] });
    expect(await listCounts(page, '#speakers')).toEqual(top(before.speakers, 8));
    expect(await listCounts(page, '#topics')).toEqual(top(before.topics, 8));

    await page.locator(`#speakers input[type="checkbox"][value="${SPEAKER}"]`).check();
    await waitForText(page, '#stats .stats__count', count(after.total, 'passage'));
    expect(after.total).toBeLessThan(before.total);
    expect(await listCounts(page, '#speakers')).toEqual(top(before.speakers, 8));
    expect(await listCounts(page, '#topics')).toEqual(top(after.topics, 8));
    expect(await listCounts(page, '#topics')).not.toEqual(top(before.topics, 8));
    expect(await page.isChecked(`#speakers input[value="${SPEAKER}"]`)).toBe(true);
    const hitSpeakers = await page.$$eval('#hits .hit', (hits) => hits.map((h) => Array.from(h.querySelectorAll('.hit__speaker')).map((s) => s.textContent)));
    for (const speakers of hitSpeakers) expect(speakers).toContain(SPEAKER);

    mkdirSync(path.dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: false });
  }, STEP_MS);

  test('narrowing the dates to 20–31 March 2024 leaves the Vancouver article (“today, March 27”)', async () => {
    const from = Date.UTC(2024, 2, 20) / 1000;
    const to = Date.UTC(2024, 2, 31) / 1000;
    const expected = await truth('sanct', { speakers: [SPEAKER], dateFrom: from, dateTo: to });
    await page.fill('[data-testid="date-from"]', '2024-03-20');
    await page.fill('[data-testid="date-to"]', '2024-03-31');
    await page.locator('[data-testid="date-to"]').press('Tab');
    await waitForText(page, '#stats .stats__count', count(expected.total, 'passage'));
    const titles = await allTexts(page, '#hits .hit__title');
    expect(titles.length).toBe(expected.total);
    for (const t of titles) expect(t.startsWith(VANCOUVER_TITLE_START)).toBe(true);
    for (const d of await allTexts(page, '#hits .hit__date')) expect(d).toBe('2024-03-27');

    await page.locator('#group input').check();
    await waitForText(page, '#stats .stats__count', '1 article');
  }, STEP_MS);

  test('the URL holds the whole state: reloading it gives the same page, also on a phone', async () => {
    await page.waitForFunction(() => location.search.includes('group=article'), undefined, { timeout: WAIT_MS });
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({
      q: 'sanct', speaker: SPEAKER, from: '2024-03-20', to: '2024-03-31', group: 'article',
    });
    const titles = await allTexts(page, '#hits .hit__title');

    const phone = await launchChromium({ width: 390, height: 844 });
    try {
      const again = await phone.context.newPage();
      await again.goto(url.toString());
      await waitForText(again, '#stats .stats__count', '1 article');
      expect(await again.inputValue('#searchbox input')).toBe('sanct');
      expect(await again.isChecked(`#speakers input[value="${SPEAKER}"]`)).toBe(true);
      expect([await again.inputValue('[data-testid="date-from"]'), await again.inputValue('[data-testid="date-to"]')]).toEqual(['2024-03-20', '2024-03-31']);
      expect(await again.isChecked('#group input')).toBe(true);
      expect(await allTexts(again, '#hits .hit__title')).toEqual(titles);
      // Readable on a phone: nothing wider than the screen, results first, filters one tap away.
      expect(await again.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(await again.isVisible('#hits .hit__title')).toBe(true);
      expect(await again.isVisible('#speakers')).toBe(false);
      await again.click('#filters-panel summary');
      expect(await again.isVisible('#speakers')).toBe(true);
      await again.screenshot({ path: PHONE_SCREENSHOT });
    } finally {
      await phone.close();
    }
    expect(await textOf(page, '#error')).toBe('');
  }, STEP_MS);

  test('nothing came from the internet, nothing went wrong in the console (helmet’s CSP included)', () => {
    expect(requested.length).toBeGreaterThan(10);
    expect(requested.filter((u) => !u.startsWith(`${site.baseUrl}/`))).toEqual([]);
    expect(problems).toEqual([]);
  });

  test('sort, pagination and the group toggle, driven from the keyboard', async () => {
    const p = await browser.context.newPage();
    try {
      await p.goto(`${site.baseUrl}/?q=sanct`);
      const total = (await truth('sanct')).total;
      await waitForText(p, '#stats .stats__count', count(total, 'passage'));
      await p.focus('#sort select');
      await p.keyboard.press('ArrowDown');
      await p.waitForFunction(() => location.search.includes('sort=newest'), undefined, { timeout: WAIT_MS });
      await p.waitForFunction(() => document.querySelector('#hits .hit__date')?.textContent !== 'undated', undefined, { timeout: WAIT_MS });
      expect(await allTexts(p, '#hits .hit__date')).toEqual(await datesOf('sanct', 0, 10));

      await p.focus('#pagination a[aria-label="Page 2"]');
      await p.keyboard.press('Enter');
      await p.waitForFunction(() => location.search.includes('page=2'), undefined, { timeout: WAIT_MS });
      await waitForText(p, '#pagination .ais-Pagination-item--selected', '2');
      expect(await allTexts(p, '#hits .hit__date')).toEqual(await datesOf('sanct', 10, 10));

      await p.focus('#group input');
      await p.keyboard.press('Space');
      await waitForText(p, '#stats .stats__count', count((await truth('sanct', {}, true)).total, 'article'));
      // Grouping starts again from the first page.
      await p.waitForFunction(() => location.search.includes('group=article') && !location.search.includes('page='), undefined, { timeout: WAIT_MS });
    } finally {
      await p.close();
    }
  }, STEP_MS);

  test('fast typing: superseded searches are abandoned, the last one wins, no error shown', async () => {
    const p = await browser.context.newPage();
    try {
      await p.goto(`${site.baseUrl}/`);
      await waitForText(p, '#stats .stats__count', count((await truth('')).total, 'passage'));
      await p.locator('#searchbox input').pressSequentially('sanctuary', { delay: 0 });
      await waitForText(p, '#stats .stats__count', count((await truth('sanctuary')).total, 'passage'));
      expect(await p.isHidden('#error')).toBe(true);
    } finally {
      await p.close();
    }
  }, STEP_MS);

  test('the per-month bars count passages and refine like a list', async () => {
    const p = await browser.context.newPage();
    try {
      await p.goto(`${site.baseUrl}/?q=sanct`);
      const months = (await site.seeds.engine.search({ q: 'sanct', filters: {}, facets: ['month'], sort: 'relevance', offset: 0, limit: 0, groupByArticle: false })).facets.month ?? {};
      await waitForText(p, '#stats .stats__count', count((await truth('sanct')).total, 'passage'));
      const bars = await p.$$eval('#months .month', (bs) => bs.map((b) => [b.getAttribute('data-value'), Number(b.querySelector('.month__count')?.textContent)]));
      expect(bars).toEqual(Object.entries(months).sort((a, b) => a[0].localeCompare(b[0])));
      await p.click('#months .month[data-value="2024-03"]');
      await waitForText(p, '#stats .stats__count', count((await truth('sanct', { month: ['2024-03'] })).total, 'passage'));
      expect(await p.getAttribute('#months .month[data-value="2024-03"]', 'aria-pressed')).toBe('true');
      await p.waitForFunction(() => location.search.includes('month=2024-03'), undefined, { timeout: WAIT_MS });
    } finally {
      await p.close();
    }
  }, STEP_MS);
});
