/**
 * Multi-word phrase lookup over a token stream, used for the taxonomy (stemmed, case-folded) and
 * the gazetteer (case kept, so "KP" the province is not "kp" anywhere). Matching is by the first
 * token through a map, so the cost is linear in the text whatever the size of the lists.
 */
import { stemmer } from 'stemmer';
import { codePointAt, isLetterOrDigit } from './chars.js';
import { WordInterner } from './interner.js';

export interface Token {
  norm: string;
  start: number;
  end: number;
}

export type Normalizer = (word: string) => string;

const stemCache = new Map<string, string>();
/** Case-folded Porter stem; possessives dropped. Cached: news vocabulary repeats. */
export const stemWord: Normalizer = (word) => {
  let s = stemCache.get(word);
  if (s === undefined) {
    s = stemmer(word.toLowerCase().replace(/[’']s$/, ''));
    if (stemCache.size < 200_000) stemCache.set(word, s);
  }
  return s;
};

/** Case kept, possessive dropped, US/UK hyphen variants folded. */
export const exactWord: Normalizer = (word) => {
  const n = word.length;
  return n > 2 && word[n - 1] === 's' && (word[n - 2] === '’' || word[n - 2] === "'") ? word.slice(0, -2) : word;
};

/** The end of the run of letters and digits starting at i, within [i, end). */
function runEnd(text: string, i: number, end: number): number {
  while (i < end) {
    const cp = codePointAt(text, i, end);
    if (!isLetterOrDigit(cp)) break;
    i += cp > 0xffff ? 2 : 1;
  }
  return i;
}

const isJoiner = (c: number) => c === 0x2019 /* ’ */ || c === 39 /* ' */ || c === 45; /* - */

/** Each word of [start, end): `[\p{L}\p{N}]+(?:[’'\-][\p{L}\p{N}]+)*`, scanned by hand (a regex was slower). */
function scanTokens(text: string, start: number, end: number, found: (from: number, to: number) => void): void {
  for (let i = start; i < end; ) {
    const cp = codePointAt(text, i, end);
    if (!isLetterOrDigit(cp)) {
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    const from = i;
    i = runEnd(text, i, end);
    while (i + 1 < end && isJoiner(text.charCodeAt(i)) && isLetterOrDigit(codePointAt(text, i + 1, end))) i = runEnd(text, i + 1, end);
    found(from, i);
  }
}

export function tokenize(text: string, start: number, end: number, norm: Normalizer): Token[] {
  const out: Token[] = [];
  scanTokens(text, start, end, (from, to) => out.push({ norm: norm(text.slice(from, to)), start: from, end: to }));
  return out;
}

export interface PassageWord extends Token {
  /** stemWord(norm) */
  stem: string;
}

const passageWordCache = new WordInterner((word) => {
  const norm = exactWord(word);
  return { norm, stem: stemWord(norm) };
});

/** tokenize(…, exactWord) with each word's stem: what the gazetteer and the taxonomy read, one lookup per word. */
export function passageWords(text: string, start: number, end: number): PassageWord[] {
  const out: PassageWord[] = [];
  scanTokens(text, start, end, (from, to) => {
    const w = passageWordCache.get(text, from, to);
    out.push({ norm: w.norm, stem: w.stem, start: from, end: to });
  });
  return out;
}

export interface PhraseHit<T> {
  value: T;
  start: number;
  end: number;
}

export class PhraseMatcher<T> {
  private readonly byFirst = new Map<string, Array<{ words: string[]; value: T }>>();

  constructor(private readonly norm: Normalizer) {}

  add(phrase: string, value: T): void {
    const words = tokenize(phrase, 0, phrase.length, this.norm).map((t) => t.norm);
    if (!words.length) return;
    const list = this.byFirst.get(words[0]) ?? [];
    list.push({ words, value });
    // Longest phrase first, so "North Waziristan" wins over "Waziristan".
    list.sort((a, b) => b.words.length - a.words.length);
    this.byFirst.set(words[0], list);
  }

  /**
   * Hits left to right, longest first at each position. By default hits do not overlap (a gazetteer
   * reads "North Waziristan" once); with `overlapping`, every phrase that matches counts, so one word
   * can serve two topics ("militants have been killed" is both an operation and a casualty).
   */
  match<K extends Token>(tokens: K[], overlapping = false, key: (t: K) => string = (t) => t.norm): PhraseHit<T>[] {
    const out: PhraseHit<T>[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const cands = this.byFirst.get(key(tokens[i]));
      if (!cands) continue;
      for (const c of cands) {
        if (i + c.words.length > tokens.length) continue;
        let ok = true;
        for (let k = 1; k < c.words.length && ok; k++) ok = key(tokens[i + k]) === c.words[k];
        if (!ok) continue;
        out.push({ value: c.value, start: tokens[i].start, end: tokens[i + c.words.length - 1].end });
        if (!overlapping) {
          i += c.words.length - 1;
          break;
        }
      }
    }
    return out;
  }
}
