/**
 * The word-set arena (engine/embedded/set-arena.ts): blocks never overlap while live, come back
 * zeroed, and are handed out again only after reclaim(); past its capacity it hands out fresh sets.
 */
import { SetArena } from '../../engine/embedded/set-arena.js';

test('blocks are zeroed, of the asked length and disjoint while live', () => {
  const arena = new SetArena({ words: 4, capacityBytes: 4 * 4 * 3 });
  const sets = [arena.take(), arena.take(), arena.take()];
  sets.forEach((s, i) => {
    expect(Array.from(s)).toEqual([0, 0, 0, 0]);
    expect(arena.owns(s)).toBe(true);
    s.fill(i + 1);
  });
  expect(sets.map((s) => Array.from(s))).toEqual([
    [1, 1, 1, 1],
    [2, 2, 2, 2],
    [3, 3, 3, 3],
  ]);
  expect(arena.live).toBe(3);
});

test('a retired block is not handed out before reclaim(), and comes back zeroed after it', () => {
  const arena = new SetArena({ words: 2, capacityBytes: 8 * 2 });
  const a = arena.take();
  a.fill(9);
  arena.retire([a]);
  const b = arena.take();
  expect(b.byteOffset).not.toBe(a.byteOffset);
  // Both blocks are out (one retired, one live): the next is a fresh set, not the arena's.
  const fresh = arena.take();
  expect(arena.owns(fresh)).toBe(false);
  expect(Array.from(a)).toEqual([9, 9]);
  arena.reclaim();
  const c = arena.take();
  expect(c.byteOffset).toBe(a.byteOffset);
  expect(Array.from(c)).toEqual([0, 0]);
});

test('retire ignores sets that are not live blocks of the arena, and a block retired twice is freed once', () => {
  const arena = new SetArena({ words: 2, capacityBytes: 8 * 3 });
  const a = arena.take();
  const foreign = new Uint32Array(2);
  arena.retire([a, a, null, foreign]);
  arena.retire([a]);
  arena.reclaim();
  expect(arena.live).toBe(0);
  const x = arena.take();
  const y = arena.take();
  // Freed once: the two takes are different blocks (the second from the bump).
  expect(x.byteOffset).toBe(a.byteOffset);
  expect(y.byteOffset).not.toBe(x.byteOffset);
});

test('copyOf copies into an arena block', () => {
  const arena = new SetArena({ words: 3, capacityBytes: 1024 });
  const src = new Uint32Array([1, 2, 3]);
  const copy = arena.copyOf(src);
  expect(Array.from(copy)).toEqual([1, 2, 3]);
  expect(copy).not.toBe(src);
  expect(arena.owns(copy)).toBe(true);
});

test('an empty generation (zero-length sets) and a zero capacity hand out fresh sets', () => {
  expect(new SetArena({ words: 0, capacityBytes: 1024 }).take().length).toBe(0);
  const none = new SetArena({ words: 5, capacityBytes: 0 });
  const s = none.take();
  expect(s.length).toBe(5);
  expect(none.owns(s)).toBe(false);
});

test('options are checked at construction', () => {
  expect(() => new SetArena({ words: -1, capacityBytes: 0 })).toThrow('SetArena: option "words" must be an integer >= 0, got -1');
  expect(() => new SetArena({ words: 1, capacityBytes: -5 })).toThrow('SetArena: option "capacityBytes" must be >= 0, got -5');
});

test('reserve() faults in the blocks not handed out and leaves handed-out ones as their users wrote them', async () => {
  const arena = new SetArena({ words: 1024, capacityBytes: 4096 * 8 });
  const before = arena.take();
  before.fill(5);
  await arena.reserve(4096 * 3);
  expect(before.every((x) => x === 5)).toBe(true);
  const after = arena.take();
  expect(arena.owns(after)).toBe(true);
  expect(after.every((x) => x === 0)).toBe(true);
  expect(after.byteOffset).toBe(4096);
});

test('reserve() stops when asked to', async () => {
  const arena = new SetArena({ words: 1024, capacityBytes: 4096 * 8 });
  let turns = 0;
  await arena.reserve(4096, () => ++turns > 2);
  expect(turns).toBe(3);
});
