/**
 * engine/query.ts: how user text becomes query words, and when an indexed word matches one.
 * Plus the embedded engine's vocabulary walk, held to matchTypos over random vocabularies.
 */
import fc from 'fast-check';
import { typoRanges } from '../../engine/embedded/expand.js';
import { boundedEditDistance, matchKind, matchTypos, MAX_QUERY_WORDS, parseQuery, typoBudget, type QueryWord } from '../../engine/query.js';

/** Plain optimal string alignment (Levenshtein plus adjacent swaps), the definition the bounded one must agree with. */
function levenshtein(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  return d[a.length][b.length];
}

const word = (term: string, prefix: boolean): QueryWord => ({ term, prefix, maxTypos: typoBudget(term) });

describe('parseQuery', () => {
  test('last word is a prefix unless the query ends with a separator', () => {
    expect(parseQuery('Khawaja As')).toEqual({
      words: [
        { term: 'khawaja', prefix: false, maxTypos: 1 },
        { term: 'as', prefix: true, maxTypos: 0 },
      ],
      normalized: 'khawaja as',
    });
    expect(parseQuery('border ').words).toEqual([{ term: 'border', prefix: false, maxTypos: 1 }]);
    expect(parseQuery('border ').normalized).toBe('border ');
    expect(parseQuery('border,').words[0].prefix).toBe(false);
  });

  test('typo budget: 0 under 5 letters, 1 from 5, 2 from 9, none for numbers', () => {
    expect(['tara', 'tarar', 'ministers', 'afghanistan', '2024', '123456789'].map(typoBudget)).toEqual([0, 1, 2, 2, 0, 0]);
  });

  test('accents, case and punctuation are normalised away; empty input has no words', () => {
    expect(parseQuery('  Zürich!! "NEAR" -x* ').words.map((w) => w.term)).toEqual(['zurich', 'near', 'x']);
    expect(parseQuery('').words).toEqual([]);
    expect(parseQuery('  ...  ').words).toEqual([]);
  });

  test(`words past the ${MAX_QUERY_WORDS}th are dropped and then no word is a prefix`, () => {
    const p = parseQuery('a b c d e f g h i j k l');
    expect(p.words.map((w) => w.term)).toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j']);
    expect(p.words.some((w) => w.prefix)).toBe(false);
  });

  test('any string parses without throwing into at most 10 non-empty words', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (q) => {
        const p = parseQuery(q);
        expect(p.words.length).toBeLessThanOrEqual(MAX_QUERY_WORDS);
        expect(p.words.every((w) => w.term.length > 0 && w.term === w.term.toLowerCase())).toBe(true);
        expect(p.words.filter((w) => w.prefix).length).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('matchKind and matchTypos', () => {
  test('exact, prefix, typo, none', () => {
    expect(matchKind(word('minister', false), 'minister')).toBe(0);
    expect(matchKind(word('minis', true), 'minister')).toBe(1);
    expect(matchKind(word('minis', false), 'minister')).toBe(-1);
    expect(matchKind(word('ministr', false), 'minister')).toBe(2);
    expect(matchKind(word('binister', false), 'minister')).toBe(-1);
    expect(matchKind(word('tara', false), 'tarar')).toBe(-1);
    expect(matchTypos(word('afganistan', false), 'afghanistan')).toBe(1);
    expect(matchTypos(word('afganstan', false), 'afghanistan')).toBe(2);
    // A prefix word with a typo: some prefix of the candidate is within budget.
    expect(matchTypos(word('minst', true), 'ministers')).toBe(1);
    expect(matchTypos(word('minsti', true), 'ministers')).toBe(-1);
    expect(matchTypos(word('afgahnist', true), 'afghanistan')).toBe(1);
    // A swap of adjacent letters is one typo, as in Meilisearch; never of the first two.
    expect(matchTypos(word('minsiter', false), 'minister')).toBe(1);
    expect(matchTypos(word('mniister', false), 'minister')).toBe(1);
    expect(matchTypos(word('imnister', false), 'minister')).toBe(-1);
    expect(matchTypos(word('bordre', true), 'borders')).toBe(1);
    expect(matchTypos(word('minsit', true), 'ministers')).toBe(1);
  });

  const wordArb = fc.string({ unit: fc.constantFrom('a', 'b', 'n', 'r', 'e'), minLength: 1, maxLength: 11 });

  test('boundedEditDistance agrees with optimal string alignment up to its bound', () => {
    fc.assert(
      fc.property(wordArb, wordArb, fc.integer({ min: 0, max: 3 }), (a, b, max) => {
        expect(boundedEditDistance(a, b, max)).toBe(Math.min(levenshtein(a, b), max + 1));
      }),
    );
  });

  test('matchTypos is the fewest typos of the definition and agrees with matchKind', () => {
    fc.assert(
      fc.property(wordArb, wordArb, fc.boolean(), (q, c, prefix) => {
        const w = word(q, prefix);
        const typos = matchTypos(w, c);
        const kind = matchKind(w, c);
        expect(typos >= 0).toBe(kind >= 0);
        if (kind === 0 || kind === 1) expect(typos).toBe(0);
        const lens = prefix ? Array.from({ length: c.length }, (_, i) => i + 1) : [c.length];
        const best = Math.min(...lens.map((n) => levenshtein(q, c.slice(0, n))));
        const want = c === q || (prefix && c.startsWith(q)) ? 0 : w.maxTypos > 0 && c[0] === q[0] && best <= w.maxTypos ? best : -1;
        expect(typos).toBe(want);
      }),
    );
  });
});

/** One edit of `w` at position `at` (modulo its length): a letter removed, added, changed, or swapped with the next. */
function edit(w: string, kind: number, at: number, letter: string): string {
  const i = at % (w.length + 1);
  if (kind === 0) return w.slice(0, i) + w.slice(i + 1);
  if (kind === 1) return w.slice(0, i) + letter + w.slice(i);
  if (kind === 2) return w.slice(0, i) + letter + w.slice(i + 1);
  return i + 1 < w.length ? w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2) : w;
}

const LETTER = fc.constantFrom('a', 'b', 'n', 'r', 'e');
const editArb = fc.tuple(fc.integer({ min: 0, max: 3 }), fc.nat(), LETTER);

test('the embedded vocabulary walk finds exactly the typo matches, with their typo counts', () => {
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.string({ unit: LETTER, minLength: 1, maxLength: 10 }), { maxLength: 60 }),
      fc.string({ unit: LETTER, minLength: 1, maxLength: 10 }),
      fc.boolean(),
      // Words one or two edits from the query (swaps included), so that near matches are common.
      fc.array(fc.array(editArb, { minLength: 1, maxLength: 2 }), { maxLength: 12 }),
      (random, q, prefix, edits) => {
      const near = edits.map((es) => es.reduce((w, [kind, at, letter]) => edit(w, kind, at, letter), q)).filter((w) => w.length > 0);
      const terms = [...new Set([...random, ...near])].sort();
      const w = word(q, prefix);
      const got = new Map<string, number>();
      for (const r of typoRanges(terms, w)) for (let i = r.lo; i < r.hi; i++) got.set(terms[i], r.typos);
      const want = new Map<string, number>();
      for (const t of terms) {
        const k = matchTypos(w, t);
        if (k > 0) want.set(t, k);
      }
      expect(got).toEqual(want);
      },
    ),
    { numRuns: 500 },
  );
});
