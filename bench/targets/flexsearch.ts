/**
 * FlexSearch used directly: a Document index with forward tokenization (needed for prefixes, so whole
 * words also match as prefixes), tags for speaker/topic filters. No edit distance and no facet
 * counts: filtered queries fetch every match and count by hand; the date range is checked by hand.
 */
import FlexSearch from 'flexsearch';
import type { PassageDoc } from '../../engine/types.js';
import { terms } from '../../engine/text.js';
import type { FilteredQuery, TypingQuery } from '../queries.js';
import { countFacets } from './facets.js';
import { packageVersion } from './version.js';
import { TOP_K, type PeerTarget } from './types.js';

type Stored = Pick<PassageDoc, 'articleId' | 'speakers' | 'topics' | 'places' | 'organisations' | 'month' | 'date'>;
/** FlexSearch caps result lists; "all matches" for counting means up to this many. */
const ALL = 1_000_000;

export function createFlexSearchPeer(): PeerTarget {
  const { Document } = FlexSearch as unknown as { Document: new (o: unknown) => FlexDoc };
  const index = new Document({
    tokenize: 'forward',
    document: { id: 'id', index: ['text'], tag: ['speakers', 'topics'] },
  });
  // Stored beside the index (FlexSearch's own store doubles memory and is slower to read back).
  const store = new Map<string, Stored>();
  const ids = (q: string, limit: number, tag?: Record<string, string>): string[] => {
    const r = index.search({ query: terms(q).join(' '), limit, tag, merge: true }) as { id: string }[];
    return r.map((x) => x.id);
  };
  return {
    name: 'FlexSearch',
    version: packageVersion('flexsearch'),
    unsupported: { typo: 'no edit distance', typingFacets: 'measured as-you-type without facets only', facetSearch: 'no facet value search' },
    add: (batch) => {
      for (const d of batch) {
        index.add({ id: d.id, text: d.text, speakers: d.speakers, topics: d.topics });
        store.set(d.id, { articleId: d.articleId, speakers: d.speakers, topics: d.topics, places: d.places, organisations: d.organisations, month: d.month, date: d.date });
      }
    },
    finish: () => {},
    sizeBytes: () => null,
    close: () => {},
    keyword: (q) => ids(q, TOP_K).length,
    typing: (t: TypingQuery) => ids(t.q, TOP_K).length,
    grouped: (q) => new Set(ids(q, ALL).map((id) => store.get(id)!.articleId)).size,
    filtered: (f: FilteredQuery) => {
      // Disjunctive counts need the matches without the speaker and topic filters.
      const matches = ids(f.q, ALL).map((id) => store.get(id)!);
      return countFacets(matches, f);
    },
  };
}

interface FlexDoc {
  add(doc: Record<string, unknown>): void;
  search(o: Record<string, unknown>): unknown;
}
