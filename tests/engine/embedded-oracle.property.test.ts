/**
 * Random small corpora and queries: the embedded engine answers exactly as the naive oracle
 * (hits in order, totals, disjunctive facets, date stats, facet value search, completions).
 */
import fc from 'fast-check';
import { EMBEDDED_DEFAULTS } from '../../engine/embedded/index.js';
import type { FacetName, PassageDoc, SearchRequest } from '../../engine/types.js';
import { indexDocs, passage, utc } from './fixture.js';
import { oracleCompletions, oracleFacetValues, oracleSearch } from './oracle.js';

const WORDS = [
  'minister', 'ministers', 'ministry', 'mine', 'border', 'borders', 'boarder', 'trade', 'trader', 'asif', 'asad',
  'tarar', 'afghanistan', 'afghan', 'zürich', 'zurich', 'a', 'an', 'the', '2024', 'budget', 'budge', 'inflation',
  'informal', 'security', 'secure', 'said', 'sanctuaries',
];
const SPEAKERS = ['Khawaja Asif', 'Asad Qaiser', 'Ataullah Tarar', 'Maryam Nawaz'];
const TOPICS = ['Security', 'Economy', 'Diplomacy'];
const PLACES = ['Kabul', 'Islamabad', 'Zürich'];
const DATES = [null, utc('2024-03-17'), utc('2024-03-18'), utc('2024-05-02'), utc('2023-11-20')];

const docArb = fc.record({
  article: fc.integer({ min: 0, max: 5 }),
  text: fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 12 }),
  title: fc.array(fc.constantFrom(...WORDS), { maxLength: 3 }),
  speakers: fc.uniqueArray(fc.constantFrom(...SPEAKERS), { maxLength: 2 }),
  topics: fc.uniqueArray(fc.constantFrom(...TOPICS), { maxLength: 2 }),
  places: fc.uniqueArray(fc.constantFrom(...PLACES), { maxLength: 2 }),
  // Up to 9 facet values per passage: more than the 7 a combined-facet slot holds.
  organisations: fc.uniqueArray(fc.constantFrom('UN', 'EU', 'NATO'), { maxLength: 2 }),
  date: fc.constantFrom(...DATES),
});

const corpusArb = fc.array(docArb, { minLength: 6, maxLength: 40 }).map((raw) => {
  const positions = new Map<number, number>();
  return raw.map((r): PassageDoc => {
    const position = positions.get(r.article) ?? 0;
    positions.set(r.article, position + 1);
    return passage(`art${r.article}`, position, r.text.join(' '), {
      title: r.title.join(' '),
      speakers: r.speakers,
      topics: r.topics,
      places: r.places,
      organisations: r.organisations,
      date: r.date,
    });
  });
});

/** A query word: whole, cut short (prefix), or with one letter changed after the first. */
const wordArb = fc
  .tuple(fc.constantFrom(...WORDS, 'asif', 'tar', 'sec', 'min'), fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 8 }))
  .map(([w, how, at]) => {
    if (how === 1 && w.length > 1) return w.slice(0, Math.max(1, w.length - at));
    if (how === 2 && w.length > 2) {
      const i = 1 + (at % (w.length - 1));
      return w.slice(0, i) + (w[i] === 'e' ? 'a' : 'e') + w.slice(i + 1);
    }
    return w;
  });

const rarely = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> =>
  fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });

const requestArb = fc.record({
  q: fc.oneof(
    { weight: 1, arbitrary: fc.constant('') },
    // Typing the first letters: the precomputed prefix path.
    { weight: 1, arbitrary: fc.constantFrom('a', 'm', 'mi', 'bo', 't', 'th', 'se', 'as', 'z', 'B') },
    // Five letters typed, one typo allowed: 4-letter deletions that are stored prefixes join the
    // one-typo set whole (expand.ts wholeTypoSubtrees).
    { weight: 1, arbitrary: fc.constantFrom('minis', 'minsi', 'mnist', 'bordr', 'boder', 'tradr', 'secru', 'budgt', 'afgan', 'sanct') },
    {
      weight: 4,
      arbitrary: fc.tuple(fc.array(wordArb, { minLength: 1, maxLength: 2 }), fc.boolean()).map(([ws, space]) => ws.join(' ') + (space ? ' ' : '')),
    },
  ),
  // Mostly unfiltered, so that most queries rank several hits.
  speakers: rarely(fc.uniqueArray(fc.constantFrom(...SPEAKERS), { maxLength: 2 })),
  topics: rarely(fc.uniqueArray(fc.constantFrom(...TOPICS), { maxLength: 1 })),
  dateFrom: rarely(fc.constantFrom(...DATES.filter((d): d is number => d !== null))),
  sort: fc.constantFrom('relevance', 'date:desc', 'date:asc' as const),
  offset: fc.integer({ min: 0, max: 3 }),
  limit: fc.integer({ min: 2, max: 30 }),
  groupByArticle: fc.boolean(),
  // Few values per facet, so that the cut and the order of ties are exercised.
  maxValuesPerFacet: fc.constantFrom(undefined, 1, 2, 3),
});

