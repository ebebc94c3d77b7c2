/**
 * The benchmark's query set, drawn once per corpus from its own text and tags (deterministic from the
 * seed) and given to every engine unchanged, so "ours / peer" ratios compare the same work.
 */
import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { FacetName, PassageDoc } from '../engine/types.js';
import { terms } from '../engine/text.js';
import { createRng, type Rng } from './gen/prng.js';

export interface FilteredQuery {
  q: string;
  speaker: string;
  topic: string;
  /** Inclusive unix-second bounds. */
  dateFrom: number;
  dateTo: number;
}

export interface TypingQuery {
  /** The text in the box after this keystroke (last word is a prefix). */
  q: string;
  /** Letters of the last word typed so far. */
  letters: number;
}

export interface FacetSearchQuery {
  facet: FacetName;
  facetQuery: string;
  q: string;
}

export interface QuerySet {
  /** 1–3 whole words co-occurring in one passage, drawn by token frequency. */
  keyword: string[];
  /** Every prefix of a word, one keystroke at a time, sometimes after a complete first word. */
  typing: TypingQuery[];
  /** One edit (substitution, insertion or deletion, never the first letter) of a word of 5+ letters. */
  typo: { q: string; intended: string }[];
  filtered: FilteredQuery[];
  facetSearch: FacetSearchQuery[];
  /**
   * Not measured: 1–2 whole words per query, none of them in any measured query, run before timing
   * starts so that every engine is measured warmed up (compiled hot paths, steady process state)
   * but with no measured query's words already cached.
   */
  warmup: string[];
  /** QUERY_SET_VERSION of the generator that wrote it (bench/corpus.ts regenerates older sets). */
  version: number;
}

/** 2: the warm-up became 300 queries sharing no word with the measured ones (was 30 drawn among them). */
export const QUERY_SET_VERSION = 2;
export const WARMUP_QUERIES = 300;

export interface QuerySetOptions {
  seed: number;
  /** Passages read from the start of the file to draw from (enough for frequency, cheap at 1M). */
  sample: number;
  perClass: number;
  typingWords: number;
}

export const DEFAULT_QUERY_SET_OPTIONS: QuerySetOptions = { seed: 7, sample: 20_000, perClass: 200, typingWords: 60 };

/** Function words that a searcher does not type as a query on their own. */
const STOPWORDS = new Set(
  ('the of and to in a is that for it as was with be by on not he i this are or his from at which but have an had they you were ' +
    'their one all we can her has there been if more when will would who so no she other its may these what them than some him ' +
    'time into only do could new about two first then also any my now such like our over man me even most made after said did many ' +
    'before must through back years where much your way well down should because each just those people how too little state good ' +
    'very make world still own see men work long get here between both life being under never day same another know while last might ' +
    'us great old year off come since against go came right used take three').split(' '),
);

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';

function contentWords(text: string): string[] {
  return terms(text).filter((t) => t.length >= 3 && !STOPWORDS.has(t) && !/\d/.test(t));
}

function oneEdit(word: string, rng: Rng): string {
  // Position >= 1: a typo never touches the first letter (the typing semantics of engine/query.ts).
  const at = rng.int(1, word.length - 1);
  const letter = rng.pick([...ALPHABET].filter((c) => c !== word[at]));
  const kind = rng.int(0, 2);
  if (kind === 0) return word.slice(0, at) + letter + word.slice(at + 1);
  if (kind === 1) return word.slice(0, at) + letter + word.slice(at);
  return word.slice(0, at) + word.slice(at + 1);
}

export async function readPassages(path: string, limit: number): Promise<PassageDoc[]> {
  const out: PassageDoc[] = [];
  for await (const batch of passageBatches(path, 1000)) {
    out.push(...batch);
    if (out.length >= limit) break;
  }
  return out.slice(0, limit);
}

/** The passages file in batches, streamed (the 1M file does not fit comfortably in one heap). */
export async function* passageBatches(path: string, size: number): AsyncGenerator<PassageDoc[]> {
  const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
  let batch: PassageDoc[] = [];
  for await (const line of lines) {
    if (line.length === 0) continue;
    batch.push(JSON.parse(line) as PassageDoc);
    if (batch.length === size) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length) yield batch;
}

