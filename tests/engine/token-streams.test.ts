/** Token streams load in the background after open; until then each is read from the data file. */
import { EMBEDDED_DEFAULTS } from '../../engine/embedded/index.js';
import { localLoader } from '../../engine/embedded/resident.js';
import { Snapshot } from '../../engine/embedded/snapshot.js';
import { IndexStore } from '../../engine/embedded/store.js';
import { FIXTURE, indexDocs, req, ids } from './fixture.js';

const CACHE = { postingsBytes: 1 << 20, derivedBytes: 1 << 20 };

async function withSnapshot(fn: (snap: Snapshot) => Promise<void>): Promise<void> {
  const index = await indexDocs(FIXTURE);
  const current = new IndexStore(index.dataDir, EMBEDDED_DEFAULTS.indexName).readCurrent()!;
  const snap = Snapshot.open(current.file, current.dataFile, CACHE, 200, { loader: localLoader, postings: true, identity: 'test' });
  try {
    await fn(snap);
  } finally {
    snap.close();
    await index.cleanup();
  }
}

test('streams read one by one before the background read completes equal the streams in memory after it', async () => {
  await withSnapshot(async (snap) => {
    expect(snap.toksInMemory).toBe(false);
    const before = Array.from({ length: snap.n }, (_, d) => [...snap.toks(d)]);
    expect(await snap.toksLoaded).toBe(true);
    expect(snap.toksInMemory).toBe(true);
    const after = Array.from({ length: snap.n }, (_, d) => [...snap.toks(d)]);
    expect(after).toEqual(before);
    // Six field lengths first: "Defence Minister Khawaja Asif said terrorism is conducted from Afghanistan." is 10 words.
    expect(before[0].slice(0, 1)).toEqual([10]);
  });
});

test('closing a snapshot during its background read settles it as not loaded', async () => {
  await withSnapshot(async (snap) => {
    snap.close();
    expect(await snap.toksLoaded).toBe(false);
  });
});

test('a multi-word query ranks the same on a just-opened engine as once the streams are in memory', async () => {
  const index = await indexDocs(FIXTURE);
  try {
    const first = ids(await index.engine.search(req('minister said')));
    await new Promise((r) => setTimeout(r, 50));
    expect(ids(await index.engine.search(req('minister said')))).toEqual(first);
    expect(first.length).toBeGreaterThan(1);
  } finally {
    await index.cleanup();
  }
});
