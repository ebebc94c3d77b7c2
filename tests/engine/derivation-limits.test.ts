/**
 * Meilisearch's derivation limits (engine/query.ts): a query word matches at most 150 one-typo
 * words, 50 two-typo words and, for a prefix outside Meilisearch's prefix database, 1,000 longer
 * words, the first ones in sorted order. Synthetic vocabularies large enough to reach each limit.
 */
import { MAX_ONE_TYPO_COUNT, MAX_PREFIX_COUNT, MAX_TWO_TYPOS_COUNT, matchTypos, parseQuery } from '../../engine/query.js';
import type { PassageDoc } from '../../engine/types.js';
import { indexDocs, passage, req, type TempIndex } from './fixture.js';
import { oracleSearch } from './oracle.js';

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/** Every word one edit away from `w` that keeps its first letter (matchTypos's typo rule). */
function oneEditAway(w: string): string[] {
  const out = new Set<string>();
  for (let i = 1; i <= w.length; i++) {
    if (i < w.length) out.add(w.slice(0, i) + w.slice(i + 1));
    for (const c of LETTERS) {
      out.add(w.slice(0, i) + c + w.slice(i));
      if (i < w.length) out.add(w.slice(0, i) + c + w.slice(i + 1));
    }
  }
  const whole = parseQuery(`${w} `).words[0];
  return [...out].filter((t) => matchTypos(whole, t) === 1).sort();
}

const ONE_TYPO = oneEditAway('kanpur');
/** 'marmalades' with letters 3 and 6 changed: two typos each. */
const TWO_TYPOS = [...'bcdfghjkl'].flatMap((a) => [...'bcdfghjkl'].map((b) => `mar${a}al${b}des`)).sort();
/** 1,100 words starting with 'zanzib'. */
const PREFIXED = Array.from({ length: 1100 }, (_, i) => `zanzib${LETTERS[Math.floor(i / 26 / 26) % 26]}${LETTERS[Math.floor(i / 26) % 26]}${LETTERS[i % 26]}`).sort();

function corpus(): PassageDoc[] {
  const docs: PassageDoc[] = [];
  ONE_TYPO.forEach((w, i) => docs.push(passage('k', i, `${w} report from the city`)));
  docs.push(passage('k', ONE_TYPO.length, 'kanpur report'));
  TWO_TYPOS.forEach((w, i) => docs.push(passage('m', i, `fresh ${w}`)));
  PREFIXED.forEach((w, i) => docs.push(passage('z', i, `${w} island`)));
  return docs;
}

const wordsOf = (hits: { doc: PassageDoc }[]): string[] => hits.map((h) => h.doc.text.split(' ')[0]);

describe('derivation limits', () => {
  const docs = corpus();
  let index: TempIndex;
  let bare: TempIndex;
  beforeAll(async () => {
    index = await indexDocs(docs);
    // Nothing stored for prefixes: whether a prefix is capped must not depend on what the build stored.
    bare = await indexDocs(docs, { prefixMaxLength: 0 });
  });
  afterAll(async () => {
    await index.cleanup();
    await bare.cleanup();
  });

  it('has vocabularies past each limit', () => {
    expect(ONE_TYPO.length).toBeGreaterThan(MAX_ONE_TYPO_COUNT + 50);
    expect(TWO_TYPOS.length).toBe(81);
    expect(new Set(PREFIXED).size).toBe(1100);
  });

  it('keeps the first 150 one-typo words in sorted order, and the exact word', async () => {
    const r = await index.engine.search(req('kanpur ', { limit: 400 }));
    expect(r.totalHits).toBe(1 + MAX_ONE_TYPO_COUNT);
    expect(wordsOf(r.hits)[0]).toBe('kanpur');
    expect(wordsOf(r.hits).slice(1).sort()).toEqual(ONE_TYPO.slice(0, MAX_ONE_TYPO_COUNT));
  });

  it('keeps the first 50 two-typo words', async () => {
    const r = await index.engine.search(req('marmalades ', { limit: 100 }));
    expect(r.totalHits).toBe(MAX_TWO_TYPOS_COUNT);
    expect(r.hits.map((h) => h.doc.text.split(' ')[1]).sort()).toEqual(TWO_TYPOS.slice(0, MAX_TWO_TYPOS_COUNT));
  });

  it.each([
    ['zanzib', MAX_PREFIX_COUNT],
    ['zanzi', MAX_PREFIX_COUNT],
    // Four letters and at least 100 words: in Meilisearch's prefix database, so every word.
    ['zanz', 1100],
  ])('prefix %s matches %i words, stored or not', async (q, n) => {
    for (const engine of [index.engine, bare.engine]) {
      const r = await engine.search(req(q, { limit: 2000 }));
      expect(r.totalHits).toBe(n);
      expect(wordsOf(r.hits).sort()).toEqual(PREFIXED.slice(0, n));
    }
  });

  it.each(['kanpur report', 'kanpu', 'kanpur rep', 'report kanpu', 'fresh marmalades', 'zanzibaa island', 'zanzibaz'])('answers %j as the oracle does', async (q) => {
    const request = req(q, { limit: 60 });
    const want = oracleSearch(docs, request);
    for (const engine of [index.engine, bare.engine]) {
      const got = await engine.search(request);
      expect({ ids: got.hits.map((h) => h.doc.id), totalHits: got.totalHits }).toEqual({ ids: want.ids, totalHits: want.totalHits });
    }
  });
});
