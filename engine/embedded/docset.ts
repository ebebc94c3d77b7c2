/**
 * Sets of document numbers as plain bitmaps over the generation's dense docnum space.
 * At 1M passages a bitmap is 125 KB, so AND/OR/count over whole sets cost tens of microseconds,
 * which keeps filters, disjunctive facets and exact totals independent of how many docs match.
 */
export type DocSet = Uint32Array;

export function emptySet(n: number): DocSet {
  return new Uint32Array((n + 31) >>> 5);
}

export function fullSet(n: number): DocSet {
  const s = emptySet(n);
  s.fill(0xffffffff);
  const rest = n & 31;
  if (rest !== 0) s[s.length - 1] = (1 << rest) - 1;
  return s;
}

export function addAll(set: DocSet, docs: ArrayLike<number>): DocSet {
  for (let i = 0; i < docs.length; i++) {
    const d = docs[i];
    set[d >>> 5] |= 1 << (d & 31);
  }
  return set;
}

export function fromDocs(n: number, docs: ArrayLike<number>): DocSet {
  return addAll(emptySet(n), docs);
}

export function has(set: DocSet, d: number): boolean {
  return (set[d >>> 5] & (1 << (d & 31))) !== 0;
}

/** a &= b, in place. */
export function andInto(a: DocSet, b: DocSet): DocSet {
  for (let i = 0; i < a.length; i++) a[i] &= b[i];
  return a;
}

/** a |= b, in place. */
export function orInto(a: DocSet, b: DocSet): DocSet {
  for (let i = 0; i < a.length; i++) a[i] |= b[i];
  return a;
}

/** a &= ~b, in place. */
export function andNotInto(a: DocSet, b: DocSet): DocSet {
  for (let i = 0; i < a.length; i++) a[i] &= ~b[i];
  return a;
}

function popcount32(v: number): number {
  v -= (v >>> 1) & 0x55555555;
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export function count(set: DocSet): number {
  let c = 0;
  for (let i = 0; i < set.length; i++) if (set[i] !== 0) c += popcount32(set[i]);
  return c;
}

/** Calls fn for each member in ascending order; stops when fn returns false. */
export function forEach(set: DocSet, fn: (d: number) => boolean | void): void {
  for (let i = 0; i < set.length; i++) {
    let w = set[i];
    while (w !== 0) {
      const t = w & -w;
      const d = (i << 5) + (31 - Math.clz32(t));
      if (fn(d) === false) return;
      w ^= t;
    }
  }
}

export function toArray(set: DocSet): Uint32Array {
  const out = new Uint32Array(count(set));
  let k = 0;
  forEach(set, (d) => {
    out[k++] = d;
  });
  return out;
}
