/**
 * Stored value counts (engine/embedded/counts.ts) come back exactly, whether the encoder chose the
 * dense or the sparse layout, and the sparse one is chosen when most counts are zero.
 */
import fc from 'fast-check';
import { decodeCounts, encodeCounts } from '../../engine/embedded/counts.js';

/** Data-file buffers start on a 4-byte boundary; so does this copy. */
const aligned = (b: Buffer): Uint8Array => new Uint8Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));

test('any counts round-trip', () => {
  const sparseish = fc.array(fc.oneof({ weight: 4, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 1_000_000 }) }), { maxLength: 300 });
  fc.assert(
    fc.property(fc.oneof(sparseish, fc.array(fc.integer({ min: 0, max: 2 ** 31 - 1 }), { maxLength: 300 })), (xs) => {
      const counts = Int32Array.from(xs);
      expect([...decodeCounts(aligned(encodeCounts(counts)))]).toEqual(xs);
    }),
    { numRuns: 500 },
  );
});

test('mostly zeros take 8 bytes per nonzero count; mostly nonzero stay dense', () => {
  const sparse = new Int32Array(1000);
  sparse[3] = 7;
  sparse[999] = 1;
  expect(encodeCounts(sparse).length).toBe(8 + 2 * 8);
  expect(encodeCounts(Int32Array.from([1, 2, 0, 4])).length).toBe(8 + 4 * 4);
});
