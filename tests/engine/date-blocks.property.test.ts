/**
 * A date range's docs from cumulative blocks (engine/embedded/facets.ts) equal the plain scatter
 * of every doc in the range, whatever the order, the block size and where the range falls.
 */
import fc from 'fast-check';
import * as ds from '../../engine/embedded/docset.js';
import { cumulativeBlocks, orderRangeDocs } from '../../engine/embedded/facets.js';

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
