/**
 * The tagger's hand-written scanners against the Unicode regexes they replaced, on text drawn from
 * an alphabet of the cases that differ: ASCII, accents, combining marks, apostrophes and hyphens,
 * astral letters, and lone surrogates; over random [start, end) windows that may cut a pair.
 */
import fc from 'fast-check';
import { nextRunStart } from '../../indexer/tagging/names.js';
import { exactWord, passageWords, stemWord, tokenize } from '../../indexer/tagging/phrases.js';

const text = fc.string({
  unit: fc.constantFrom('a', 'Q', '7', ' ', '-', "'", '’', '.', 'é', 'É', '\u0301', 'ß', '—', '①', '𝐀', '𝐚', '\ud800', '\udc00'),
  maxLength: 50,
});
const window = text.chain((s) => fc.tuple(fc.constant(s), fc.nat(s.length), fc.nat(s.length)).map(([t, a, b]) => [t, Math.min(a, b), Math.max(a, b)] as const));

test('tokenize finds the words the token regex finds in the window', () => {
  const TOKEN = /[\p{L}\p{N}]+(?:[’'\-][\p{L}\p{N}]+)*/gu;
  fc.assert(
    fc.property(window, ([s, start, end]) => {
      const slice = s.slice(start, end);
      const expected = [...slice.matchAll(TOKEN)].map((m) => ({ norm: m[0], start: start + m.index, end: start + m.index + m[0].length }));
      expect(tokenize(s, start, end, (w) => w)).toEqual(expected);
    }),
    { numRuns: 3000 },
  );
});

test('passageWords gives tokenize(…, exactWord) with each word\'s stem, through the interner', () => {
  fc.assert(
    fc.property(window, ([s, start, end]) => {
      const expected = tokenize(s, start, end, exactWord).map((t) => ({ ...t, stem: stemWord(t.norm) }));
      expect(passageWords(s, start, end)).toEqual(expected);
      // A second sight of the same words comes from the interner's entries.
      expect(passageWords(s, start, end)).toEqual(expected);
    }),
    { numRuns: 2000 },
  );
  const s = "The minister’s militants' sanctuaries, the Minister's";
  expect(passageWords(s, 0, s.length).map((w) => [w.norm, w.stem])).toEqual([
    ['The', 'the'],
    ['minister', 'minist'],
    ['militants', 'milit'],
    ['sanctuaries', 'sanctuari'],
    ['the', 'the'],
    ['Minister', 'minist'],
  ]);
});

test('nextRunStart finds the capital the lookbehind regex finds', () => {
  const RUN_START = /(?<![\p{L}\p{N}'’\-])\p{Lu}/gu;
  fc.assert(
    fc.property(window, ([s, from, end]) => {
      // From inside a surrogate pair, V8's regex backs up to the pair's start, before `from`; the scanner does not.
      fc.pre(!(/[\ud800-\udbff]/.test(s[from - 1] ?? '') && /[\udc00-\udfff]/.test(s[from] ?? '')));
      RUN_START.lastIndex = from;
      const m = RUN_START.exec(s);
      expect(nextRunStart(s, from, end)).toBe(m && m.index < end ? m.index : -1);
    }),
    { numRuns: 3000 },
  );
});

test('the scanners read real news text as the regexes do', () => {
  const s = 'Pakistan’s Defence Minister Khawaja Asif told the “Times” on Sunday: the TTP’s e-mail — O’Neill’s 𝐀rt.';
  expect(tokenize(s, 0, s.length, (w) => w).map((t) => t.norm)).toEqual(
    ['Pakistan’s', 'Defence', 'Minister', 'Khawaja', 'Asif', 'told', 'the', 'Times', 'on', 'Sunday', 'the', 'TTP’s', 'e-mail', 'O’Neill’s', '𝐀rt'],
  );
  const starts: string[] = [];
  for (let i = nextRunStart(s, 0, s.length); i >= 0; i = nextRunStart(s, i + 1, s.length)) starts.push(s.slice(i, i + 3));
  expect(starts).toEqual(['Pak', 'Def', 'Min', 'Kha', 'Asi', 'Tim', 'Sun', 'TTP', 'O’N', '𝐀r']);
});
