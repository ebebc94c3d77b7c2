/**
 * Text structure the rest of the tagger works on: paragraphs, quotation spans and sentences,
 * all as [start, end) offsets into the article text.
 *
 * Sentences are split by a rule splitter per paragraph rather than Intl.Segmenter: the rules know
 * news abbreviations ("Mr.", "Sept.", "U.S.") and are several times faster; per-paragraph work keeps
 * the cost linear on long documents.
 */
import type { Span } from './types.js';

export interface Paragraph extends Span {
  index: number;
}

export interface QuoteSpan extends Span {
  /** The span runs over more than one paragraph (the opening mark repeats at each paragraph start). */
  multiParagraph: boolean;
}

export interface Sentence extends Span {
  paragraph: number;
}

/** Paragraphs are separated by line breaks; blank lines are not paragraphs. */
export function splitParagraphs(text: string): Paragraph[] {
  const out: Paragraph[] = [];
  const re = /[^\n]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    let start = m.index;
    let end = start + m[0].length;
    while (start < end && /\s/.test(text[start])) start++;
    while (end > start && /\s/.test(text[end - 1])) end--;
    if (end > start) out.push({ start, end, index: out.length });
  }
  return out;
}

const OPEN_ONLY = new Set(['“', '„', '«']);
/** Double quotation marks, NYT-style '' included. */
const MARK = /''|["“”„«»]/g;
const CLOSE_ONLY = new Set(['”', '»']);

/** Is the mark at `i` (length `len`) opening a quotation, judged by its neighbours? */
function looksOpening(text: string, i: number, len: number, paraStart: number): boolean {
  const before = i > paraStart ? text[i - 1] : ' ';
  const after = text[i + len] ?? ' ';
  const beforeOpen = /[\s([{—–―\-/:]/.test(before) || i === paraStart;
  const afterWord = /[\p{L}\p{N}'‘’.…([$\-]/u.test(after);
  return beforeOpen && afterWord;
}

/**
 * Double quotation spans, marks included. Curly marks are trusted when they are used consistently;
 * straight marks (and NYT-style '') open or close by context. A quotation still open at a paragraph
 * end continues when the next paragraph starts with an opening mark (the news convention for quotes
 * over several paragraphs); otherwise it is closed at the paragraph end.
 */
export function findQuotes(text: string, paragraphs: Paragraph[]): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  let open = -1;
  let multi = false;
  for (let p = 0; p < paragraphs.length; p++) {
    const para = paragraphs[p];
    if (open >= 0) {
      const m = /^(“|"|'')/.exec(text.slice(para.start, para.start + 2));
      if (m) {
        multi = true;
      } else {
        out.push({ start: open, end: paragraphs[p - 1].end, multiParagraph: multi });
        open = -1;
        multi = false;
      }
    }
    MARK.lastIndex = para.start;
    for (let mk = MARK.exec(text); mk && mk.index < para.end; mk = MARK.exec(text)) {
      const i = mk.index;
      const c = text[i];
      const len = mk[0].length;
      if (open >= 0 && i === para.start && multi) {
        continue; // the repeated opening mark of a continued quotation
      }
      // A mark that starts a paragraph with nothing open can only open ("” … he delivered").
      const opening = OPEN_ONLY.has(c) || (open < 0 && i === para.start)
        ? true
        : CLOSE_ONLY.has(c)
          ? open < 0 && looksOpening(text, i, len, para.start)
          : open < 0;
      if (opening && open < 0) {
        open = i;
      } else if (!opening && open >= 0) {
        out.push({ start: open, end: i + len, multiParagraph: multi });
        open = -1;
        multi = false;
      } else if (opening && open >= 0 && c === '“' && !looksOpening(text, i, len, para.start)) {
        // A left mark used as a closing one (common typo): close here.
        out.push({ start: open, end: i + len, multiParagraph: multi });
        open = -1;
        multi = false;
      }
    }
  }
  if (open >= 0 && paragraphs.length) out.push({ start: open, end: paragraphs[paragraphs.length - 1].end, multiParagraph: multi });
  const doubles = out.filter((q) => q.end - q.start > 2);
  return mergeSpans(doubles, findSingleQuotes(text, paragraphs, doubles));
}

/**
 * Single-quoted spans outside double quotes, as headlines use them ("Warren: ‘You Should Be …’").
 * A closing single mark is also the apostrophe, so only a span that opens before a capital, closes
 * before a non-letter and holds at least two words counts.
 */
function findSingleQuotes(text: string, paragraphs: Paragraph[], doubles: QuoteSpan[]): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  const re = /(^|[\s:(—–-])([‘'])(\p{Lu}[^‘’'\n]*?\s[^‘’'\n]*?[^\s])([’'])(?!\p{L})/gu;
  for (const p of paragraphs) {
    const slice = text.slice(p.start, p.end);
    re.lastIndex = 0;
    for (let m = re.exec(slice); m; m = re.exec(slice)) {
      const start = p.start + m.index + m[1].length;
      const end = start + m[0].length - m[1].length;
      if (!doubles.some((d) => d.start < end && start < d.end)) out.push({ start, end, multiParagraph: false });
    }
  }
  return out;
}

function mergeSpans(a: QuoteSpan[], b: QuoteSpan[]): QuoteSpan[] {
  return b.length ? [...a, ...b].sort((x, y) => x.start - y.start) : a;
}

const ABBREVIATIONS = new Set(
  (
    'mr mrs ms dr gen lt col sen rep gov sgt capt maj prof st jr sr inc co corp ltd vs etc ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec mt ft adm cmdr supt insp rev hon pres messrs ave blvd dept est approx'
  ).split(' '),
);
const SENTENCE_STARTERS = new Set(
  'The He She They It But And In A An This That We I His Her Their Its On At As If When While Yet So After Before'.split(' '),
);

/** Is the period at `dot` the end of an abbreviation rather than of a sentence? */
function isAbbreviation(text: string, dot: number, nextWord: string): boolean {
  let s = dot;
  while (s > 0 && /[\p{L}.]/u.test(text[s - 1])) s--;
  const word = text.slice(s, dot);
  if (!word) return false;
  if (word.toLowerCase() === 'no') return /^\d/.test(nextWord); // "No. 5", not "said “No.”"
  if (ABBREVIATIONS.has(word.toLowerCase())) return true;
  if (/^\p{Lu}$/u.test(word)) return true; // an initial: "J. Smith"
  if (/^(\p{L}\.)+\p{L}$/u.test(word)) return !SENTENCE_STARTERS.has(nextWord); // U.S. / a.m.
  return false;
}

/** Sentences of one paragraph. Boundaries: . ! ? (and closing marks) + space + a capital, digit or opening mark. */
export function splitSentences(text: string, para: Paragraph): Sentence[] {
  const out: Sentence[] = [];
  let start = para.start;
  const re = /[.!?…]+["”’')\]]*(\s+)(?=(?:''|["“‘'(\[])?[\p{Lu}\p{N}])/gu;
  re.lastIndex = para.start;
  const slice = text.slice(0, para.end);
  for (let m = re.exec(slice); m; m = re.exec(slice)) {
    const end = m.index + m[0].length - m[1].length;
    const next = /^(?:''|["“‘'(\[])?([\p{L}\p{N}]+)/u.exec(slice.slice(end + m[1].length))?.[1] ?? '';
    if (text[m.index] === '.' && m[0].startsWith('.') && !/[.!?…]{2}/.test(m[0]) && isAbbreviation(text, m.index, next)) continue;
    out.push({ start, end, paragraph: para.index });
    start = end + m[1].length;
  }
  if (start < para.end) out.push({ start, end: para.end, paragraph: para.index });
  return out;
}

/** All sentences, paragraph by paragraph. */
export function splitAllSentences(text: string, paragraphs: Paragraph[]): Sentence[] {
  const out: Sentence[] = [];
  for (const p of paragraphs) for (const s of splitSentences(text, p)) out.push(s);
  return out;
}

/**
 * Units: runs of consecutive sentences merged so that no quotation is cut (a quotation may hold
 * several sentences, or run over paragraphs). Units are what passages and attribution work on.
 */
export interface Unit extends Span {
  /** First and last paragraph index covered. */
  paragraphs: [number, number];
}

export function groupUnits(sentences: Sentence[], quotes: QuoteSpan[]): Unit[] {
  const units: Unit[] = [];
  let q = 0;
  for (const s of sentences) {
    const last = units[units.length - 1];
    while (q < quotes.length && quotes[q].end <= s.start) q++;
    // A quotation that started before this sentence and ends inside or after it joins them.
    let joins = false;
    for (let k = q; k < quotes.length && quotes[k].start < s.start; k++) {
      if (last && quotes[k].start < last.end && quotes[k].end > s.start) joins = true;
    }
    if (last && joins) {
      last.end = s.end;
      last.paragraphs[1] = s.paragraph;
    } else {
      units.push({ start: s.start, end: s.end, paragraphs: [s.paragraph, s.paragraph] });
    }
  }
  return units;
}
