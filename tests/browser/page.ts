/** Small waits over the page's DOM, failing with what was last seen instead of a bare timeout. */
import type { Page } from 'playwright-core';

export const WAIT_MS = 10_000;

export async function textOf(page: Page, selector: string): Promise<string> {
  return ((await page.locator(selector).first().textContent()) ?? '').trim();
}

export async function waitForText(page: Page, selector: string, expected: string): Promise<void> {
  try {
    await page.waitForFunction(
      ([sel, want]) => (document.querySelector(sel)?.textContent ?? '').trim() === want,
      [selector, expected] as const,
      { timeout: WAIT_MS },
    );
  } catch {
    throw new Error(`${selector}: expected "${expected}", saw "${await textOf(page, selector)}"`);
  }
}

/** label → count for one refinement list, as rendered. */
export async function listCounts(page: Page, container: string): Promise<Record<string, number>> {
  return page.$$eval(`${container} .ais-RefinementList-item`, (items) =>
    Object.fromEntries(
      items.map((li) => [
        (li.querySelector('.ais-RefinementList-labelText')?.textContent ?? '').trim(),
        Number(li.querySelector('.ais-RefinementList-count')?.textContent ?? NaN),
      ]),
    ),
  );
}

export async function allTexts(page: Page, selector: string): Promise<string[]> {
  return page.$$eval(selector, (els) => els.map((e) => (e.textContent ?? '').trim()));
}

/** Resolves when the page's next POST /instantsearch carries `query` in its first request. */
export function searchSent(page: Page, query: string) {
  return page.waitForResponse(
    (res) => {
      if (!res.url().endsWith('/instantsearch') || res.request().method() !== 'POST') return false;
      const body = JSON.parse(res.request().postData() ?? '{}') as { requests?: { params?: { query?: string } }[] };
      return body.requests?.[0]?.params?.query === query;
    },
    { timeout: WAIT_MS },
  );
}
