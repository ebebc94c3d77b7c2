/**
 * The indexer's hot loop: the same words as engine/text.ts `terms()` (held to it by a property
 * test), without a regex match object per word. ASCII runs are lower-cased directly; runs with
 * other characters go through normalizeTerm, memoised because news text repeats its words.
 */
import { normalizeTerm } from '../text.js';

const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD[c] = /[A-Za-z0-9]/.test(String.fromCharCode(c)) ? 1 : 0;
const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;
const nonAscii = new Map<number, boolean>();

function isWordCodePoint(cp: number): boolean {
  let w = nonAscii.get(cp);
  if (w === undefined) {
    w = WORD_CHAR.test(String.fromCodePoint(cp));
    nonAscii.set(cp, w);
  }
  return w;
}

export class TermScanner {
  private readonly cache = new Map<string, string>();
  constructor(private readonly maxCache = 500_000) {}

  /** Calls fn with each normalized term of s, in order. */
  scan(s: string, fn: (term: string) => void): void {
    const len = s.length;
    let i = 0;
    while (i < len) {
      let c = s.charCodeAt(i);
      let cp = c < 128 ? c : (s.codePointAt(i) as number);
      if (c < 128 ? ASCII_WORD[c] === 0 : !isWordCodePoint(cp)) {
        i += cp > 0xffff ? 2 : 1;
        continue;
      }
      const start = i;
      let ascii = true;
      while (i < len) {
        c = s.charCodeAt(i);
        if (c < 128) {
          if (ASCII_WORD[c] === 0) break;
          i++;
          continue;
        }
        cp = s.codePointAt(i) as number;
        if (!isWordCodePoint(cp)) break;
        ascii = false;
        i += cp > 0xffff ? 2 : 1;
      }
      const raw = s.slice(start, i);
      if (ascii) {
        fn(raw.toLowerCase());
        continue;
      }
      let term = this.cache.get(raw);
      if (term === undefined) {
        term = normalizeTerm(raw);
        if (this.cache.size < this.maxCache) this.cache.set(raw, term);
      }
      if (term.length > 0) fn(term);
    }
  }
}
