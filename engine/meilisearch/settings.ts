/**
 * Index settings, derived from INDEX_SETTINGS so both engines index the same way. Applied to an
 * index before any document is added: settings changed later would re-index everything.
 */
import type { Settings } from 'meilisearch';
import { INDEX_SETTINGS } from '../types.js';
import { ONE_TYPO_MIN_LENGTH, TWO_TYPOS_MIN_LENGTH } from '../query.js';

/** Numeric attributes that need range comparisons (`date >= …`); the rest only need equality. */
export const NUMERIC_FILTER_ATTRIBUTES = ['date', 'publishedAt', 'statementDate'] as const;

export function passageIndexSettings(): Settings {
  const numeric: readonly string[] = NUMERIC_FILTER_ATTRIBUTES;
  const strings = INDEX_SETTINGS.filterableAttributes.filter((a) => !numeric.includes(a));
  const dates = INDEX_SETTINGS.filterableAttributes.filter((a) => numeric.includes(a));
  return {
    searchableAttributes: [...INDEX_SETTINGS.searchableAttributes],
    displayedAttributes: ['*'],
    filterableAttributes: [
      // Facet values are searched locally (see facet-values.ts), so Meilisearch's facet-search index is not built.
      { attributePatterns: strings, features: { facetSearch: false, filter: { equality: true, comparison: false } } },
      { attributePatterns: dates, features: { facetSearch: false, filter: { equality: true, comparison: true } } },
    ],
    sortableAttributes: [...INDEX_SETTINGS.sortableAttributes],
    // `sort` first: a date sort is strict and relevance only breaks ties (as on the embedded engine).
    rankingRules: [...INDEX_SETTINGS.rankingRules],
    distinctAttribute: null,
    stopWords: [],
    synonyms: {},
    faceting: { maxValuesPerFacet: INDEX_SETTINGS.maxValuesPerFacet, sortFacetValuesBy: { '*': 'count' } },
    pagination: { maxTotalHits: INDEX_SETTINGS.maxTotalHits },
    // Meilisearch's defaults, spelled out (engine/query.ts mirrors them); numbers never get typos.
    typoTolerance: {
      enabled: true,
      minWordSizeForTypos: { oneTypo: ONE_TYPO_MIN_LENGTH, twoTypos: TWO_TYPOS_MIN_LENGTH },
      disableOnWords: [],
      disableOnAttributes: [],
      disableOnNumbers: true,
    },
    proximityPrecision: 'byWord',
  };
}

/**
 * The vocabulary side index behind completeWord: one document per indexed word with the number
 * of passages containing it. Typos are off: a completion must start with what was typed.
 */
export function wordIndexSettings(): Settings {
  return {
    searchableAttributes: ['word'],
    displayedAttributes: ['*'],
    filterableAttributes: [],
    sortableAttributes: ['count', 'word'],
    rankingRules: ['sort', 'words', 'exactness'],
    stopWords: [],
    synonyms: {},
    pagination: { maxTotalHits: 1000 },
    typoTolerance: { enabled: false },
  };
}
