/**
 * A reference tokenizer for Meilisearch's filter grammar, written from its parser
 * (crates/filter-parser: value.rs `quoted_by`, `unescape`, then `unescaper::unescape`;
 * lib.rs operators and keywords), to check that what filter.ts builds parses as intended.
 */

export type FilterToken =
  | { kind: 'word'; text: string }
  | { kind: 'keyword'; text: string }
  | { kind: 'quoted'; value: string }
  | { kind: 'op'; text: string }
  | { kind: 'punct'; text: string };

const KEYWORDS = new Set(['AND', 'OR', 'IN', 'NOT', 'TO', 'EXISTS', 'IS', 'NULL', 'EMPTY', 'CONTAINS', 'STARTS', 'WITH', '_geoRadius', '_geoBoundingBox']);
const isValueChar = (c: string) => /[\p{L}\p{N}_.-]/u.test(c);

/** unescaper::unescape: Rust-style escapes; anything else after a backslash is an error. */
function generalUnescape(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const n = s[++i];
    if (n === undefined) throw new Error('incomplete escape');
    const simple: Record<string, string> = { '\\': '\\', '"': '"', "'": "'", n: '\n', t: '\t', r: '\r', '0': '\0', b: '\b', f: '\f', '/': '/' };
    if (n in simple) out += simple[n];
    else if (n === 'u') {
      const m = /^\{([0-9a-fA-F]{1,6})\}/.exec(s.slice(i + 1)) ?? /^([0-9a-fA-F]{4})/.exec(s.slice(i + 1));
      if (!m) throw new Error('bad unicode escape');
      out += String.fromCodePoint(parseInt(m[1], 16));
      i += m[0].length;
    } else throw new Error(`invalid escape \\${n}`);
  }
  return out;
}

/** One quoted literal starting at s[start] (the quote): [value, index after the closing quote]. */
function quoted(s: string, start: number): [string, number] {
  const q = s[start];
  let escapedQuote = false;
  let i = start + 1;
  for (; i < s.length; i++) {
    const c = s[i];
    if (c === q) break;
    if (c === '\\') {
      if (i + 1 >= s.length) throw new Error('malformed value: trailing backslash');
      if (s[i + 1] === q) escapedQuote = true;
      i++;
    }
  }
  if (i >= s.length) throw new Error('missing closing quote');
  let raw = s.slice(start + 1, i);
  if (escapedQuote) raw = raw.split('\\' + q).join(q);
  return [generalUnescape(raw), i + 1];
}

export function tokenizeFilter(s: string): FilterToken[] {
  const out: FilterToken[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (/\s/u.test(c)) {
      i++;
    } else if (c === '"' || c === "'") {
      const [value, next] = quoted(s, i);
      out.push({ kind: 'quoted', value });
      i = next;
    } else if ('()[],'.includes(c)) {
      out.push({ kind: 'punct', text: c });
      i++;
    } else if ('=!<>'.includes(c)) {
      const two = s.slice(i, i + 2);
      const op = ['!=', '>=', '<='].includes(two) ? two : c;
      if (op === '!') throw new Error('lone !');
      out.push({ kind: 'op', text: op });
      i += op.length;
    } else if (isValueChar(c)) {
      let j = i;
      while (j < s.length && isValueChar(s[j])) j++;
      const text = s.slice(i, j);
      out.push(KEYWORDS.has(text) ? { kind: 'keyword', text } : { kind: 'word', text });
      i = j;
    } else throw new Error(`unexpected ${JSON.stringify(c)} at ${i}`);
  }
  return out;
}
