/**
 * The docset module's reuse of bitmaps (engine/embedded/docset.ts): temporaries come back from
 * giveBack, shared empty sets are shared and empty, and neither keeps more than a few lengths.
 */
import * as ds from '../../engine/embedded/docset.js';

test('a set given back is the next one borrowed at its length, and only then', () => {
  const like = ds.emptySet(1000);
  const a = ds.borrow(like);
  expect(a.length).toBe(32);
  a.fill(7);
  ds.giveBack(a);
  expect(ds.borrow(like)).toBe(a);
  expect(ds.borrow(like)).not.toBe(a);
});

test('copyInto overwrites a borrowed set whatever it held', () => {
  const src = ds.fromDocs(100, [1, 50, 99]);
  const t = ds.borrow(src);
  t.fill(0xffffffff);
  expect(ds.toArray(ds.copyInto(t, src))).toEqual(new Uint32Array([1, 50, 99]));
  ds.giveBack(t);
});

test('one shared empty set per length, for at most four lengths at a time', () => {
  const e = ds.sharedEmptySet(64);
  expect(ds.sharedEmptySet(64)).toBe(e);
  expect(ds.count(e)).toBe(0);
  for (const n of [96, 128, 160, 192]) ds.sharedEmptySet(n);
  // 64 was the oldest of five lengths: forgotten (its users keep their reference).
  expect(ds.sharedEmptySet(64)).not.toBe(e);
  expect(ds.sharedEmptySet(192)).toBe(ds.sharedEmptySet(192));
});
