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

const WORD = /[\p{L}\p{N}\p{M}]+/gu;
const MARKS = /\p{M}/gu;
const ASCII = /^[\x00-\x7f]*$/;

/** Lower case and strip diacritics ("Zürich" → "zurich"). Length may differ from the input. */
export function normalizeTerm(s: string): string {
  // Plain ASCII (most news text) has nothing to decompose or strip.
  if (ASCII.test(s)) return s.toLowerCase();
  return s.normalize('NFKD').replace(MARKS, '').toLowerCase();
}

/** Calls fn with each word as written and its start offset, before normalization. */
export function scanWords(text: string, fn: (raw: string, start: number) => void): void {
  const re = new RegExp(WORD);
  for (let m = re.exec(text); m !== null; m = re.exec(text)) fn(m[0], m.index);
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  scanWords(text, (raw, start) => {
    const term = normalizeTerm(raw);
    if (term.length > 0) out.push({ term, start, end: start + raw.length });
  });
  return out;
}

/** Normalized terms only. */
export function terms(text: string): string[] {
  return tokenize(text).map((t) => t.term);
}
