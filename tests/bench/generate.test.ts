import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCorpus } from '../../bench/gen/generate.js';
import { TOPICS, speakerNames, syntheticWord } from '../../bench/gen/names.js';
import { createRng, zipfSampler } from '../../bench/gen/prng.js';
import { parseSentence } from '../../bench/gen/brown.js';
import { buildQuerySet, QUERY_SET_VERSION } from '../../bench/queries.js';
import { terms } from '../../engine/text.js';
import type { PassageDoc } from '../../engine/types.js';

const dirs: string[] = [];
function generate(seed: number, passages = 300) {
  const outDir = mkdtempSync(join(tmpdir(), 'bench-gen-'));
  dirs.push(outDir);
  const manifest = generateCorpus({ passages, seed, outDir });
  const read = (f: string) => readFileSync(join(outDir, f), 'utf8');
  return { manifest, passagesText: read('passages.jsonl'), articlesText: read('articles.jsonl') };
}
const lines = (s: string) => s.split('\n').filter(Boolean).map((l) => JSON.parse(l));

afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('bench corpus generator', () => {
  test('the same seed gives byte-identical files; another seed does not', () => {
    const a = generate(42);
    const b = generate(42);
    const c = generate(43);
    expect(a.passagesText).toBe(b.passagesText);
    expect(a.articlesText).toBe(b.articlesText);
    expect(c.passagesText).not.toBe(a.passagesText);
    expect(a.manifest.passages).toBe(300);
  });

  test('passages are tagged like an archive and articles hold exactly their passages', () => {
    const { passagesText, articlesText, manifest } = generate(7);
    const docs = lines(passagesText) as PassageDoc[];
    const articles = lines(articlesText) as { id: string; date: string; text: string }[];
    expect(docs).toHaveLength(300);
    expect(articles).toHaveLength(manifest.articles);
    const speakers = new Set(speakerNames(2000));
    for (const d of docs) {
      expect(d.id).toBe(`${d.articleId}-${d.position}`);
      expect(d.topics.length).toBeGreaterThanOrEqual(1);
      expect(d.topics.length).toBeLessThanOrEqual(3);
      for (const t of d.topics) expect(TOPICS).toContain(t);
      expect(d.speakers.length).toBeLessThanOrEqual(2);
      for (const s of d.speakers) {
        expect(speakers.has(s)).toBe(true);
        expect(d.text).toContain(s);
      }
      expect(d.date).not.toBeNull();
      expect(d.month).toBe(new Date(d.date! * 1000).toISOString().slice(0, 7));
      expect(d.date! >= Date.UTC(2016, 0, 1) / 1000 - 3 * 86400 && d.date! <= Date.UTC(2025, 11, 31) / 1000).toBe(true);
    }
    const byArticle = new Map<string, string[]>();
    for (const d of docs) byArticle.set(d.articleId, [...(byArticle.get(d.articleId) ?? []), d.text]);
    for (const a of articles) {
      expect(a.text).toBe(byArticle.get(a.id)!.join('\n\n'));
      expect(a.date).toBe(new Date(docs.find((d) => d.articleId === a.id)!.publishedAt! * 1000).toISOString().slice(0, 10));
    }
  });

  test('the query set warms up with whole words no measured query contains, the same for the same seed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bench-q-'));
    dirs.push(dir);
    generateCorpus({ passages: 2000, seed: 5, outDir: dir });
    const qs = await buildQuerySet(join(dir, 'passages.jsonl'), { seed: 5, perClass: 40, typingWords: 10 });
    expect(qs.version).toBe(QUERY_SET_VERSION);
    expect(qs.warmup.length).toBeGreaterThan(100);
    const measured = [...qs.keyword, ...qs.typing.map((t) => t.q), ...qs.typo.map((t) => t.q), ...qs.filtered.map((f) => f.q), ...qs.facetSearch.flatMap((f) => [f.q, f.facetQuery])];
    const measuredWords = new Set(measured.flatMap((q) => terms(q)));
    expect(measuredWords.size).toBeGreaterThan(50);
    expect(qs.warmup.flatMap((q) => terms(q)).filter((w) => measuredWords.has(w))).toEqual([]);
    expect(await buildQuerySet(join(dir, 'passages.jsonl'), { seed: 5, perClass: 40, typingWords: 10 })).toEqual(qs);
  });

  test('Brown sentences become text with proper-noun slots', () => {
    const s = parseSentence("The/at Fulton/np-tl jury/nn said/vbd ``/`` no/at evidence/nn ''/'' of/in Atlanta's/np$ vote/nn ./.")!;
    expect(s.slots).toEqual([false, true]);
    expect(s.parts).toEqual(['The ', ' jury said “no evidence” of ', ' vote.']);
    expect(s.quoted).toBe(true);
  });

  test('Zipf draws favour low ranks and synthetic words are distinct', () => {
    const draw = zipfSampler(createRng(1), 1000, 1);
    const counts = new Array<number>(1000).fill(0);
    for (let i = 0; i < 20000; i++) counts[draw()]++;
    expect(counts[0]).toBeGreaterThan(counts[9]);
    expect(counts[9]).toBeGreaterThan(counts[500]);
    const words = new Set(Array.from({ length: 5000 }, (_, i) => syntheticWord(i)));
    expect(words.size).toBe(5000);
  });
});
