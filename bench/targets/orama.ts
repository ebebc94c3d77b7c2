/**
 * Orama used directly: all words must match (threshold 0), whole words for keywords (exact), prefixes
 * while typing (Orama's default), tolerance 1 for typos, `where` filters and Orama's own facets.
 * Orama's facets are conjunctive, so the disjunctive counts of a filtered query take one search
 * per filtered facet, as InstantSearch does against any such engine.
 */
import { create, insertMultiple, search, type AnyOrama } from '@orama/orama';
import type { PassageDoc } from '../../engine/types.js';
import type { FacetSearchQuery, FilteredQuery, TypingQuery } from '../queries.js';
import { packageVersion } from './version.js';
import { TOP_K, type PeerTarget } from './types.js';

const ALL_FACETS = { speakers: { limit: 10_000 }, topics: { limit: 10_000 }, places: { limit: 10_000 }, organisations: { limit: 10_000 }, month: { limit: 10_000 } };

export function createOramaPeer(): PeerTarget {
  const db: AnyOrama = create({
    schema: {
      id: 'string', articleId: 'string', title: 'string', text: 'string',
      speakers: 'enum[]', topics: 'enum[]', places: 'enum[]', organisations: 'enum[]', month: 'enum', date: 'number',
    },
  }) as AnyOrama;
  const base = { properties: ['text', 'title'], limit: TOP_K, threshold: 0 } as const;
  const count = async (params: Record<string, unknown>): Promise<number> =>
    (await search(db, { ...base, ...params } as never) as { count: number }).count;
  return {
    name: 'Orama',
    version: packageVersion('@orama/orama'),
    unsupported: { typingFacets: 'measured as-you-type without facets only' },
    add: async (batch) => {
      await insertMultiple(db, batch.map((d) => ({ ...d, date: d.date ?? 0, month: d.month ?? '' })) as never, 1000);
    },
    finish: () => {},
    sizeBytes: () => null,
    close: () => {},
    keyword: (q) => count({ term: q, exact: true }),
    typing: (t: TypingQuery) => count({ term: t.q }),
    typo: (q) => count({ term: q, tolerance: 1 }),
    grouped: async (q) => {
      const r = await search(db, { ...base, term: q, exact: true, groupBy: { properties: ['articleId'], maxResult: 1 } } as never);
      return (r as { groups?: unknown[] }).groups?.length ?? 0;
    },
    filtered: async (f: FilteredQuery) => {
      const date = { between: [f.dateFrom, f.dateTo] };
      const sp = { containsAll: [f.speaker] };
      const tp = { containsAll: [f.topic] };
      const { places, organisations, month } = ALL_FACETS;
      const total = await count({ term: f.q, exact: true, where: { speakers: sp, topics: tp, date }, facets: { places, organisations, month } });
      await count({ term: f.q, exact: true, where: { topics: tp, date }, facets: { speakers: ALL_FACETS.speakers } });
      await count({ term: f.q, exact: true, where: { speakers: sp, date }, facets: { topics: ALL_FACETS.topics } });
      return total;
    },
    facetSearch: async (f: FacetSearchQuery) => {
      // No facet value search: count all values of the facet over the matches, then filter them by prefix.
      const r = await search(db, { ...base, term: f.q, exact: true, facets: { [f.facet]: { limit: 10_000 } } } as never);
      const values = Object.entries((r as { facets?: Record<string, { values: Record<string, number> }> }).facets?.[f.facet]?.values ?? {});
      const needle = f.facetQuery.toLowerCase();
      return values.filter(([v]) => v.toLowerCase().split(/\s+/).some((w) => w.startsWith(needle))).slice(0, 20).length;
    },
  };
}
