import { assembleResult, taggedRanges, toPassageDoc, toSearchHit, widenToWords } from '../../engine/meilisearch/response.js';
import { buildSearchPlan, HIGHLIGHT_POST as E, HIGHLIGHT_PRE as S } from '../../engine/meilisearch/search-plan.js';
import type { PassageDoc, SearchRequest } from '../../engine/types.js';
import { CONTRACT_PASSAGES } from '../fixtures/contract-passages.js';

// Fixture k1-1: “By people who are there but definitely they have sanctuaries here,” Asif told reporters in Sialkot.
const doc: PassageDoc = CONTRACT_PASSAGES[1];
const TEXT = doc.text;
const SANCT = TEXT.indexOf('sanctuaries');
const ASIF = TEXT.indexOf('Asif');
/** A stored document as Meilisearch returns it (plain JSON object). */
const raw = (d: PassageDoc, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ ...d, ...extra });
/** TEXT with "sanct" of sanctuaries (a prefix match) and all of "Asif" tagged, as Meilisearch renders them. */
const FORMATTED = `${TEXT.slice(0, SANCT)}${S}sanct${E}${TEXT.slice(SANCT + 5, ASIF)}${S}Asif${E}${TEXT.slice(ASIF + 4)}`;

describe('highlight tags → ranges on the original text', () => {
  it('reads private-use tags as offsets of the untagged text', () => {
    expect(SANCT).toBe(50);
    expect(ASIF).toBe(69);
    expect(taggedRanges(FORMATTED, TEXT)).toEqual([[50, 55], [69, 73]]);
  });

  it('widens a prefix match (Meilisearch marks only the typed part) to the whole word', () => {
    expect(widenToWords(TEXT, [[50, 55], [69, 73]])).toEqual([[50, 61], [69, 73]]);
  });

  it('refuses offsets when the untagged text differs from the stored text', () => {
    expect(taggedRanges(`${S}x${E}`, 'y')).toBeNull();
  });

  it('a hit gets whole-word ranges from _formatted; without usable tags it falls back to the shared matcher', () => {
    const hit = toSearchHit(raw(doc, { _formatted: { text: FORMATTED }, _rankingScore: 0.9 }), 'asif sanct');
    expect(hit.matches).toEqual([[50, 61], [69, 73]]);
    expect(hit.doc).toEqual(doc);
    expect(toSearchHit(raw(doc, { _formatted: { text: 'mangled' } }), 'asif sanct').matches).toEqual([[50, 61], [69, 73]]);
    expect(toSearchHit(raw(doc), '').matches).toEqual([]);
  });

  it('maps astral characters by UTF-16 offsets like the embedded engine', () => {
    const text = '🦀 Asif';
    expect(taggedRanges(`🦀 ${S}Asif${E}`, text)).toEqual([[3, 7]]);
  });
});

describe('toPassageDoc', () => {
  it('keeps exactly the PassageDoc fields and fills absent ones', () => {
    expect(toPassageDoc({ id: 'x-0', articleId: 'x', text: 't', _formatted: {}, extra: 1 })).toEqual({
      id: 'x-0',
      articleId: 'x',
      title: '',
      source: null,
      url: null,
      position: 0,
      text: 't',
      speakers: [],
      topics: [],
      places: [],
      organisations: [],
      publishedAt: null,
      dateSource: 'unknown',
      statementDate: null,
      date: null,
      month: null,
    });
  });
});

describe('assembleResult', () => {
  const base: SearchRequest = { q: 'sanctuaries', filters: { speakers: ['Khawaja Asif'] }, facets: ['speakers', 'topics'], sort: 'relevance', offset: 0, limit: 10, groupByArticle: true };

  it('takes hits and totalHits from the hits query, counts from the others, date stats from the unfiltered-by-distinct query', () => {
    const plan = buildSearchPlan(base, 'passages');
    expect(plan.roles.map((r) => r.hits)).toEqual([true, false, false]);
    const result = assembleResult(
      plan,
      [
        { hits: [raw(doc, { _formatted: { text: TEXT.replace('sanctuaries', `${S}sanctuaries${E}`) } })], totalHits: 3, facetDistribution: { speakers: { 'Khawaja Asif': 1 } } },
        { hits: [], totalHits: 5, facetDistribution: { topics: { Terrorism: 4, Borders: 2 }, date: { '1710633600': 5 } }, facetStats: { date: { min: 1710633600, max: 1711497600 } } },
        { hits: [], totalHits: 7, facetDistribution: { speakers: { 'Khawaja Asif': 5, 'Ishaq Dar': 2 } } },
      ],
      12,
    );
    expect(result).toEqual({
      hits: [{ doc, matches: [[50, 61]] }],
      totalHits: 3,
      facets: { topics: { Terrorism: 4, Borders: 2 }, speakers: { 'Khawaja Asif': 5, 'Ishaq Dar': 2 } },
      facetStats: { date: { min: 1710633600, max: 1711497600 } },
      processingTimeMs: 12,
    });
  });

  it('no dated passage → date stats null; a requested facet with no values → {}', () => {
    const plan = buildSearchPlan({ ...base, filters: {}, groupByArticle: false, facets: ['places'] }, 'passages');
    const result = assembleResult(plan, [{ hits: [], totalHits: 0 }], 1);
    expect(result.facets).toEqual({ places: {} });
    expect(result.facetStats).toEqual({ date: null });
  });

  it('cuts each value facet to maxValuesPerFacet by count then value, whatever order Meilisearch sent; months stay whole, in calendar order', () => {
    const plan = buildSearchPlan({ ...base, filters: {}, groupByArticle: false, facets: ['speakers', 'month'], maxValuesPerFacet: 2 }, 'passages');
    expect(plan.maxValues).toBe(2);
    const result = assembleResult(
      plan,
      [{ hits: [], totalHits: 9, facetDistribution: { speakers: { Zed: 3, Amy: 1, Bob: 3, Cy: 2 }, month: { '2024-06': 1, '2023-11': 4, '2024-03': 4 } } }],
      1,
    );
    expect(Object.entries(result.facets.speakers ?? {})).toEqual([['Bob', 3], ['Zed', 3]]);
    expect(Object.entries(result.facets.month ?? {})).toEqual([['2023-11', 4], ['2024-03', 4], ['2024-06', 1]]);
  });

  it('drops the skipped hits of an unaligned page', () => {
    const plan = buildSearchPlan({ ...base, filters: {}, facets: [], groupByArticle: false, offset: 1, limit: 2 }, 'passages');
    expect(plan.skip).toBe(1);
    const result = assembleResult(plan, [{ hits: [raw(doc), raw(CONTRACT_PASSAGES[2])], totalHits: 2 }], 1);
    expect(result.hits.map((h) => h.doc.id)).toEqual(['k1-2']);
  });

  it('a result count that does not match the plan is an error, not a silent misread', () => {
    const plan = buildSearchPlan(base, 'passages');
    expect(() => assembleResult(plan, [{ hits: [] }], 1)).toThrow(/3 queries/);
  });
});
