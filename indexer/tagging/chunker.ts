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

const WORD = /[\p{L}\p{N}]+(?:['’.\-][\p{L}\p{N}]+)*/gu;

export function countWords(text: string, start: number, end: number): number {
  WORD.lastIndex = 0;
  const m = text.slice(start, end).match(WORD);
  return m ? m.length : 0;
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
