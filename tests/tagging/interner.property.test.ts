/** WordInterner against a Map keyed by the span's string: same entries, made once per word while under the cap. */
import fc from 'fast-check';
import { WordInterner } from '../../indexer/tagging/interner.js';

test('entries equal a Map oracle, across table growth and past the word cap', () => {
  fc.assert(
    fc.property(
      fc.string({ unit: fc.constantFrom('a', 'b', 'é', '’', '𝐀', '\ud800', ' '), maxLength: 4000 }),
      fc.array(fc.tuple(fc.nat(), fc.nat(6)), { maxLength: 3000 }),
      fc.integer({ min: 0, max: 1500 }),
      (text, spans, maxWords) => {
        let made = 0;
        const interner = new WordInterner((w) => ({ w, n: made++ }), { maxWords });
        const oracle = new Map<string, { w: string; n: number }>();
        for (const [a, len] of spans) {
          const from = text.length ? a % text.length : 0;
          const to = Math.min(text.length, from + len);
          const word = text.slice(from, to);
          const e = interner.get(text, from, to);
          expect(e.w).toBe(word);
          const known = oracle.get(word);
          if (known) expect(e).toBe(known);
          else if (oracle.size < maxWords) oracle.set(word, e);
        }
        expect(interner.size).toBe(oracle.size);
      },
    ),
    { numRuns: 200 },
  );
});

test('options are validated at construction', () => {
  expect(() => new WordInterner((w) => w, { maxWords: -1 })).toThrow('WordInterner: option "maxWords" must be an integer >= 0, got -1');
});
