/**
 * One tokenizer for the whole project, so the embedded index, highlighting, completions and the
 * Meilisearch adapter's query rewriting agree on what a "word" is. It matches SQLite FTS5's
 * `unicode61 remove_diacritics 2`: runs of letters and digits, case- and accent-folded.
 */

export interface Token {
  /** Normalized form: lower case, no diacritics. */
  term: string;
  /** [start, end) offsets into the original string. */
  start: number;
  end: number;
}

// A word is a run of /[\p{L}\p{N}\p{M}]+/u (scanWords finds them without the regex).
const MARKS = /\p{M}/gu;
const ASCII = /^[\x00-\x7f]*$/;

/** Lower case and strip diacritics ("Zürich" → "zurich"). Length may differ from the input. */
export function normalizeTerm(s: string): string {
  // Plain ASCII (most news text) has nothing to decompose or strip.
  if (ASCII.test(s)) return s.toLowerCase();
  return s.normalize('NFKD').replace(MARKS, '').toLowerCase();
}

/** 1 for the ASCII characters a word is made of ([A-Za-z0-9]). */
export const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD[c] = /[A-Za-z0-9]/.test(String.fromCharCode(c)) ? 1 : 0;

/**
 * Membership of a code point in the one-character class `re`, for hand-written scanners: ASCII by
 * `ascii`, the rest of the BMP through a table filled from `re` the first time a character is met,
 * astral code points through `re`.
 */
export function codePointClass(re: RegExp, ascii: (c: number) => boolean): (cp: number) => boolean {
  const bmp = new Uint8Array(0x10000); // 0: not seen yet, 1: in the class, 2: not
  return (cp) => {
    if (cp < 128) return ascii(cp);
    if (cp < 0x10000) {
      let v = bmp[cp];
      if (v === 0) bmp[cp] = v = re.test(String.fromCharCode(cp)) ? 1 : 2;
      return v === 1;
    }
    return re.test(String.fromCodePoint(cp));
  };
}

/** Whether a code point belongs to a word ([\p{L}\p{N}\p{M}]). */
export const isWordCodePoint = codePointClass(/^[\p{L}\p{N}\p{M}]$/u, (c) => ASCII_WORD[c] === 1);

/** Where the word starting at `from` (a word character) ends. */
export function wordEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if (ASCII_WORD[c] === 0) break;
      i++;
      continue;
    }
    const cp = text.codePointAt(i) as number;
    if (!isWordCodePoint(cp)) break;
    i += cp > 0xffff ? 2 : 1;
  }
  return i;
}

/**
 * Calls fn with the [start, end) of each word, in order: the regex's matches, found with a table
 * for ASCII instead of the Unicode-property regex.
 */
export function scanWords(text: string, fn: (start: number, end: number) => void): void {
  const len = text.length;
  let i = 0;
  while (i < len) {
    const c = text.charCodeAt(i);
    const cp = c < 128 ? c : (text.codePointAt(i) as number);
    if (c < 128 ? ASCII_WORD[c] === 0 : !isWordCodePoint(cp)) {
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    const start = i;
    i = wordEnd(text, i);
    fn(start, i);
  }
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  scanWords(text, (start, end) => {
    const term = normalizeTerm(text.slice(start, end));
    if (term.length > 0) out.push({ term, start, end });
  });
  return out;
}

/** Normalized terms only. */
export function terms(text: string): string[] {
  return tokenize(text).map((t) => t.term);
}
