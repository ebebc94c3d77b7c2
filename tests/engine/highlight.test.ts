/**
 * engine/highlight.ts: ranges → HTML, escaping exactly once.
 */
import fc from 'fast-check';
import { escapeHtml, matchRanges, renderHighlight, renderSnippet } from '../../engine/highlight.js';
import type { Range } from '../../engine/types.js';
import { matchKind, parseQuery } from '../../engine/query.js';
import { tokenize } from '../../engine/text.js';

const unescape = (s: string): string =>
  s.replace(/&lt;|&gt;|&quot;|&#39;|&amp;/g, (e) => ({ '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'", '&amp;': '&' })[e]!);

test('matchRanges marks whole words matched exactly, by prefix or with a typo', () => {
  const text = 'Ministers met; the minister said: "Ministre <b>"';
  expect(matchRanges(text, parseQuery('minister'))).toEqual([
    [0, 9],
    [19, 27],
    [35, 43],
  ]);
  expect(matchRanges('Zürich and zurich', parseQuery('ZURICH '))).toEqual([
    [0, 6],
    [11, 17],
  ]);
  expect(matchRanges('anything', parseQuery(''))).toEqual([]);
});

test('renderHighlight escapes text and wraps ranges', () => {
  expect(renderHighlight('a <b> & "c"', [[3, 4]])).toBe('a &lt;<mark>b</mark>&gt; &amp; &quot;c&quot;');
  expect(renderHighlight("it's", [[0, 4]], { pre: '<em>', post: '</em>' })).toBe('<em>it&#39;s</em>');
  expect(escapeHtml('<script>')).toBe('&lt;script&gt;');
});

test('renderSnippet crops around the densest matches with ellipses', () => {
  const words = Array.from({ length: 40 }, (_, i) => `w${i}`);
  words[30] = 'border';
  const text = words.join(' ');
  const html = renderSnippet(text, matchRanges(text, parseQuery('border ')), 10);
  expect(html).toBe('…w26 w27 w28 w29 <mark>border</mark> w31 w32 w33 w34 w35…');
  expect(renderSnippet('short text', [], 10)).toBe('short text');
  expect(renderSnippet(text, [], 5)).toBe('w0 w1 w2 w3 w4…');
});

test('any text and query: removing the marks and unescaping gives the text back; nothing unescaped leaks', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 120 }), fc.string({ maxLength: 20 }), (text, q) => {
      const html = renderHighlight(text, matchRanges(text, parseQuery(q)));
      const stripped = html.replaceAll('<mark>', '').replaceAll('</mark>', '');
      expect(/[<>"']/.test(stripped)).toBe(false);
      expect(unescape(stripped)).toBe(text);
      const snippet = renderSnippet(text, matchRanges(text, parseQuery(q)), 5).replaceAll('<mark>', '').replaceAll('</mark>', '');
      expect(/[<>"']/.test(snippet)).toBe(false);
    }),
  );
});

test('matchRanges agrees with its definition: every token any query word matches, whatever the case or accents', () => {
  // Letters that fold across case and accents, so first-letter shortcuts get exercised.
  const letter = fc.constantFrom('a', 'b', 'e', 'z', 'A', 'B', 'E', 'Z', 'é', 'É', 'à', 'ß', 'ǅ', 'ﬁ', '2', '\u0301');
  const word = fc.array(letter, { minLength: 1, maxLength: 7 }).map((l) => l.join(''));
  const text = fc.array(fc.tuple(word, fc.constantFrom(' ', ', ', '-', '. ')), { maxLength: 25 }).map((ws) => ws.map(([w, sep]) => w + sep).join(''));
  const query = fc.tuple(fc.array(word, { minLength: 1, maxLength: 3 }), fc.boolean()).map(([ws, space]) => ws.join(' ') + (space ? ' ' : ''));
  fc.assert(
    fc.property(text, query, (t, q) => {
      const parsed = parseQuery(q);
      const want = parsed.words.length === 0 ? [] : tokenize(t).filter((tok) => parsed.words.some((w) => matchKind(w, tok.term) >= 0)).map((tok) => [tok.start, tok.end]);
      expect(matchRanges(t, parsed)).toEqual(want);
    }),
    { numRuns: 2000 },
  );
});

/** renderSnippet's window choice written plainly (every word against every range): the oracle. */
function naiveSnippet(text: string, ranges: readonly Range[], cropWords: number): string {
  const words = [...text.matchAll(/\S+/g)].map((m) => [m.index, m.index + m[0].length] as Range);
  if (words.length <= cropWords) return renderHighlight(text, ranges);
  const isMatched = words.map(([s, e]) => ranges.some(([rs, re]) => rs < e && re > s));
  let best = 0;
  let bestCount = -1;
  let count = 0;
  for (let i = 0; i < words.length; i++) {
    if (isMatched[i]) count++;
    if (i >= cropWords && isMatched[i - cropWords]) count--;
    if (i - cropWords + 1 >= 0 && count > bestCount) {
      bestCount = count;
      best = i - cropWords + 1;
    }
  }
  const matched = isMatched.map((m, i) => (m && i >= best && i < best + cropWords ? i : -1)).filter((i) => i >= 0);
  if (matched.length > 0) best = Math.max(0, Math.min(Math.round((matched[0] + matched[matched.length - 1] + 1 - cropWords) / 2), words.length - cropWords));
  const from = words[best][0];
  const to = words[Math.min(words.length, best + cropWords) - 1][1];
  const inside = ranges.filter(([s, e]) => s >= from && e <= to).map(([s, e]) => [s - from, e - from] as Range);
  return (from > 0 ? '…' : '') + renderHighlight(text.slice(from, to), inside) + (to < text.length ? '…' : '');
}

test('renderSnippet picks the same window as the plain every-word-against-every-range definition, for unordered and overlapping ranges too', () => {
  const text = fc.array(fc.constantFrom('ab', 'c', 'de f', ' ', '  ', '\n', 'x\u00a0y', '<&>'), { maxLength: 60 }).map((p) => p.join(''));
  fc.assert(
    fc.property(
      text,
      fc.array(fc.tuple(fc.nat({ max: 200 }), fc.nat({ max: 12 })), { maxLength: 8 }),
      fc.integer({ min: 1, max: 12 }),
      (t, raw, crop) => {
        const ranges = raw.map(([s, len]) => [Math.min(s, t.length), Math.min(s + len, t.length)] as Range);
        expect(renderSnippet(t, ranges, crop)).toBe(naiveSnippet(t, ranges, crop));
      },
    ),
    { numRuns: 3000 },
  );
});
