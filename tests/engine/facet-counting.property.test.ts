/**
 * Facet counts over a doc set (engine/embedded/count-facets.ts) are the same whether the engine walks
 * the set's passages (or its complement's) or scans every value's passages, and equal a count
 * over the documents themselves; for every facet or only one. Counting from a nearby set's counts
 * gives the same counts, and is used when the sets are near. Date stats over any set equal a naive min/max.
 */
import fc from 'fast-check';
import * as ds from '../../engine/embedded/docset.js';
import { countAllFacets, countAllFacetsFrom, countFacetsBy } from '../../engine/embedded/count-facets.js';
import { dateStats } from '../../engine/embedded/facets.js';
import type { Snapshot } from '../../engine/embedded/snapshot.js';
import { FACET_NAMES, type FacetName, type PassageDoc } from '../../engine/types.js';
import { indexDocs, openSnapshot, passage, seededRandom, utc, type TempIndex } from './fixture.js';

const N = 300;

function corpus(): PassageDoc[] {
  const rand = seededRandom(11);
  const some = (prefix: string, values: number, most: number): string[] => [...new Set(Array.from({ length: rand(most + 1) }, () => `${prefix} ${rand(values)}`))];
  return Array.from({ length: N }, (_, i) =>
    passage(`a${Math.floor(i / 3)}`, i % 3, `passage ${i} text`, {
      speakers: some('Speaker', 40, 2),
      topics: some('Topic', 6, 3),
      places: some('Place', 25, 2),
      organisations: some('Org', 12, 1),
      date: i % 7 === 0 ? null : utc('2024-01-01') + rand(700) * 86_400,
    }),
  );
}

let index: TempIndex;
let snap: Snapshot;
let docs: PassageDoc[];

beforeAll(async () => {
  index = await indexDocs(corpus());
  snap = openSnapshot(index, false);
  docs = snap.docs(Array.from({ length: snap.n }, (_, d) => d));
});

afterAll(async () => {
  snap.close();
  await index.cleanup();
});

/** value → passages of `members` carrying it, from the documents. */
function naive(name: FacetName, members: number[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const d of members) {
    const v = docs[d][name];
    for (const value of Array.isArray(v) ? v : v === null ? [] : [v]) out[value] = (out[value] ?? 0) + 1;
  }
  return out;
}

function named(name: FacetName, counts: Int32Array): Record<string, number> {
  const out: Record<string, number> = {};
  counts.forEach((c, v) => {
    if (c !== 0) out[snap.facets[name].values[v]] = c;
  });
  return out;
}

test('walk and scan count every facet as the documents do, over any set', () => {
  expect(snap.n).toBe(N);
  fc.assert(
    fc.property(fc.uniqueArray(fc.integer({ min: 0, max: N - 1 }), { maxLength: N }), fc.constantFrom<FacetName | undefined>(undefined, ...FACET_NAMES), (picked, only) => {
      const set = ds.emptySet(N);
      for (const d of picked) set[d >>> 5] |= 1 << (d & 31);
      const members = [...picked].sort((a, b) => a - b);
      const walk = countFacetsBy('walk', snap, set, members.length, only);
      const scan = countFacetsBy('scan', snap, set, members.length, only);
      for (const name of only ? [only] : FACET_NAMES) {
        expect(named(name, scan.slice(name))).toEqual(naive(name, members));
        expect(named(name, walk.slice(name))).toEqual(naive(name, members));
      }
    }),
    { numRuns: 300 },
  );
});

/** Every other passage up to 300: far from the sets the property draws. */
const far = () => ds.fromDocs(N, Array.from({ length: 150 }, (_, i) => 2 * i));

test('counts from the nearest of several sets equal the documents\' counts, and are taken when the difference is small', () => {
  let taken = 0;
  fc.assert(
    fc.property(
      fc.uniqueArray(fc.integer({ min: 0, max: N - 1 }), { minLength: 60, maxLength: 240 }),
      fc.uniqueArray(fc.integer({ min: 0, max: N - 1 }), { maxLength: 12 }),
      fc.uniqueArray(fc.integer({ min: 0, max: N - 1 }), { maxLength: 12 }),
      (basePicked, dropped, added) => {
        const base = ds.emptySet(N);
        for (const d of basePicked) ds.addAll(base, [d]);
        const set = base.slice();
        for (const d of dropped) set[d >>> 5] &= ~(1 << (d & 31));
        ds.addAll(set, added);
        const baseCounts = countAllFacets(snap, base, basePicked.length).counts;
        const got = countAllFacetsFrom(snap, set, ds.count(set), [{ set: far(), counts: countAllFacets(snap, far(), 150).counts }, { set: base, counts: baseCounts.slice() }]);
        if (!got) return;
        taken++;
        const members = Array.from(ds.toArray(set));
        for (const name of FACET_NAMES) expect(named(name, got.slice(name))).toEqual(naive(name, members));
      },
    ),
    { numRuns: 300 },
  );
  // Up to 24 of 60–240 passages differ: counting from the base is cheaper nearly every time.
  expect(taken).toBeGreaterThan(250);
});

test('counts from a set far from the base are not taken from it', () => {
  const base = ds.fromDocs(N, Array.from({ length: 100 }, (_, i) => i));
  const far = ds.fromDocs(N, Array.from({ length: 100 }, (_, i) => 150 + i));
  expect(countAllFacetsFrom(snap, far, 100, [{ set: base, counts: countAllFacets(snap, base, 100).counts }])).toBeNull();
});

test('date stats are the earliest and latest date of the set\'s dated passages, over any set', () => {
  const dated = (d: number): number | null => docs[d].date;
  // Sets spread over the dates, clustered in a few passages, or of undated passages only.
  const setArb = fc.oneof(
    fc.uniqueArray(fc.integer({ min: 0, max: N - 1 }), { maxLength: N }),
    fc.uniqueArray(fc.integer({ min: 140, max: 160 }), { maxLength: 4 }),
    fc.uniqueArray(fc.constantFrom(...Array.from({ length: N }, (_, d) => d).filter((d) => dated(d) === null)), { maxLength: 30 }),
  );
  fc.assert(
    fc.property(setArb, (picked) => {
      const set = ds.fromDocs(N, picked);
      const times = picked.map(dated).filter((t): t is number => t !== null);
      const want = times.length === 0 ? null : { min: Math.min(...times), max: Math.max(...times) };
      expect(dateStats(snap, set, picked.length)).toEqual(want);
    }),
    { numRuns: 500 },
  );
});
