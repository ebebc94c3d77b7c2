/**
 * MiniSearch used directly: AND of all words, prefix on the last word while typing, fuzzy 1 edit for
 * typos, tags filtered and counted by hand over the full result list (MiniSearch has no facets).
 */
import MiniSearch from 'minisearch';
import type { PassageDoc } from '../../engine/types.js';
import { terms } from '../../engine/text.js';
import type { FacetSearchQuery, FilteredQuery, TypingQuery } from '../queries.js';
import { countFacets } from './facets.js';
import { packageVersion } from './version.js';
import { TOP_K, type PeerTarget } from './types.js';

const STORED = ['articleId', 'title', 'speakers', 'topics', 'places', 'organisations', 'month', 'date'] as const;
type Stored = Pick<PassageDoc, (typeof STORED)[number]>;

export function createMiniSearchPeer(): PeerTarget {
  const ms = new MiniSearch<PassageDoc>({ fields: ['text', 'title'], storeFields: [...STORED], idField: 'id' });
  const run = (q: string, opts: Parameters<MiniSearch['search']>[1] = {}) => ms.search(q, { combineWith: 'AND', ...opts });
  const firstTop = <T>(rs: T[]): number => (rs.slice(0, TOP_K), rs.length);
  return {
    name: 'MiniSearch',
    version: packageVersion('minisearch'),
    unsupported: { typingFacets: 'measured as-you-type without facets only' },
    add: (batch) => ms.addAll(batch),
    finish: () => {},
    sizeBytes: () => null,
    close: () => {},
    keyword: (q) => firstTop(run(q)),
    typing: (t: TypingQuery) => {
      const n = terms(t.q).length;
      return firstTop(run(t.q, { prefix: (_term, i) => i === n - 1 }));
    },
    typo: (q) => firstTop(run(q, { fuzzy: (term) => (term.length >= 5 ? 1 : 0) })),
    grouped: (q) => {
      const seen = new Set<string>();
      for (const r of run(q)) seen.add(r.articleId as string);
      return seen.size;
    },
    filtered: (f: FilteredQuery) => countFacets(run(f.q) as unknown as Stored[], f),
    facetSearch: (f: FacetSearchQuery) => {
      // No facet value search: scan the distinct values of the matches (or every stored document).
      const source = f.q ? (run(f.q) as unknown as Stored[]) : ([...(ms as unknown as { _storedFields: Map<number, Stored> })._storedFields.values()]);
      const counts = new Map<string, number>();
      const needle = f.facetQuery.toLowerCase();
      for (const d of source) {
        for (const v of (f.facet === 'month' ? [d.month] : d[f.facet]) as string[]) {
          if (terms(v).some((w) => w.startsWith(needle))) counts.set(v, (counts.get(v) ?? 0) + 1);
        }
      }
      return [...counts.entries()].sort((a, b) => b[1] - a[1]).slice(0, 20).length;
    },
  };
}