export async function buildQuerySet(passagesPath: string, options: Partial<QuerySetOptions> = {}): Promise<QuerySet> {
  const o = { ...DEFAULT_QUERY_SET_OPTIONS, ...options };
  const docs = await readPassages(passagesPath, o.sample);
  if (docs.length === 0) throw new Error(`Query set: no passages in ${passagesPath}`);
  const rng = createRng(o.seed);
  const passage = (): PassageDoc => docs[rng.int(0, docs.length - 1)];
  const wordsOf = (d: PassageDoc): string[] => contentWords(d.text);

  const phrase = (d: PassageDoc, n: number): string | null => {
    const words = wordsOf(d);
    const picked: string[] = [];
    for (let tries = 0; picked.length < n && tries < 20; tries++) {
      const w = rng.pick(words);
      if (w && !picked.includes(w)) picked.push(w);
    }
    return picked.length === n ? picked.join(' ') : null;
  };
  const draw = <T>(count: number, make: () => T | null): T[] => {
    const out: T[] = [];
    for (let tries = 0; out.length < count && tries < count * 50; tries++) {
      const v = make();
      if (v !== null) out.push(v);
    }
    return out;
  };

  const keyword = draw(o.perClass, () => phrase(passage(), rng.int(1, 3)));
  // Version 1's warm-up, still drawn (and dropped) so that the classes after it keep their queries.
  draw(30, () => phrase(passage(), rng.int(1, 2)));

  const typing: TypingQuery[] = [];
  for (const [head, word] of draw(o.typingWords, () => {
    const d = passage();
    const words = wordsOf(d).filter((w) => w.length >= 4);
    if (words.length === 0) return null;
    const word = rng.pick(words);
    const head = rng.next() < 0.5 ? rng.pick(wordsOf(d).filter((w) => w !== word)) ?? '' : '';
    return [head, word] as const;
  })) {
    for (let n = 1; n <= word.length; n++) typing.push({ q: (head ? head + ' ' : '') + word.slice(0, n), letters: n });
  }

  const typo = draw(o.perClass, () => {
    const long = wordsOf(passage()).filter((w) => w.length >= 5 && /^[a-z]+$/.test(w));
    if (long.length === 0) return null;
    const intended = rng.pick(long);
    return { q: oneEdit(intended, rng), intended };
  });

  const filtered = draw(o.perClass, (): FilteredQuery | null => {
    const d = passage();
    if (d.speakers.length === 0 || d.date === null) return null;
    const q = phrase(d, 1);
    if (q === null) return null;
    const span = rng.int(1, 3) * 365 * 86_400;
    const dateFrom = d.date - rng.int(0, span);
    return { q, speaker: rng.pick(d.speakers), topic: rng.pick(d.topics), dateFrom, dateTo: dateFrom + span };
  });

  const facetSearch = draw(o.perClass, (): FacetSearchQuery | null => {
    const d = passage();
    const facet = rng.pick(['speakers', 'topics', 'places'] as const);
    const values = d[facet];
    if (values.length === 0) return null;
    const word = rng.pick(terms(rng.pick(values)));
    const facetQuery = word.slice(0, rng.int(1, Math.min(3, word.length)));
    const q = rng.next() < 0.5 ? '' : phrase(d, 1) ?? '';
    return { facet, facetQuery, q };
  });

  // Words of every measured query (typed prefixes too): the warm-up avoids them all. Its queries are
  // whole words, cached under other keys than any prefix, so they prime no measured query.
  const measured = new Set<string>();
  for (const q of [...keyword, ...typing.map((t) => t.q), ...typo.map((t) => t.q), ...filtered.map((f) => f.q), ...facetSearch.flatMap((f) => [f.q, f.facetQuery])]) {
    for (const t of terms(q)) measured.add(t);
  }
  const warmRng = createRng(o.seed + 1);
  const warmup = draw(WARMUP_QUERIES, () => {
    const words = wordsOf(docs[warmRng.int(0, docs.length - 1)]).filter((w) => !measured.has(w));
    const picked = [...new Set([warmRng.pick(words), warmRng.pick(words)])].slice(0, warmRng.int(1, 2)).filter((w): w is string => !!w);
    return picked.length > 0 ? picked.join(' ') : null;
  });

  return { keyword, typing, typo, filtered, facetSearch, warmup, version: QUERY_SET_VERSION };
}

export function loadQuerySet(workDir: string): QuerySet {
  return JSON.parse(readFileSync(join(workDir, 'queries.json'), 'utf8')) as QuerySet;
}
