/**
 * A date range's docs from cumulative blocks (engine/embedded/facets.ts) equal the plain scatter
 * of every doc in the range, whatever the order, the block size and where the range falls; blocks
 * prepared in the background after open give the same date filters as blocks built on demand.
 */
import fc from 'fast-check';
import * as ds from '../../engine/embedded/docset.js';
import { cumulativeBlocks, filterSets, orderRangeDocs, prepareDateBlocks } from '../../engine/embedded/facets.js';
import type { Snapshot } from '../../engine/embedded/snapshot.js';

test('orderRangeDocs with blocks equals the scatter of order[start, end)', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 700 }).chain((n) =>
        fc.tuple(
          fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n }),
          fc.integer({ min: 1, max: 40 }),
          fc.nat({ max: n }),
          fc.nat({ max: n }),
        ),
      ),
      ([docs, size, x, y]) => {
        const order = Uint32Array.from(docs);
        const n = order.length;
        const [start, end] = x <= y ? [x, y] : [y, x];
        const blocks = cumulativeBlocks(order, n, size);
        expect(blocks.length).toBe(Math.floor(n / size) + 1);
        const got = orderRangeDocs(order, n, start, end, blocks, size);
        expect(ds.toArray(got)).toEqual(ds.toArray(ds.fromDocs(n, order.subarray(start, end))));
        // The blocks are shared and never written to.
        expect(ds.toArray(blocks[blocks.length - 1])).toEqual(ds.toArray(ds.fromDocs(n, order.subarray(0, (blocks.length - 1) * size))));
      },
    ),
    { numRuns: 400 },
  );
});

/** The fields a date filter reads, for 40,000 passages (above the 4 × 8,192 where blocks are used) over ~3 years. */
function datedSnapshot(seed: number): Snapshot {
  let x = seed;
  const next = () => (x = (x * 1103515245 + 12345) >>> 0);
  const n = 40_000;
  const dates = Float64Array.from({ length: n }, () => 1.6e9 + (next() % 1000) * 86_400);
  const byDate = Uint32Array.from([...Array(n).keys()].sort((a, b) => dates[a] - dates[b] || a - b));
  return { n, dates, byDate } as unknown as Snapshot;
}

test('date filters over blocks prepared ahead equal those over blocks built on demand and the plain scan', async () => {
  const prepared = datedSnapshot(5);
  const onDemand = datedSnapshot(5);
  await prepareDateBlocks(prepared, () => false);
  fc.assert(
    fc.property(fc.nat({ max: 1100 }), fc.nat({ max: 1100 }), (a, b) => {
      const [from, to] = [1.6e9 + Math.min(a, b) * 86_400, 1.6e9 + Math.max(a, b) * 86_400];
      const want = [...Array(prepared.n).keys()].filter((d) => prepared.dates[d] >= from && prepared.dates[d] <= to);
      expect(Array.from(ds.toArray(filterSets(prepared, { dateFrom: from, dateTo: to }).get('date')!))).toEqual(want);
      expect(Array.from(ds.toArray(filterSets(onDemand, { dateFrom: from, dateTo: to }).get('date')!))).toEqual(want);
    }),
    { numRuns: 60 },
  );
});

test('preparing stops when asked to, and leaves the blocks to be built on demand', async () => {
  const snap = datedSnapshot(9);
  let turns = 0;
  await prepareDateBlocks(snap, () => ++turns > 3);
  const want = [...Array(snap.n).keys()].filter((d) => snap.dates[d] <= 1.6e9 + 500 * 86_400);
  expect(Array.from(ds.toArray(filterSets(snap, { dateTo: 1.6e9 + 500 * 86_400 }).get('date')!))).toEqual(want);
});
