/**
 * Resident regions (engine/embedded/resident.ts): a snapshot copies its token streams and postings
 * region into memory after open and then serves them from there, worker threads share one copy,
 * and the answers are those of the file.
 */
import fc from 'fast-check';
import { closeSync, mkdtempSync, openSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DataFileReader } from '../../engine/embedded/datafile.js';
import { createEmbeddedEngine, EMBEDDED_DEFAULTS } from '../../engine/embedded/index.js';
import { readRegion, SharedRegions, type Region } from '../../engine/embedded/resident.js';
import { search } from '../../engine/embedded/search.js';
import { IndexStore } from '../../engine/embedded/store.js';
import type { ThreadedEmbeddedEngine } from '../../engine/embedded/threads/pool.js';
import type { PassageDoc, SearchResult } from '../../engine/types.js';
import { indexDocs, openSnapshot, passage, req, seededRandom } from './fixture.js';

const timeless = (r: SearchResult) => ({ ...r, processingTimeMs: 0 });

/** 1,500 passages over a vocabulary with 20+ words per 1–2 letter prefix, so the build stores prefix unions and bitmaps. */
function corpus(): PassageDoc[] {
  const rand = seededRandom(7);
  const stems = ['ka', 'ko', 'ma', 'mi', 'sa', 'te'];
  const vocab = stems.flatMap((s) => Array.from({ length: 24 }, (_, i) => `${s}${'bdflmnrstvz'[i % 11]}${'aeiou'[i % 5]}${'nrs'[i % 3]}`));
  return Array.from({ length: 1500 }, (_, i) => {
    const words = Array.from({ length: 6 + rand(10) }, () => vocab[rand(vocab.length)]);
    return passage(`a${Math.floor(i / 5)}`, i % 5, `${words.join(' ')}.`, { speakers: [`Speaker ${rand(7)}`], topics: [`Topic ${rand(4)}`] });
  });
}

const QUERIES = ['k', 'ka', 'kad', 'mi', 'sa', 'kaban', 'kader', 'mifis', 'kaban kader', 'tebes m', 'kabna', 'zzz', 'kaban kader ko', 'kadre teb'];

describe('DataFileReader with a resident region', () => {
  it('a region must start at a multiple of 8', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nf-resident-'));
    try {
      writeFileSync(path.join(dir, 'data'), new Uint8Array(16));
      const reader = new DataFileReader(path.join(dir, 'data'), {});
      expect(() => reader.attach(3, new Uint8Array(8))).toThrow('DataFileReader: a resident region must start at a multiple of 8, got 3');
      reader.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a read inside the region comes from it; one across or outside its bounds from the file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'nf-resident-'));
    try {
      const file = path.join(dir, 'data');
      const bytes = Uint8Array.from({ length: 4096 }, (_, i) => (i * 31 + 7) & 255);
      writeFileSync(file, bytes);
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 511 }).map((k) => k * 8), fc.integer({ min: 1, max: 4096 }), fc.integer({ min: 0, max: 4095 }), fc.integer({ min: 0, max: 4096 }), (from, span, offset, length) => {
          const to = Math.min(4096, from + span);
          const len = Math.min(length, 4096 - offset);
          const reader = new DataFileReader(file, {});
          try {
            // The copy differs from the file (bytes inverted), so the answer tells where it came from.
            reader.attach(from, bytes.slice(from, to).map((b) => 255 - b));
            expect(reader.residentBytes).toBe(to - from);
            const inside = offset >= from && offset + len <= to;
            const want = [...bytes.subarray(offset, offset + len)].map((b) => (inside ? 255 - b : b));
            const got = reader.read(offset, len);
            expect([...got]).toEqual(want);
            // From the region a view, not a copy, as aligned as the file offset.
            if (inside) expect(got.byteOffset % 8).toBe(offset % 8);
          } finally {
            reader.close();
          }
        }),
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('readRegion', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'nf-regions-'));
  const file = path.join(dir, 'data');
  writeFileSync(file, Uint8Array.from({ length: 100 }, (_, i) => i));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const region = (from: number, to: number): Region => ({ path: file, identity: 'x', from, to });
  const read = (r: Region, order: string[], name: string) =>
    new Promise<number[] | null>((resolve) => {
      readRegion(r, (n) => new ArrayBuffer(n), (b) => {
        order.push(name);
        resolve(b && [...b]);
      });
    });

  it('reads regions one at a time in the order asked', async () => {
    const order: string[] = [];
    const [a, b] = await Promise.all([read(region(0, 3), order, 'a'), read(region(90, 100), order, 'b')]);
    expect(a).toEqual([0, 1, 2]);
    expect(b).toEqual([90, 91, 92, 93, 94, 95, 96, 97, 98, 99]);
    expect(order).toEqual(['a', 'b']);
  });

  it('a cancelled read settles with null and the next one still runs; a missing file settles with null', async () => {
    const got: (number[] | null)[] = [];
    const first = new Promise<void>((resolve) => readRegion(region(0, 2), (n) => new ArrayBuffer(n), (b) => (got.push(b && [...b]), resolve())));
    let cancel = (): void => undefined;
    const second = new Promise<void>((resolve) => (cancel = readRegion(region(2, 4), (n) => new ArrayBuffer(n), (b) => (got.push(b && [...b]), resolve()))));
    cancel();
    const third = read(region(4, 6), [], 'c');
    await Promise.all([first, second]);
    expect(await third).toEqual([4, 5]);
    expect(got).toEqual([null, [0, 1]]);
    expect(await read({ ...region(0, 2), path: path.join(dir, 'missing') }, [], 'm')).toBeNull();
  });
});