const FACETS: FacetName[] = ['speakers', 'topics', 'places', 'organisations', 'month'];

test('search, facet value search and completions agree with the naive oracle', async () => {
  let rankedSeveral = 0;
  await fc.assert(
    // With prefixMinTerms 1 every 1–2 letter prefix gets precomputed postings and facet counts;
    // rankPerPassageBelow 0 ranks one-word queries by bucket bitmaps (the path of large result sets);
    // bitmapTermShare stores every term (1/64 of a small corpus is under one passage), the common
    // ones (0.1) or almost none (1) as bitmaps instead of postings. Postings come from the file, or
    // from the in-memory region (views shared by every query: a query writing to one would show);
    // documents through SQLite's memory map or its reads. A word-set cache of 2 KB drops sets all the
    // time, mid-search too, so their bitmaps are recycled (set-arena.ts) while queries run.
    fc.asyncProperty(corpusArb, fc.array(requestArb, { minLength: 1, maxLength: 8 }), fc.boolean(), fc.boolean(), fc.constantFrom(1 / 64, 0.1, 1), fc.boolean(), fc.boolean(), fc.boolean(), async (docs, reqs, precomputed, bySets, share, resident, mapped, tinyCache) => {
      const index = await indexDocs(docs, { bitmapTermShare: share, residentPostings: resident, docsMmapBytes: mapped ? EMBEDDED_DEFAULTS.docsMmapBytes : 0, ...(precomputed ? { prefixMinTerms: 1 } : {}), ...(bySets ? { rankPerPassageBelow: 0 } : {}), ...(tinyCache ? { wordSetCacheBytes: 2048 } : {}) });
      try {
        const engine = index.engine as unknown as { backgroundLoads(): Promise<boolean>; snapshot(): { residentBytes: number } };
        expect(await engine.backgroundLoads()).toBe(true);
        expect(engine.snapshot().residentBytes > 0).toBe(resident);
        for (const r of reqs) {
          const req: SearchRequest = {
            q: r.q,
            filters: { speakers: r.speakers, topics: r.topics, dateFrom: r.dateFrom },
            facets: FACETS,
            sort: r.sort,
            offset: r.offset,
            limit: r.limit,
            groupByArticle: r.groupByArticle,
            maxValuesPerFacet: r.maxValuesPerFacet,
          };
          const got = await index.engine.search(req);
          const want = oracleSearch(docs, req);
          if (r.q.trim() !== '' && want.totalHits > 1) rankedSeveral++;
          // Entries, not records: the order of a facet's values is part of the answer (not the order of facets).
          const ordered = (f: Partial<Record<string, Readonly<Record<string, number>>>>) =>
            Object.entries(f)
              .sort((a, b) => (a[0] < b[0] ? -1 : 1))
              .map(([k, v]) => [k, Object.entries(v ?? {})]);
          expect({ q: r.q, ids: got.hits.map((h) => h.doc.id), totalHits: got.totalHits, facets: ordered(got.facets), facetStats: got.facetStats }).toEqual({
            q: r.q,
            ...want,
            facets: ordered(want.facets),
          });
          const fq = { facet: 'speakers' as const, facetQuery: r.q.slice(0, 3), q: r.q, filters: req.filters, limit: 3 };
          expect(await index.engine.searchFacetValues(fq)).toEqual(oracleFacetValues(docs, fq));
          expect(await index.engine.completeWord(r.q, 4)).toEqual(oracleCompletions(docs, r.q, 4));
        }
      } finally {
        await index.cleanup();
      }
    }),
    { numRuns: 60 },
  );
  // The property only means something if ranking was exercised.
  expect(rankedSeveral).toBeGreaterThan(40);
});

