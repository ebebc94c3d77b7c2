/** Token streams load in the background after open; until then each is read from the data file. */
import type { Snapshot } from '../../engine/embedded/snapshot.js';
import { FIXTURE, indexDocs, openSnapshot, req, ids } from './fixture.js';

async function withSnapshot(fn: (snap: Snapshot) => Promise<void>): Promise<void> {
  const index = await indexDocs(FIXTURE);
  const snap = openSnapshot(index, true);
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
