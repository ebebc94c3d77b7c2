/**
 * The tagger against the hand-checked gold for the five seeds: every quotation (text, kind,
 * speaker, statement date) and every passage's topics, exactly.
 */
import { readFileSync } from 'node:fs';
import { createTagger } from '../../indexer/tagging/tagger.js';
import type { QuoteKind } from '../../indexer/tagging/types.js';
import { seedFiles, seedInput } from './seed-text.js';

interface GoldArticle {
  seed: string;
  published: string | null;
  quotes: Array<{ text: string; kind: QuoteKind; speaker: string | null; date: string | null }>;
  passages: Array<{ opens: string; topics: string[] }>;
}

const gold = JSON.parse(readFileSync(new URL('../fixtures/seed-gold.json', import.meta.url), 'utf8')) as { articles: GoldArticle[] };
const tagger = createTagger();

test('the gold covers every seed', () => {
  expect(gold.articles.map((a) => a.seed)).toEqual(seedFiles());
});

describe.each(gold.articles)('seed $seed', (article) => {
  const input = seedInput(article.seed);
  const result = tagger.tag(input);

  test('publication date read from the date line', () => {
    expect(input.date ?? null).toBe(article.published);
  });

  test('every quotation with its kind, speaker and date', () => {
    const got = result.quotes.map((q) => ({ text: input.text.slice(q.start, q.end), kind: q.kind, speaker: q.speaker, date: q.date }));
    expect(got).toEqual(article.quotes);
  });

  test('every passage with its topics', () => {
    const got = result.passages.map((p) => ({ opens: input.text.slice(p.start, p.end).slice(0, 60), topics: p.topics }));
    expect(got).toEqual(article.passages);
  });

  test('each quote names its speaker with a mention span in the text', () => {
    for (const q of result.quotes.filter((x) => x.speaker)) {
      expect(q.mention).not.toBeNull();
      expect(q.mention!.end).toBeGreaterThan(q.mention!.start);
    }
  });
});