test('typing a query one keystroke at a time, facet counts agree with the naive oracle at every keystroke', async () => {
  // Each keystroke's counts may start from the previous one's (search.ts countAllNear).
  const typedArb = fc.tuple(fc.option(fc.constantFrom(...WORDS), { nil: undefined }), fc.constantFrom(...WORDS, 'ministre', 'bordr', 'secruity'), fc.boolean());
  await fc.assert(
    fc.asyncProperty(corpusArb, fc.array(typedArb, { minLength: 1, maxLength: 3 }), fc.boolean(), fc.boolean(), async (docs, typed, precomputed, filtered) => {
      const index = await indexDocs(docs, precomputed ? { prefixMinTerms: 1 } : {});
      try {
        for (const [head, word, space] of typed) {
          const keystrokes = [...Array.from({ length: word.length }, (_, i) => word.slice(0, i + 1)), ...(space ? [`${word} `] : [])];
          for (const k of keystrokes) {
            const req: SearchRequest = { q: head ? `${head} ${k}` : k, filters: filtered ? { topics: ['Security'] } : {}, facets: FACETS, sort: 'relevance', offset: 0, limit: 5, groupByArticle: false };
            const got = await index.engine.search(req);
            const want = oracleSearch(docs, req);
            expect({ q: req.q, totalHits: got.totalHits, facets: got.facets }).toEqual({ q: req.q, totalHits: want.totalHits, facets: want.facets });
          }
        }
      } finally {
        await index.cleanup();
      }
    }),
    { numRuns: 40 },
  );
});

/** Few distinct words, so that multi-word queries match many passages: the large-candidate-set case. */
const DENSE_WORDS = ['minister', 'ministers', 'border', 'trade', 'said', 'the'];
const denseCorpusArb = fc
  .array(fc.record({ text: fc.array(fc.constantFrom(...DENSE_WORDS), { minLength: 1, maxLength: 10 }), title: fc.array(fc.constantFrom(...DENSE_WORDS), { maxLength: 2 }) }), {
    minLength: 20,
    maxLength: 40,
  })
  .map((raw) => raw.map((r, i): PassageDoc => passage(`art${i % 5}`, Math.floor(i / 5), r.text.join(' '), { title: r.title.join(' ') })));
const denseQueryArb = fc
  .tuple(fc.array(fc.constantFrom(...DENSE_WORDS, 'min', 'bord', 'tr', 'ministre'), { minLength: 2, maxLength: 3 }), fc.boolean())
  .map(([ws, space]) => ws.join(' ') + (space ? ' ' : ''));

test('past the proximity scan budget, the bitmap shortcut for large candidate sets ranks exactly as keying every candidate', async () => {
  let exercised = 0;
  await fc.assert(
    // rankPerPassageBelow 0 lets multi-word queries take the shortcut (rank.ts scanLowestKeys); a huge
    // value never does. A budget of 2–8 scans makes the shortcut apply to these small corpora.
    fc.asyncProperty(
      denseCorpusArb,
      fc.array(fc.record({ q: denseQueryArb, offset: fc.integer({ min: 0, max: 1 }), limit: fc.integer({ min: 1, max: 4 }), groupByArticle: fc.boolean() }), { minLength: 1, maxLength: 8 }),
      fc.integer({ min: 2, max: 8 }),
      async (docs, reqs, scans) => {
        const shortcut = await indexDocs(docs, { maxProximityScans: scans, rankPerPassageBelow: 0 });
        const longWay = await indexDocs(docs, { maxProximityScans: scans, rankPerPassageBelow: 1_000_000 });
        try {
          for (const r of reqs) {
            const req: SearchRequest = { q: r.q, filters: {}, facets: [], sort: 'relevance', offset: r.offset, limit: r.limit, groupByArticle: r.groupByArticle };
            const got = await shortcut.engine.search(req);
            const want = await longWay.engine.search(req);
            if (got.totalHits > scans) exercised++;
            expect({ q: r.q, scans, ids: got.hits.map((h) => h.doc.id) }).toEqual({ q: r.q, scans, ids: want.hits.map((h) => h.doc.id) });
          }
        } finally {
          await shortcut.cleanup();
          await longWay.cleanup();
        }
      },
    ),
    { numRuns: 60 },
  );
  // 65–89 in eight runs of 60 random cases: the bound only says the property was exercised at all.
  expect(exercised).toBeGreaterThan(30);
});