describe('SharedRegions', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'nf-shared-'));
  const file = path.join(dir, 'data');
  writeFileSync(file, Uint8Array.from({ length: 64 }, (_, i) => i));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a region once for all holders, into shared memory, and drops it with its last holder', async () => {
    const shared = new SharedRegions();
    const region: Region = { path: file, identity: 'x', from: 8, to: 16 };
    const claim = (holder: string) => new Promise<Uint8Array | null>((resolve) => shared.claim(holder, region, resolve));
    const [a, b] = await Promise.all([claim('0:0'), claim('1:0')]);
    expect([...a!]).toEqual([8, 9, 10, 11, 12, 13, 14, 15]);
    expect(a!.buffer).toBe(b!.buffer);
    expect(a!.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(shared.stats()).toEqual({ loads: 1, regions: 1, bytes: 8 });
    shared.release('0:0');
    expect(shared.stats().regions).toBe(1);
    shared.releaseAll('1:');
    expect(shared.stats()).toEqual({ loads: 1, regions: 0, bytes: 0 });
    await claim('2:0');
    expect(shared.stats()).toEqual({ loads: 2, regions: 1, bytes: 8 });
  });
});

describe('a snapshot with its postings region in memory', () => {
  it('answers like the file, and from memory: the same after the region is overwritten on disk', async () => {
    const index = await indexDocs(corpus());
    try {
      const fromFile = openSnapshot(index, false);
      const resident = openSnapshot(index, true);
      const unread = openSnapshot(index, false);
      try {
        expect(await fromFile.postingsLoaded).toBe(false);
        expect(fromFile.residentBytes).toBe(0);
        expect(await resident.postingsLoaded).toBe(true);
        expect(resident.residentBytes).toBeGreaterThan(0);
        const expected = QUERIES.map((q) => timeless(search(fromFile, req(q, { facets: ['speakers', 'topics'] }), EMBEDDED_DEFAULTS)));
        expect(Object.fromEntries(QUERIES.map((q, i) => [q, expected[i].totalHits > 0]))).toEqual(Object.fromEntries(QUERIES.map((q) => [q, q !== 'zzz'])));
        // Zero the postings region on disk (same file, same size): only the in-memory copy still knows the postings.
        const dataFile = new IndexStore(index.dataDir, EMBEDDED_DEFAULTS.indexName).readCurrent()!.dataFile;
        const fd = openSync(dataFile, 'r+');
        const [start] = (resident as unknown as { postingsSpan(): [number, number] }).postingsSpan();
        writeSync(fd, new Uint8Array(resident.residentBytes), 0, resident.residentBytes, start);
        closeSync(fd);
        expect(QUERIES.map((q) => timeless(search(resident, req(q, { facets: ['speakers', 'topics'] }), EMBEDDED_DEFAULTS)))).toEqual(expected);
        // The overwrite does reach reads from the file: a snapshot opened before it, without the copy, answers differently (or fails).
        let control: unknown;
        try {
          control = QUERIES.map((q) => timeless(search(unread, req(q, { facets: ['speakers', 'topics'] }), EMBEDDED_DEFAULTS)));
        } catch (err) {
          control = err;
        }
        expect(control).not.toEqual(expected);
      } finally {
        fromFile.close();
        resident.close();
        unread.close();
      }
    } finally {
      await index.cleanup();
    }
  });

  it('every section and every term\'s postings start at a multiple of 8 in the data file', async () => {
    const index = await indexDocs(corpus());
    try {
      const snap = openSnapshot(index, false);
      try {
        const internals = snap as unknown as { data: DataFileReader; termOffsets: Float64Array };
        const starts = [...internals.data.sectionsWhere((name) => name !== 'toks').map(([at]) => at), ...internals.termOffsets.subarray(0, -1)];
        expect(starts.length).toBeGreaterThan(200);
        expect(starts.filter((at) => at % 8 !== 0)).toEqual([]);
      } finally {
        snap.close();
      }
    } finally {
      await index.cleanup();
    }
  });

  it('closing the snapshot during the background read settles it as not loaded', async () => {
    const index = await indexDocs(corpus());
    try {
      const snap = openSnapshot(index, true);
      snap.close();
      expect(await snap.postingsLoaded).toBe(false);
      expect(snap.residentBytes).toBe(0);
    } finally {
      await index.cleanup();
    }
  });

  it('residentPostings is validated at construction and defaults to true', () => {
    expect(EMBEDDED_DEFAULTS.residentPostings).toBe(true);
    expect(() => createEmbeddedEngine({ dataDir: tmpdir(), residentPostings: 'yes' as unknown as boolean })).toThrow(
      'EmbeddedEngine: option "residentPostings" must be a boolean, got "yes"',
    );
  });
});

