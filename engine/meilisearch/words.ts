/**
 * The vocabulary side index behind completeWord (Meilisearch has no API for its word list):
 * `${indexName}_words`, one document {id, word, count} per distinct engine/text.ts term, where
 * count is the number of passages containing the word. The writer keeps a ledger of count
 * changes (+1 per passage added, -1 per passage replaced or deleted) and applies it on commit.
 */
import type { MultiSearchQuery } from 'meilisearch';
import type { WordCompletion } from '../types.js';
import { terms } from '../text.js';

export interface WordDoc {
  id: string;
  word: string;
  count: number;
}

export function wordIndexName(indexName: string): string {
  return `${indexName}_words`;
}

/** Meilisearch ids allow [A-Za-z0-9_-] only; words may be any script, so ids are base64url. */
export function wordId(word: string): string {
  return Buffer.from(word, 'utf8').toString('base64url') || '_';
}

/** Distinct terms of one passage: a passage counts once per word, however often it repeats it. */
export function passageWords(text: string): Set<string> {
  return new Set(terms(text));
}

export class WordLedger {
  readonly #delta = new Map<string, number>();

  add(text: string, sign: 1 | -1): void {
    for (const w of passageWords(text)) this.#delta.set(w, (this.#delta.get(w) ?? 0) + sign);
  }

  /** Words whose count changed. */
  words(): string[] {
    return [...this.#delta.entries()].filter(([, d]) => d !== 0).map(([w]) => w);
  }

  delta(word: string): number {
    return this.#delta.get(word) ?? 0;
  }

  get size(): number {
    return this.#delta.size;
  }
}

/** New counts from current ones plus the ledger: documents to upsert, ids to delete. */
export function applyLedger(
  ledger: WordLedger,
  current: ReadonlyMap<string, number>,
): { upserts: WordDoc[]; deletes: string[] } {
  const upserts: WordDoc[] = [];
  const deletes: string[] = [];
  for (const word of ledger.words()) {
    const count = (current.get(word) ?? 0) + ledger.delta(word);
    if (count > 0) upserts.push({ id: wordId(word), word, count });
    else if (current.has(word)) deletes.push(wordId(word));
  }
  return { upserts, deletes };
}

/** The last typed term, normalized like indexed words; null when nothing completable was typed. */
export function completionPrefix(prefix: string): string | null {
  const t = terms(prefix);
  return t.length === 0 ? null : t[t.length - 1];
}

export function completionQuery(prefix: string, limit: number, indexUid: string): MultiSearchQuery {
  return {
    indexUid,
    q: prefix,
    matchingStrategy: 'all',
    sort: ['count:desc', 'word:asc'],
    page: 1,
    hitsPerPage: limit,
    attributesToRetrieve: ['word', 'count'],
  };
}

/** Meilisearch's tokenizer may split a word differently; keep only true prefix completions. */
export function toCompletions(hits: ReadonlyArray<Record<string, unknown>>, prefix: string): WordCompletion[] {
  return hits
    .filter((h) => typeof h.word === 'string' && typeof h.count === 'number' && (h.word as string).startsWith(prefix))
    .map((h) => ({ word: h.word as string, count: h.count as number }));
}
