import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { articleId, deriveTitle, toArticle, TITLE_MAX_CHARS } from '../../indexer/article.js';
import { inferPublicationDate, parseDateField } from '../../indexer/article-date.js';
import { parseTextArticle } from '../../indexer/load/text.js';
import type { Article } from '../../indexer/types.js';

function seedArticles(): Article[] {
  return readdirSync('seeds')
    .sort()
    .map((name) => {
      const item = parseTextArticle(readFileSync(join('seeds', name), 'utf8'), join('seeds', name));
      if (item.kind !== 'article') throw new Error(`seed ${name} rejected`);
      const outcome = toArticle(item.article);
      if (!outcome.ok) throw new Error(outcome.rejection.reason);
      return outcome.article;
    });
}

describe('seed metadata', () => {
  const seeds = seedArticles();

  test('dates: 000 from its date line, 004 inferred from "today, March 27" and July 2023, the rest unknown', () => {
    expect(seeds.map((a) => [a.publishedDate, a.dateSource])).toEqual([
      ['2024-03-17', 'header'],
      [null, 'unknown'],
      [null, 'unknown'],
      [null, 'unknown'],
      ['2024-03-27', 'inferred'],
    ]);
  });

  test('ids are stable, distinct and safe for URLs and Meilisearch', () => {
    const again = seedArticles();
    expect(again.map((a) => a.id)).toEqual(seeds.map((a) => a.id));
    expect(new Set(seeds.map((a) => a.id)).size).toBe(5);
    for (const a of seeds) expect(a.id).toMatch(/^[0-9a-f]{16}$/);
  });

  test('titles: first sentence without the dateline, cut at a word boundary', () => {
    expect(seeds.map((a) => a.title)).toEqual([
      'Defence Minister Khawaja Asif has said that militants using Afghan soil to carry out attacks inside Pakistan as seven…',
      'Pakistan’s Defense Minister Khawaja Muhammad Asif said on Sunday that “terrorism” in the South Asian country was being…',
      'Pakistan’s Defense Minister Khawaja Asif announced on Thursday that the government plans to send a delegation to…',
      'Deputy Prime Minister Ishaq Dar has urged Afghanistan’s interim government to prevent the use of Afghan soil for…',
      'Khawaja Muhammad Asif, Pakistan’s Defense Minister, says that the sources of his country’s problem of terrorism are in…',
    ]);
    for (const a of seeds) expect(a.title.length).toBeLessThanOrEqual(TITLE_MAX_CHARS);
  });

  test('the body keeps the dateline and loses the date line', () => {
    expect(seeds[1].text.startsWith('ISLAMABAD: ')).toBe(true);
    expect(seeds[0].text.startsWith('Defence Minister')).toBe(true);
  });
});

describe('ids', () => {
  test('a safe input id is kept; an unsafe one is hashed into the safe alphabet', () => {
    expect(articleId({ id: 'dawn-2024_001' }, 'x')).toBe('dawn-2024_001');
    const hashed = articleId({ id: 'dawn/2024 #1' }, 'x');
    expect(hashed).toMatch(/^[0-9a-f]{16}$/);
    expect(articleId({ id: 'dawn/2024 #1' }, 'other text')).toBe(hashed);
  });

  test('the url decides when there is no id: fragment, utm_* and host case do not matter', () => {
    const a = articleId({ url: 'https://Example.com/news/1?utm_source=tw#top' }, 'one');
    expect(articleId({ url: 'https://example.com/news/1' }, 'two')).toBe(a);
    expect(articleId({ url: 'https://example.com/news/2' }, 'one')).not.toBe(a);
  });

  test('otherwise the text decides, whitespace-insensitively', () => {
    expect(articleId({}, 'A  b\nc')).toBe(articleId({}, 'A b c'));
    expect(articleId({}, 'A b c')).not.toBe(articleId({}, 'A b d'));
  });
});

describe('dates', () => {
  test('field dates: ISO with or without time, prose; impossible dates are errors', () => {
    expect(parseDateField('2024-03-17')).toEqual({ ok: true, date: '2024-03-17' });
    expect(parseDateField('2024-03-17T23:30:00-05:00')).toEqual({ ok: true, date: '2024-03-17' });
    expect(parseDateField('March 7, 2024')).toEqual({ ok: true, date: '2024-03-07' });
    expect(parseDateField('7 March 2024')).toEqual({ ok: true, date: '2024-03-07' });
    expect(parseDateField('2025-02-30')).toEqual({ ok: false, reason: 'date "2025-02-30" does not exist (February 2025 has 28 days)' });
    expect(parseDateField('2024-13-01')).toEqual({ ok: false, reason: 'date "2024-13-01" does not exist (there is no month 13)' });
    expect(parseDateField('yesterday')).toEqual({ ok: false, reason: 'unrecognised date "yesterday" (expected YYYY-MM-DD)' });
  });

  test('an article with an impossible date is rejected, with its id kept for --prune', () => {
    const outcome = toArticle({ origin: 'feed.ndjson:3', id: 'a1', date: '2025-02-30', text: 'Text.' });
    expect(outcome).toEqual({ ok: false, articleId: 'a1', rejection: { origin: 'feed.ndjson:3', reason: 'date "2025-02-30" does not exist (February 2025 has 28 days)' } });
  });

  test('inference needs an anchor and a year', () => {
    expect(inferPublicationDate('He spoke today, March 27, about it.')).toBeNull();
    expect(inferPublicationDate('On March 27 he spoke. In July 17, 2023 too.')).toBeNull();
    expect(inferPublicationDate('He spoke today, March 27, 2022.')).toEqual({ date: '2022-03-27', evidence: '"today, March 27, 2022"' });
    expect(inferPublicationDate('He spoke today (Wednesday, March 27). Earlier, on 5 August 2023, he had…')?.date).toBe('2024-03-27');
    expect(inferPublicationDate('LONDON, Jan. 4 (Reuters) - Talks began on December 30, 2023.')).toEqual({
      date: '2024-01-04',
      evidence: '"LONDON, Jan. 4", year from the latest full date in the text ("December 30, 2023")',
    });
    expect(inferPublicationDate('Tonight, February 29, they meet. The deal of March 3, 2021 still holds.')?.date).toBe('2024-02-29');
  });

  test('a date stated in the text is used only as inferred, never as a header date', () => {
    const outcome = toArticle({ origin: 'x.txt', text: 'The minister said today, March 27, that talks of July 17, 2023 failed.' });
    expect(outcome.ok && [outcome.article.publishedDate, outcome.article.dateSource]).toEqual(['2024-03-27', 'inferred']);
  });
});

describe('titles and text', () => {
  test('given titles are cleaned; derived ones drop datelines and a final period', () => {
    expect(deriveTitle('LONDON, March 27 (Reuters) - Prices rose. Then fell.')).toBe('Prices rose');
    expect(deriveTitle('KARACHI: Rain hit the city.\nMore.')).toBe('Rain hit the city');
    const outcome = toArticle({ origin: 'x', title: '  Two\n lines\uE000 ', text: 'Body\r\nwith CRLF\uE001 and\u0007 bell.' });
    expect(outcome.ok && [outcome.article.title, outcome.article.text]).toEqual(['Two lines', 'Body\nwith CRLF and bell.']);
  });
});
