/**
 * Counting every facet's values over a doc set: a walk over the set's passages (or its
 * complement's) reading each passage's values, a scan of every value's passages testing each
 * against the set, whichever is cheaper, or the counts of a nearby set plus the difference.
 */
import { FACET_NAMES, type FacetName } from '../types.js';
import * as ds from './docset.js';
import { combineFacets, OVERFLOW, SLOT_SHIFT, SLOT_VALUES, type CombinedArrays } from './facet-slots.js';
import type { FacetData, Snapshot } from './snapshot.js';

/** What counting every facet over a doc set reads: a snapshot, or a generation being built (build.ts). */
export interface FacetTables {
  readonly n: number;
  readonly facets: Record<FacetName, Pick<FacetData, 'values' | 'offsets' | 'ids' | 'invOffsets' | 'invDocs'>>;
  readonly combinedFacets: CombinedArrays | null;
}

/** Adds (sign 1) or subtracts (sign -1) the values of every doc in `set`, walking its bitmap inline. */
function tallyDocs(f: { offsets: Uint32Array; ids: Uint32Array }, set: ds.DocSet, counts: Int32Array, sign: number, invert: boolean, n: number): void {
  const { offsets, ids } = f;
  for (let i = 0; i < set.length; i++) {
    let w = invert ? ~set[i] : set[i];
    if (invert && i === set.length - 1 && (n & 31) !== 0) w &= (1 << (n & 31)) - 1;
    while (w !== 0) {
      const t = w & -w;
      const d = (i << 5) + (31 - Math.clz32(t));
      for (let k = offsets[d]; k < offsets[d + 1]; k++) counts[ids[k]] += sign;
      w ^= t;
    }
  }
}

/** Per slot value (value id + 1; 0 is an empty slot), the tally of the walk in progress: see tallySlots. */
let slotTally = new Int32Array(0);
// tallySlots reads a passage's slots unrolled.
if (SLOT_VALUES !== 7) throw new Error(`count-facets: tallySlots reads 7 slots a passage, SLOT_VALUES is ${SLOT_VALUES}`);

/**
 * tallyDocs over the fixed slots of the combined arrays. Each of a passage's seven slots is added
 * unconditionally, empty ones to a tally nobody reads, then the tallies are folded into `counts`:
 * stopping at the first empty slot mispredicted a branch per passage, and this walk ran 1.4–3
 * times faster without it (1M passages, sets of 7–40%). The bitmap walk is written out in both
 * tallies, as in docset.ts: a callback per passage cost about as much as the walk.
 */
function tallySlots(c: CombinedArrays, set: ds.DocSet, counts: Int32Array, sign: number, invert: boolean, n: number): void {
  const { offsets, ids } = c;
  const slots = c.slots as Uint16Array;
  if (slotTally.length < counts.length + 1) slotTally = new Int32Array(counts.length + 1);
  const tally = slotTally;
  for (let i = 0; i < set.length; i++) {
    let w = invert ? ~set[i] : set[i];
    if (invert && i === set.length - 1 && (n & 31) !== 0) w &= (1 << (n & 31)) - 1;
    while (w !== 0) {
      const t = w & -w;
      const d = (i << 5) + (31 - Math.clz32(t));
      w ^= t;
      const at = d << SLOT_SHIFT;
      if (slots[at] === OVERFLOW) {
        for (let k = offsets[d]; k < offsets[d + 1]; k++) counts[ids[k]] += sign;
        continue;
      }
      tally[slots[at]] += sign;
      tally[slots[at + 1]] += sign;
      tally[slots[at + 2]] += sign;
      tally[slots[at + 3]] += sign;
      tally[slots[at + 4]] += sign;
      tally[slots[at + 5]] += sign;
      tally[slots[at + 6]] += sign;
    }
  }
  for (let v = 0; v < counts.length; v++) counts[v] += tally[v + 1];
  tally.fill(0, 0, counts.length + 1);
}

/**
 * value id → passages of `set` carrying it. The cheapest of three walks: the docs of the set,
 * the docs outside it (subtracted from the global counts), or every value's postings.
 */
export function countValues(snap: Snapshot, f: FacetData, set: ds.DocSet, setSize: number): Int32Array {
  const counts = new Int32Array(f.values.length);
  const global = (): void => {
    for (let v = 0; v < counts.length; v++) counts[v] = f.invOffsets[v + 1] - f.invOffsets[v];
  };
  if (setSize === snap.n) {
    global();
    return counts;
  }
  const perDoc = f.ids.length / Math.max(1, snap.n);
  const inside = setSize * perDoc;
  const outside = (snap.n - setSize) * perDoc;
  if (inside <= outside && inside < f.invDocs.length) tallyDocs(f, set, counts, 1, false, snap.n);
  else if (outside < f.invDocs.length) {
    global();
    tallyDocs(f, set, counts, -1, true, snap.n);
  } else scanValues(f, set, counts);
  return counts;
}

interface CombinedFacets extends CombinedArrays {
  base: Record<FacetName, number>;
}

const combinedCache = new WeakMap<FacetTables, CombinedFacets>();

function combined(snap: FacetTables): CombinedFacets {
  let c = combinedCache.get(snap);
  if (c) return c;
  const base = {} as Record<FacetName, number>;
  let total = 0;
  for (const name of FACET_NAMES) {
    base[name] = total;
    total += snap.facets[name].values.length;
  }
  // Generations built before the arrays were stored get them computed once here.
  const arrays = snap.combinedFacets ?? combineFacets(snap.n, FACET_NAMES.map((f) => snap.facets[f]));
  c = { ...arrays, base };
  combinedCache.set(snap, c);
  return c;
}

