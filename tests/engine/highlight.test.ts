/**
 * engine/highlight.ts: ranges → HTML, escaping exactly once.
 */
import fc from 'fast-check';
import { escapeHtml, matchRanges, renderHighlight, renderSnippet } from '../../engine/highlight.js';
import { parseQuery } from '../../engine/query.js';

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
