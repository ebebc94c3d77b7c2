/**
 * Words are the runs of /[\p{L}\p{N}\p{M}]+/u: scanWords finds exactly the regex's matches, and
 * the embedded indexer's scanner yields exactly engine/text.ts terms(), on any string.
 */
import fc from 'fast-check';
import { TermScanner } from '../../engine/embedded/tokenize.js';
import { scanWords, terms } from '../../engine/text.js';

test('any string: scanWords finds the regex definition\'s words, lone surrogates and astral letters included', () => {
  const words = (s: string): [number, number][] => {
    const out: [number, number][] = [];
    scanWords(s, (start, end) => out.push([start, end]));
    return out;
  };
  const regex = (s: string): [number, number][] => [...s.matchAll(/[\p{L}\p{N}\p{M}]+/gu)].map((m) => [m.index, m.index + m[0].length]);
  expect(words('Zürich’s 𝐀𝐁 ①\ud800x')).toEqual(regex('Zürich’s 𝐀𝐁 ①\ud800x'));
  fc.assert(
    fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 80 }), fc.string({ maxLength: 80 })), (s) => {
      expect(words(s)).toEqual(regex(s));
    }),
    { numRuns: 3000 },
  );
});

const scan = (s: string): string[] => {
  const out: string[] = [];
  new TermScanner().scan(s, (t) => out.push(t));
  return out;
};

test('news text with accents, curly quotes, digits and ligatures', () => {
  const s = '“Zürich’s ﬁnance-minister,” said Ms. Ngô in 2024 — São Paulo; naïve résumé ①';
  expect(scan(s)).toEqual(terms(s));
  expect(scan(s)).toEqual(['zurich', 's', 'finance', 'minister', 'said', 'ms', 'ngo', 'in', '2024', 'sao', 'paulo', 'naive', 'resume', '1']);
});

/** ASCII words running into accents, combining marks, curly quotes, ligatures, astral letters and lone surrogates. */
const mixedText = fc.string({ unit: fc.constantFrom('a', 'Q', '7', ' ', '-', 'é', '\u0301', '’', '—', 'ß', 'ﬁ', '𝐀', '①', '\ud800', '\udc00'), maxLength: 60 });

test('any string: same terms as terms()', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string({ unit: 'binary', maxLength: 80 }), fc.string({ unit: 'grapheme', maxLength: 80 }), mixedText), (s) => {
      expect(scan(s)).toEqual(terms(s));
    }),
    { numRuns: 2000 },
  );
});

test('one id per term, whichever path interned it first', () => {
  const scanner = new TermScanner();
  const ids: number[] = [];
  scanner.scanIds('Zürich ZURICH zurich Zurich école ECOLE', (id) => ids.push(id));
  expect(ids).toEqual([0, 0, 0, 0, 1, 1]);
  expect(scanner.table.terms).toEqual(['zurich', 'ecole']);
});
