/**
 * One engine hit as an Algolia hit: the record's attributes, objectID, and _highlightResult /
 * _snippetResult built from the engine's match ranges with the caller's tags. Every piece of
 * record text is HTML-escaped by engine/highlight.ts; only the tags are inserted raw.
 */
import { DEFAULT_CROP_WORDS, matchRanges, renderHighlight, renderSnippet, type MarkTags } from '../../engine/highlight.js';
import { matchKind, parseQuery, type ParsedQuery, type QueryWord } from '../../engine/query.js';
import { terms } from '../../engine/text.js';
import type { PassageDoc, Range, SearchHit } from '../../engine/types.js';

export type MatchLevel = 'none' | 'partial' | 'full';
export interface HighlightValue {
  value: string;
  matchLevel: MatchLevel;
  matchedWords: string[];
}
export interface SnippetValue {
  value: string;
  matchLevel: MatchLevel;
}

export type AlgoliaHit = PassageDoc & {
  objectID: string;
  _highlightResult: Record<string, HighlightValue | HighlightValue[]>;
  _snippetResult: Record<string, SnippetValue>;
};

const HIGHLIGHTED_STRINGS = ['title'] as const;
const HIGHLIGHTED_ARRAYS = ['speakers', 'topics', 'places', 'organisations'] as const;
const SNIPPETABLE = ['text', 'title'] as const;
type Snippetable = (typeof SNIPPETABLE)[number];

/** `attributesToSnippet: ["text:20"]` → {text: 20}; without it, the text with the default crop. */
export function snippetWordsOf(raw: string | string[] | undefined): Partial<Record<Snippetable, number>> {
  if (raw === undefined) return { text: DEFAULT_CROP_WORDS };
  const out: Partial<Record<Snippetable, number>> = {};
  for (const spec of typeof raw === 'string' ? raw.split(',') : raw) {
    const [name, words] = spec.split(':');
    if (name === '*' || (SNIPPETABLE as readonly string[]).includes(name)) {
      const n = Math.min(Math.max(Number(words) || DEFAULT_CROP_WORDS, 1), 200);
      for (const a of name === '*' ? SNIPPETABLE : [name as Snippetable]) out[a] = n;
    }
  }
  return out;
}

function matchedWordsOf(text: string, ranges: readonly Range[], query: ParsedQuery): QueryWord[] {
  const found = new Set<string>();
  for (const [s, e] of ranges) for (const t of terms(text.slice(s, e))) found.add(t);
  return query.words.filter((w) => [...found].some((t) => matchKind(w, t) >= 0));
}

function levelOf(matched: number, query: ParsedQuery): MatchLevel {
  if (matched === 0) return 'none';
  return matched === query.words.length ? 'full' : 'partial';
}

function highlightOf(text: string, ranges: readonly Range[], query: ParsedQuery, tags: MarkTags): HighlightValue {
  const words = matchedWordsOf(text, ranges, query);
  return { value: renderHighlight(text, ranges, tags), matchLevel: levelOf(words.length, query), matchedWords: words.map((w) => w.term) };
}

export function hitOf(hit: SearchHit, q: string, tags: MarkTags, snippetWords: Partial<Record<Snippetable, number>>): AlgoliaHit {
  const { doc } = hit;
  const query = parseQuery(q);
  const highlight: AlgoliaHit['_highlightResult'] = { text: highlightOf(doc.text, hit.matches, query, tags) };
  for (const a of HIGHLIGHTED_STRINGS) highlight[a] = highlightOf(doc[a], matchRanges(doc[a], query), query, tags);
  for (const a of HIGHLIGHTED_ARRAYS) highlight[a] = doc[a].map((v) => highlightOf(v, matchRanges(v, query), query, tags));
  const snippet: AlgoliaHit['_snippetResult'] = {};
  for (const [a, words] of Object.entries(snippetWords) as [Snippetable, number][]) {
    const ranges = a === 'text' ? hit.matches : matchRanges(doc[a], query);
    const level = levelOf(matchedWordsOf(doc[a], ranges, query).length, query);
    snippet[a] = { value: renderSnippet(doc[a], ranges, words, tags), matchLevel: level };
  }
  return { ...doc, objectID: doc.id, _highlightResult: highlight, _snippetResult: snippet };
}

/** A facet value with the words its search box matched (any word, as a prefix) wrapped in tags. */
export function facetValueHighlight(value: string, facetQuery: string, tags: MarkTags): string {
  const words: QueryWord[] = terms(facetQuery).map((term) => ({ term, prefix: true, maxTypos: 0 }));
  return renderHighlight(value, matchRanges(value, { words, normalized: '' }), tags);
}