describe('worker threads', () => {
  it('share one copy of each region and answer like the in-thread engine', async () => {
    const index = await indexDocs(corpus());
    const pool = createEmbeddedEngine({ dataDir: index.dataDir, threads: 2 }) as ThreadedEmbeddedEngine;
    try {
      expect(await pool.backgroundLoads()).toBe(true);
      // Two workers, two regions (token streams, postings), each read once.
      expect(pool.residentStats()).toMatchObject({ loads: 2, regions: 2 });
      for (const q of QUERIES) {
        const r = req(q, { facets: ['speakers'] });
        expect(timeless(await pool.search(r))).toEqual(timeless(await index.engine.search(r)));
      }
      // A new generation: each worker reopens on its next read and releases the old regions.
      const w = await index.engine.beginWrite('replace');
      await w.putArticles(corpus().slice(0, 600));
      await w.commit();
      await Promise.all([pool.search(req('kaban', { facets: ['speakers'] })), pool.search(req('kader'))]);
      await pool.backgroundLoads();
      expect(pool.residentStats()).toMatchObject({ loads: 4, regions: 2 });
      expect((await pool.search(req('kaban'))).totalHits).toBe((await index.engine.search(req('kaban'))).totalHits);
      await pool.close();
      expect(pool.residentStats()).toMatchObject({ loads: 4, regions: 0, bytes: 0 });
    } finally {
      await pool.close();
      await index.cleanup();
    }
  });
});
