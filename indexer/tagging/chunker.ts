/**
 * Passages: consecutive units (sentences joined where a quotation runs over them) packed to about
 * minWords–maxWords, preferring to close at paragraph ends. A unit is never split, so a passage
 * never cuts a quotation; a single unit longer than maxWords becomes a passage of its own.
 */
import type { Span } from './types.js';
import type { Unit } from './structure.js';

export interface ChunkOptions {
  minWords: number;
  maxWords: number;
}

/** Words = runs of non-space characters holding a letter or digit (a lone dash is not a word). Linear, no allocation. */
export function countWords(text: string, start: number, end: number): number {
  let n = 0;
  let inWord = false;
  let counted = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9 || c === 13 || c === 160) {
      inWord = false;
      continue;
    }
    if (!inWord) {
      inWord = true;
      counted = false;
    }
    if (!counted && (c >= 48 && c <= 57 || (c | 32) >= 97 && (c | 32) <= 122 || c >= 0xc0 && c !== 0x2014 && c !== 0x2013 && c !== 0x2015 && c !== 0x2026 && !(c >= 0x2018 && c <= 0x201f))) {
      n++;
      counted = true;
    }
  }
  return n;
}

export function chunkPassages(text: string, units: Unit[], opts: ChunkOptions): Span[] {
  const out: Array<Span & { words: number }> = [];
  let cur: (Span & { words: number; lastPara: number }) | null = null;
  for (const u of units) {
    const words = countWords(text, u.start, u.end);
    if (cur) {
      const newParagraph = u.paragraphs[0] !== cur.lastPara;
      const fits = cur.words + words <= opts.maxWords;
      const close = (newParagraph && cur.words >= opts.minWords) || (!fits && cur.words >= opts.minWords / 2);
      if (close) {
        out.push({ start: cur.start, end: cur.end, words: cur.words });
        cur = null;
      }
    }
    if (!cur) {
      cur = { start: u.start, end: u.end, words, lastPara: u.paragraphs[1] };
    } else {
      cur.end = u.end;
      cur.words += words;
      cur.lastPara = u.paragraphs[1];
    }
  }
  if (cur) out.push({ start: cur.start, end: cur.end, words: cur.words });
  // A short tail joins its predecessor when the two still fit.
  if (out.length >= 2) {
    const tail = out[out.length - 1];
    const prev = out[out.length - 2];
    if (tail.words < opts.minWords && prev.words + tail.words <= opts.maxWords) {
      prev.end = tail.end;
      prev.words += tail.words;
      out.pop();
    }
  }
  return out.map(({ start, end }) => ({ start, end }));
}
