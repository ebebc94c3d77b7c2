/** The bounded LRU map (engine/embedded/lru.ts): what it keeps, and when it calls an entry's release. */
import { LruCache } from '../../engine/embedded/lru.js';

test('evicts least recently used first and releases what it evicts', () => {
  const released: string[] = [];
  const lru = new LruCache<number>(30);
  for (const k of ['a', 'b', 'c']) lru.set(k, k.charCodeAt(0), 10, () => released.push(k));
  expect(lru.get('a')).toBe(97);
  lru.set('d', 100, 10, () => released.push('d'));
  expect(released).toEqual(['b']);
  expect(lru.get('b')).toBeUndefined();
  expect([lru.get('a'), lru.get('c'), lru.get('d')]).toEqual([97, 99, 100]);
});

test('replacing a key releases the old value; an entry larger than the cache is released at once', () => {
  const released: string[] = [];
  const lru = new LruCache<string>(10);
  lru.set('k', 'old', 5, () => released.push('old'));
  lru.set('k', 'new', 5, () => released.push('new'));
  expect(released).toEqual(['old']);
  lru.set('big', 'huge', 11, () => released.push('huge'));
  expect(released).toEqual(['old', 'huge']);
  expect(lru.get('big')).toBeUndefined();
  expect(lru.get('k')).toBe('new');
});

test('clear releases every entry', () => {
  const released: number[] = [];
  const lru = new LruCache<number>(100);
  for (let i = 0; i < 3; i++) lru.set(i, i, 1, () => released.push(i));
  lru.clear();
  expect(released.sort()).toEqual([0, 1, 2]);
  expect(lru.get(0)).toBeUndefined();
});
