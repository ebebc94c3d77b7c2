/**
 * Sets of document numbers as plain bitmaps over the generation's dense docnum space.
 * At 1M passages a bitmap is 125 KB, so AND/OR/count over whole sets cost tens of microseconds,
 * which keeps filters, disjunctive facets and exact totals independent of how many docs match.
 */
export type DocSet = Uint32Array;

export function emptySet(n: number): DocSet {
  return new Uint32Array((n + 31) >>> 5);
}

/** Lengths the module-level sets below are kept for: generations of other sizes come and go. */
const KEPT_LENGTHS = 4;

/** map.get(len), adding make() first, and forgetting the oldest length past KEPT_LENGTHS. */
function perLength<T>(map: Map<number, T>, len: number, make: () => T): T {
  let v = map.get(len);
  if (v === undefined) {
    if (map.size >= KEPT_LENGTHS) map.delete(map.keys().next().value as number);
    map.set(len, (v = make()));
  }
  return v;
}

const EMPTY = new Map<number, DocSet>();

/** One empty set per length, shared by everyone who needs one to read: never written to. */
export function sharedEmptySet(n: number): DocSet {
  const len = (n + 31) >>> 5;
  return perLength(EMPTY, len, () => new Uint32Array(len));
}

/** Sets waiting to be reused, by length: a query's temporary bitmaps come from here. */
const spare = new Map<number, DocSet[]>();
const MAX_SPARE_PER_LENGTH = 8;

/**
 * A set as long as `like`, with arbitrary contents, for a temporary the caller overwrites
 * (copyInto) and gives back. New bitmaps are external memory to V8: at 1M passages a one-word search made a
 * dozen 125 KB copies, and that churn alone started a full GC (8–14 ms pause) every few dozen
 * keystrokes.
 */
export function borrow(like: DocSet): DocSet {
  return spare.get(like.length)?.pop() ?? new Uint32Array(like.length);
}

/** Returns borrowed sets; nothing may use them after. */
export function giveBack(...sets: DocSet[]): void {
  for (const s of sets) {
    const list = perLength(spare, s.length, (): DocSet[] => []);
    if (list.length < MAX_SPARE_PER_LENGTH) list.push(s);
  }
}

/** a = b, in place. */
export function copyInto(a: DocSet, b: DocSet): DocSet {
  a.set(b);
  return a;
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

/** |a △ b|: members of exactly one of the two. */
export function xorCount(a: DocSet, b: DocSet): number {
  let c = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ^ b[i];
    if (x !== 0) c += popcount32(x);
  }
  return c;
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
  // forEach's loop inline: a callback per member cost as much as the rest of the walk.
  for (let i = 0; i < set.length; i++) {
    let w = set[i];
    while (w !== 0) {
      const t = w & -w;
      out[k++] = (i << 5) + (31 - Math.clz32(t));
      w ^= t;
    }
  }
  return out;
}
