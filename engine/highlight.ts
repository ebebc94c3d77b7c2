/**
 * Turning match ranges into HTML. Engines return ranges, never markup, so article text is
 * escaped exactly once, here, the same way for both engines.
 */
import type { Range } from './types.js';
import { matchKind, type ParsedQuery } from './query.js';
import { normalizeTerm, scanWords } from './text.js';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

/** Ranges of the words in `text` that the query matched (whole words; a prefix match marks the whole word). */
export function matchRanges(text: string, query: ParsedQuery): Range[] {
  if (query.words.length === 0) return [];
  // No match (exact, prefix or typo) changes the first letter: most words of a passage are
  // ruled out by theirs before being normalized. A non-ASCII first letter may fold to anything.
  const firsts = new Set(query.words.map((w) => w.term.charCodeAt(0)));
  const out: Range[] = [];
  scanWords(text, (start, end) => {
    const c = text.charCodeAt(start);
    if (c < 128 && !firsts.has(c >= 65 && c <= 90 ? c + 32 : c)) return;
    const term = normalizeTerm(text.slice(start, end));
    if (term.length > 0 && query.words.some((w) => matchKind(w, term) >= 0)) out.push([start, end]);
  });
  return out;
}

export interface MarkTags {
  pre: string;
  post: string;
}
export const DEFAULT_TAGS: MarkTags = { pre: '<mark>', post: '</mark>' };

/** The whole text, HTML-escaped, with each range wrapped in tags. */
export function renderHighlight(text: string, ranges: readonly Range[], tags: MarkTags = DEFAULT_TAGS): string {
  // Joined, not concatenated: `+=` builds a rope that JSON.stringify flattens on the HTTP thread,
  // ~3× slower for a response's twenty highlights and snippets than flat strings.
  const out: string[] = [];
  let at = 0;
  for (const [s, e] of ranges) {
    if (s < at) continue;
    out.push(escapeHtml(text.slice(at, s)), tags.pre, escapeHtml(text.slice(s, e)), tags.post);
    at = e;
  }
  out.push(escapeHtml(text.slice(at)));
  return out.join('');
}

export const DEFAULT_CROP_WORDS = 30;
const ELLIPSIS = '…';

/**
 * A window of about `cropWords` words around the densest run of matches, HTML-escaped and
 * highlighted, with an ellipsis where text was cut. Without matches: the first `cropWords` words.
 */
export function renderSnippet(
  text: string,
  ranges: readonly Range[],
  cropWords = DEFAULT_CROP_WORDS,
  tags: MarkTags = DEFAULT_TAGS,
): string {
  const starts: number[] = [];
  const ends: number[] = [];
  const re = /\S+/g;
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    starts.push(m.index);
    ends.push(m.index + m[0].length);
  }
  if (starts.length <= cropWords) return renderHighlight(text, ranges, tags);
  // A word is matched when a range overlaps it. Words are in order and disjoint, so one sweep
  // over the ranges by start suffices: a range ending before a word ends before every later one.
  const byStart = ranges.length < 2 ? ranges : [...ranges].sort((a, b) => a[0] - b[0]);
  const isMatched = new Uint8Array(starts.length);
  for (let i = 0, r = 0; i < starts.length; i++) {
    while (r < byStart.length && byStart[r][1] <= starts[i]) r++;
    isMatched[i] = r < byStart.length && byStart[r][0] < ends[i] ? 1 : 0;
  }
  // Slide a window of cropWords words and keep the one covering the most match ranges (first wins).
  let best = 0;
  let bestCount = -1;
  let count = 0;
  for (let i = 0; i < starts.length; i++) {
    if (isMatched[i]) count++;
    if (i >= cropWords && isMatched[i - cropWords]) count--;
    const start = i - cropWords + 1;
    if (start >= 0 && count > bestCount) {
      bestCount = count;
      best = start;
    }
  }
  // Centre the window on its matches (the first window found ends on its last match): context on
  // both sides reads better. A centred window still holds every match of the chosen one.
  let first = -1;
  let last = -1;
  for (let i = best; i < best + cropWords; i++) {
    if (!isMatched[i]) continue;
    if (first < 0) first = i;
    last = i;
  }
  if (first >= 0) best = Math.max(0, Math.min(Math.round((first + last + 1 - cropWords) / 2), starts.length - cropWords));
  const from = starts[best];
  const to = ends[Math.min(starts.length, best + cropWords) - 1];
  const inside = ranges.filter(([s, e]) => s >= from && e <= to).map(([s, e]) => [s - from, e - from] as Range);
  return [from > 0 ? ELLIPSIS : '', renderHighlight(text.slice(from, to), inside, tags), to < text.length ? ELLIPSIS : ''].join('');
}
