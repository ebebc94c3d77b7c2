import { facetValueMatches, facetValuesQuery, pickFacetValues } from '../../engine/meilisearch/facet-values.js';
import { applyLedger, completionPrefix, completionQuery, toCompletions, wordId, WordLedger } from '../../engine/meilisearch/words.js';
import { passageIndexSettings, wordIndexSettings } from '../../engine/meilisearch/settings.js';
import { INDEX_SETTINGS } from '../../engine/types.js';

describe('facet value search', () => {
  it('asks for the full distribution under q and every filter except the facet’s own', () => {
    expect(
      facetValuesQuery(
        { facet: 'speakers', facetQuery: 'as', q: 'Afghanistan', filters: { speakers: ['Ishaq Dar'], topics: ['Terrorism'] }, limit: 5 },
        'passages',
      ),
    ).toEqual({ indexUid: 'passages', q: 'afghanistan', matchingStrategy: 'all', filter: ['topics = "Terrorism"'], page: 1, hitsPerPage: 0, facets: ['speakers'] });
  });

  it('matches any word of a value as a prefix, ignoring case and accents', () => {
    expect(facetValueMatches('Khawaja Asif', 'asi')).toBe(true);
    expect(facetValueMatches('Khawaja Asif', 'KHAW')).toBe(true);
    expect(facetValueMatches('Khawaja Asif', 'sif')).toBe(false);
    expect(facetValueMatches('Zürich', 'zur')).toBe(true);
    expect(facetValueMatches('Ishaq Dar', 'dar ish')).toBe(true);
    expect(facetValueMatches('Ishaq Dar', 'dar x')).toBe(false);
    expect(facetValueMatches('anything', '  ')).toBe(true);
  });

  it('sorts by count desc then value asc and applies the limit', () => {
    const dist = { 'Asad Qaiser': 2, 'Khawaja Asif': 6, 'Ataullah Tarar': 2, 'Ishaq Dar': 3, Nobody: 0 };
    expect(pickFacetValues(dist, 'a', 3)).toEqual([
      { value: 'Khawaja Asif', count: 6 },
      { value: 'Asad Qaiser', count: 2 },
      { value: 'Ataullah Tarar', count: 2 },
    ]);
    expect(pickFacetValues(dist, '', 10).map((v) => v.value)).toEqual(['Khawaja Asif', 'Ishaq Dar', 'Asad Qaiser', 'Ataullah Tarar']);
    expect(pickFacetValues(undefined, '', 10)).toEqual([]);
  });
});

describe('word side index', () => {
  it('ids are valid Meilisearch ids for any script', () => {
    for (const w of ['afghanistan', 'zurich', 'پاکستان', '2024']) expect(wordId(w)).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(wordId('a')).not.toBe(wordId('b'));
  });

  it('counts passages per word (a passage counts once) and applies deltas to current counts', () => {
    const ledger = new WordLedger();
    ledger.add('Border, border and the border.', 1);
    ledger.add('The Taliban border', 1);
    ledger.add('Old text about the Taliban', -1);
    const { upserts, deletes } = applyLedger(ledger, new Map([['taliban', 1], ['old', 1], ['about', 4], ['text', 1]]));
    expect(Object.fromEntries(upserts.map((d) => [d.word, d.count]))).toEqual({ border: 2, and: 1, the: 1, about: 3 });
    expect(deletes.sort()).toEqual([wordId('old'), wordId('text')].sort());
    expect(upserts.every((d) => d.id === wordId(d.word))).toBe(true);
  });

  it('completes the last typed term, most frequent first, only true prefixes', () => {
    expect(completionPrefix('sanctuaries in Afgh')).toBe('afgh');
    expect(completionPrefix(' ,')).toBeNull();
    expect(completionQuery('afgh', 5, 'passages_words')).toEqual({
      indexUid: 'passages_words',
      q: 'afgh',
      matchingStrategy: 'all',
      sort: ['count:desc', 'word:asc'],
      page: 1,
      hitsPerPage: 5,
      attributesToRetrieve: ['word', 'count'],
    });
    expect(toCompletions([{ word: 'afghanistan', count: 9 }, { word: 'afghan', count: 4 }, { word: 'kabul', count: 2 }], 'afgh')).toEqual([
      { word: 'afghanistan', count: 9 },
      { word: 'afghan', count: 4 },
    ]);
  });
});

describe('settings', () => {
  it('passage index settings follow INDEX_SETTINGS, with sort first, dates comparable, typo defaults', () => {
    const s = passageIndexSettings();
    expect(s.searchableAttributes).toEqual(['text', 'title', 'speakers', 'topics', 'places', 'organisations']);
    expect(s.rankingRules).toEqual(['sort', 'words', 'typo', 'proximity', 'attribute', 'exactness']);
    expect(s.sortableAttributes).toEqual(['date', 'publishedAt', 'position']);
    expect(s.filterableAttributes).toEqual([
      { attributePatterns: ['speakers', 'topics', 'places', 'organisations', 'month', 'articleId'], features: { facetSearch: false, filter: { equality: true, comparison: false } } },
      { attributePatterns: ['date', 'publishedAt', 'statementDate'], features: { facetSearch: false, filter: { equality: true, comparison: true } } },
    ]);
    expect(s.faceting).toEqual({ maxValuesPerFacet: INDEX_SETTINGS.maxValuesPerFacet, sortFacetValuesBy: { '*': 'count' } });
    expect(s.pagination).toEqual({ maxTotalHits: INDEX_SETTINGS.maxTotalHits });
    expect(s.typoTolerance).toEqual({
      enabled: true,
      minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
      disableOnWords: [],
      disableOnAttributes: [],
      disableOnNumbers: true,
    });
    expect(s.distinctAttribute).toBeNull();
  });

  it('word index: typo tolerance off, sortable by count', () => {
    const s = wordIndexSettings();
    expect(s.typoTolerance).toEqual({ enabled: false });
    expect(s.sortableAttributes).toEqual(['count', 'word']);
    expect(s.rankingRules?.[0]).toBe('sort');
  });
});
