/**
 * Per-word facts looked up by a span of the text, without making a string of it first. Looking
 * each word of an article up in a Map costs a fresh string, its hash and the probe's cache misses:
 * the stem cache's lookup alone was 17% of tagging time. Here the span's characters are hashed
 * where they lie and compared against the stored word; a string is made once per distinct word.
 */

export interface InternerOptions {
  /** Distinct words kept; past this, words are made afresh on every sight (correct, slower). */
  maxWords: number;
}

export const INTERNER_DEFAULTS: Readonly<InternerOptions> = Object.freeze({ maxWords: 250_000 });

export class WordInterner<E> {
  private readonly maxWords: number;
  /** Open addressing: word index + 1 per slot, 0 = empty. */
  private slots: Int32Array;
  private hashes: Int32Array;
  private readonly words: string[] = [];
  private readonly entries: E[] = [];

  constructor(
    private readonly make: (word: string) => E,
    options: Partial<InternerOptions> = {},
  ) {
    const { maxWords } = { ...INTERNER_DEFAULTS, ...options };
    if (!Number.isInteger(maxWords) || maxWords < 0) throw new Error(`WordInterner: option "maxWords" must be an integer >= 0, got ${maxWords}`);
    this.maxWords = maxWords;
    this.slots = new Int32Array(1024);
    this.hashes = new Int32Array(1024);
  }

  get size(): number {
    return this.words.length;
  }

  /** The entry of text[from, to), made by `make` the first time that word is seen. */
  get(text: string, from: number, to: number): E {
    let h = 0x811c9dc5 | 0;
    for (let i = from; i < to; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    const mask = this.slots.length - 1;
    const len = to - from;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const at = this.slots[s];
      if (at === 0) break;
      if (this.hashes[s] !== h) continue;
      const w = this.words[at - 1];
      if (w.length !== len) continue;
      let i = 0;
      while (i < len && w.charCodeAt(i) === text.charCodeAt(from + i)) i++;
      if (i === len) return this.entries[at - 1];
    }
    const word = text.slice(from, to);
    const e = this.make(word);
    if (this.words.length < this.maxWords) this.add(word, e, h);
    return e;
  }

  private add(word: string, e: E, h: number): void {
    this.words.push(word);
    this.entries.push(e);
    if (this.words.length * 2 > this.slots.length) this.grow();
    this.place(this.words.length, h);
  }

  private place(index1: number, h: number): void {
    const mask = this.slots.length - 1;
    let s = h & mask;
    while (this.slots[s] !== 0) s = (s + 1) & mask;
    this.slots[s] = index1;
    this.hashes[s] = h;
  }

  /** Twice the slots, the words placed again by their stored hashes (load stays at most 1/2). */
  private grow(): void {
    const { slots, hashes } = this;
    this.slots = new Int32Array(slots.length * 2);
    this.hashes = new Int32Array(slots.length * 2);
    for (let s = 0; s < slots.length; s++) if (slots[s] !== 0) this.place(slots[s], hashes[s]);
  }
}
