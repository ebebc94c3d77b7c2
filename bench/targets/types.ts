/**
 * What the harness needs from each engine it measures: ours (through the Engine port) and the peers
 * (used directly, without our layer). A query class an engine cannot answer is listed in
 * `unsupported` with the reason, and the results table shows the reason instead of a number.
 */
import type { PassageDoc } from '../../engine/types.js';
import type { FacetSearchQuery, FilteredQuery, TypingQuery } from '../queries.js';

export const QUERY_CLASSES = ['keyword', 'typing', 'typingFacets', 'typo', 'filtered', 'grouped', 'facetSearch'] as const;
export type QueryClass = (typeof QUERY_CLASSES)[number];

export const QUERY_CLASS_LABELS: Record<QueryClass, string> = {
  keyword: 'keyword (1–3 words)',
  typing: 'as-you-type (per keystroke)',
  typingFacets: 'as-you-type + all facet counts',
  typo: 'typo (one edit)',
  filtered: 'keyword + speaker + topic + dates + all facet counts',
  grouped: 'group by article',
  facetSearch: 'facet value search',
};

/** Each query returns how many hits it found (total when the engine knows it), to catch engines doing no work. */
export type Hits = number;

export interface QueryRunner {
  keyword?(q: string): Promise<Hits> | Hits;
  typing?(t: TypingQuery): Promise<Hits> | Hits;
  typingFacets?(t: TypingQuery): Promise<Hits> | Hits;
  typo?(q: string): Promise<Hits> | Hits;
  filtered?(f: FilteredQuery): Promise<Hits> | Hits;
  grouped?(q: string): Promise<Hits> | Hits;
  facetSearch?(f: FacetSearchQuery): Promise<Hits> | Hits;
}

export interface PeerTarget extends QueryRunner {
  readonly name: string;
  readonly version: string;
  /** Why a query class is not measured on this engine. */
  readonly unsupported: Partial<Record<QueryClass, string>>;
  add(batch: PassageDoc[]): Promise<void> | void;
  /** After the last batch (e.g. a final flush); not timed separately from the build. */
  finish(): Promise<void> | void;
  /** Bytes on disk, for engines that persist. */
  sizeBytes(): number | null;
  close(): Promise<void> | void;
}

/** Top hits each query asks for, on every engine. */
export const TOP_K = 20;