/**
 * Walking one passage of a set (its slots, one cache miss) costs about as much as testing this
 * many value assignments against the set's bitmap in a scan of the values' postings: 44–114 ns
 * against 1.6–2.2 ns at 1M passages (the walk's cost grows as the set gets sparser).
 */
export const WALK_COST_IN_ASSIGNMENTS = 32;

/**
 * Every facet's counts over `set` (or only `only`'s, the others left 0); slice with `slice`. The
 * cheaper of a walk over the set's passages or its complement's (all facets at once, cost per
 * passage), or a scan of every value's passages testing each against the set (cost per value
 * assignment, whatever the set's size: 8–11 ms for all 5.2M assignments at 1M, against 13–19 ms
 * walking 370k–420k passages).
 */
export function countAllFacets(snap: FacetTables, set: ds.DocSet, setSize: number, only?: FacetName): FacetCounts {
  const { walk, scan } = countingCost(snap, setSize, only);
  return countFacetsBy(walk > scan ? 'scan' : 'walk', snap, set, setSize, only);
}

/** The two ways' costs in value assignments tested (see WALK_COST_IN_ASSIGNMENTS). */
function countingCost(snap: FacetTables, setSize: number, only?: FacetName): { walk: number; scan: number } {
  const scan = (only ? [only] : FACET_NAMES).reduce((sum, name) => sum + snap.facets[name].invDocs.length, 0);
  return { walk: Math.min(setSize, snap.n - setSize) * WALK_COST_IN_ASSIGNMENTS, scan };
}

export interface FacetCounts {
  counts: Int32Array;
  slice: (name: FacetName) => Int32Array;
}

function facetCounts(snap: FacetTables, c: CombinedFacets, counts: Int32Array): FacetCounts {
  return { counts, slice: (name) => counts.subarray(c.base[name], c.base[name] + snap.facets[name].values.length) };
}

/** countAllFacets the one way or the other (exported for tests: both give the same counts). */
export function countFacetsBy(how: 'walk' | 'scan', snap: FacetTables, set: ds.DocSet, setSize: number, only?: FacetName): FacetCounts {
  const c = combined(snap);
  const counts = c.global.slice();
  const { slice } = facetCounts(snap, c, counts);
  if (setSize < snap.n) {
    if (how === 'scan') {
      const names = only ? [only] : FACET_NAMES;
      if (only) counts.fill(0);
      for (const name of names) scanValues(snap.facets[name], set, slice(name));
    } else {
      const tally = c.slots ? tallySlots : tallyDocs;
      const useComplement = setSize * 2 > snap.n;
      if (useComplement) tally(c, set, counts, -1, true, snap.n);
      else {
        counts.fill(0);
        tally(c, set, counts, 1, false, snap.n);
      }
    }
  }
  return { counts, slice };
}

/** A doc set with every facet's counts over it (countAllFacets' `counts`), kept to count a nearby set from. */
export interface CountedSet {
  set: ds.DocSet;
  counts: Int32Array;
}

/**
 * Whether counting every facet over a set of this size costs enough for countAllFacetsFrom to be
 * worth trying (its bitmap passes cost ~0.1 ms at 1M passages): over 1/8 of the bitmap's length in passages walked.
 */
export function worthCountingFrom(snap: FacetTables, setSize: number): boolean {
  return Math.min(setSize, snap.n - setSize) * 8 > (snap.n + 31) >>> 5;
}

/**
 * countAllFacets(set) from the counts of the nearest of `bases`: its counts, plus the passages
 * only in `set`, minus the ones only in the base. Each keystroke's candidates differ from the last
 * one's by a few passages when both are large ("katheif" → "katheifa": 383,151 and 383,146
 * passages, 5 apart), and a word with typos is mostly a stored prefix union or two, where counting
 * afresh walks hundreds of thousands. Null when walking the difference would cost as much.
 */
export function countAllFacetsFrom(snap: FacetTables, set: ds.DocSet, setSize: number, bases: readonly CountedSet[]): FacetCounts | null {
  const c = combined(snap);
  const { walk, scan } = countingCost(snap, setSize);
  const fresh = Math.min(walk, scan);
  let base: CountedSet | null = null;
  let best = Infinity;
  for (const b of bases) {
    const apart = ds.xorCount(set, b.set);
    if (apart < best) [base, best] = [b, apart];
  }
  if (!base || best * WALK_COST_IN_ASSIGNMENTS >= fresh) return null;
  const added = ds.borrow(set);
  const removed = ds.borrow(set);
  try {
    ds.andNotInto(ds.copyInto(added, set), base.set);
    ds.andNotInto(ds.copyInto(removed, base.set), set);
    const counts = base.counts.slice();
    const tally = c.slots ? tallySlots : tallyDocs;
    tally(c, added, counts, 1, false, snap.n);
    tally(c, removed, counts, -1, false, snap.n);
    return facetCounts(snap, c, counts);
  } finally {
    ds.giveBack(added, removed);
  }
}

/** counts[v] = passages of `set` carrying value v, from each value's postings. */
function scanValues(f: Pick<FacetData, 'invOffsets' | 'invDocs'>, set: ds.DocSet, counts: Int32Array): void {
  const inv = f.invDocs;
  const off = f.invOffsets;
  for (let v = 0; v < counts.length; v++) {
    let n = 0;
    const end = off[v + 1];
    for (let k = off[v]; k < end; k++) {
      const d = inv[k];
      n += (set[d >>> 5] >>> (d & 31)) & 1;
    }
    counts[v] = n;
  }
}
