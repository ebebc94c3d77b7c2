/**
 * The indexer's hot loop: the same words as engine/text.ts `terms()` (held to it by a property
 * test), interned to dense term ids without building a string per word. ASCII runs are hashed
 * and compared in place, lower-cased on the fly; runs with other characters go through
 * normalizeTerm, memoised because news text repeats its words.
 */
import { ASCII_WORD, isWordCodePoint, normalizeTerm, wordEnd } from '../text.js';

const lower = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);

function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Open-addressing table from term to dense id (ids in first-seen order). */
export class TermTable {
  readonly terms: string[] = [];
  private hashes = new Uint32Array(1024);
  private slots = new Int32Array(1 << 12).fill(-1);

  /** Id of the ASCII run s[start, end) lower-cased, whose hash is h; created when new. */
  internAscii(s: string, start: number, end: number, h: number): number {
    const mask = this.slots.length - 1;
    const len = end - start;
    for (let at = h & mask; ; at = (at + 1) & mask) {
      const id = this.slots[at];
      if (id < 0) return this.add(s.slice(start, end).toLowerCase(), h, at);
      if (this.hashes[id] !== h) continue;
      const t = this.terms[id];
      if (t.length !== len) continue;
      let k = 0;
      while (k < len && t.charCodeAt(k) === lower(s.charCodeAt(start + k))) k++;
      if (k === len) return id;
    }
  }

  intern(term: string): number {
    const h = hashString(term);
    const mask = this.slots.length - 1;
    for (let at = h & mask; ; at = (at + 1) & mask) {
      const id = this.slots[at];
      if (id < 0) return this.add(term, h, at);
      if (this.hashes[id] === h && this.terms[id] === term) return id;
    }
  }

  private add(term: string, h: number, at: number): number {
    const id = this.terms.length;
    this.terms.push(term);
    if (id === this.hashes.length) {
      const next = new Uint32Array(id * 2);
      next.set(this.hashes);
      this.hashes = next;
    }
    this.hashes[id] = h;
    this.slots[at] = id;
    if (this.terms.length * 2 > this.slots.length) this.rehash();
    return id;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let id = 0; id < this.terms.length; id++) {
      let at = this.hashes[id] & mask;
      while (slots[at] >= 0) at = (at + 1) & mask;
      slots[at] = id;
    }
    this.slots = slots;
  }
}

export class TermScanner {
  readonly table = new TermTable();
  private readonly cache = new Map<string, number>();
  constructor(private readonly maxCache = 500_000) {}

  /**
   * Calls fn with the term id of each word of s, in order. An ASCII word is found, hashed and
   * interned in one pass over its characters (the common case, and the build's hottest loop);
   * a word with any other character goes through scanWords' rules and normalizeTerm.
   */
  scanIds(s: string, fn: (id: number) => void): void {
    const len = s.length;
    let i = 0;
    while (i < len) {
      const c0 = s.charCodeAt(i);
      if (c0 >= 128) {
        i = this.otherWord(s, i, fn);
        continue;
      }
      if (ASCII_WORD[c0] === 0) {
        i++;
        continue;
      }
      const start = i;
      let h = 0x811c9dc5;
      let c = c0;
      do {
        h = Math.imul(h ^ lower(c), 0x01000193);
        if (++i === len) break;
        c = s.charCodeAt(i);
      } while (c < 128 && ASCII_WORD[c] === 1);
      // A word character past ASCII ("café") makes the whole run a word for normalizeTerm.
      if (i < len && c >= 128 && isWordCodePoint(s.codePointAt(i) as number)) i = this.otherWord(s, start, fn);
      else fn(this.table.internAscii(s, start, i, h >>> 0));
    }
  }

  /** The word of s at or after `from` by scanWords' rules, as an id via normalizeTerm; returns where scanning goes on. */
  private otherWord(s: string, from: number, fn: (id: number) => void): number {
    const cp = s.codePointAt(from) as number;
    if (!isWordCodePoint(cp)) return from + (cp > 0xffff ? 2 : 1);
    const end = wordEnd(s, from);
    const raw = s.slice(from, end);
    let id = this.cache.get(raw);
    if (id === undefined) {
      const term = normalizeTerm(raw);
      id = term.length > 0 ? this.table.intern(term) : -1;
      if (this.cache.size < this.maxCache) this.cache.set(raw, id);
    }
    if (id >= 0) fn(id);
    return end;
  }

  /** Calls fn with each normalized term of s, in order. */
  scan(s: string, fn: (term: string) => void): void {
    this.scanIds(s, (id) => fn(this.table.terms[id]));
  }
}
