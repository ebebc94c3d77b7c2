/**
 * Dense sets (engine/embedded/postings.ts) decode to the bitmaps of their postings: the docs, each
 * field's docs, and the all-docs bitmap where termDocs reads it alone.
 */
import fc from 'fast-check';
import * as ds from '../../engine/embedded/docset.js';
import { decodeDenseSets, denseAllBytes, encodeDenseSets } from '../../engine/embedded/postings.js';

const FIELDS = 6;
/** Data-file buffers start on a 4-byte boundary; so does this copy. */
const aligned = (b: Buffer): Uint8Array => new Uint8Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));

test('any postings round-trip through the dense encoding', () => {
  fc.assert(
    fc.property(
      fc.integer({ min: 1, max: 2000 }).chain((n) =>
        fc.tuple(
          fc.constant(n),
          fc.uniqueArray(fc.nat({ max: n - 1 }), { minLength: 1, maxLength: n }),
          fc.array(fc.oneof(fc.integer({ min: 1, max: 63 }), fc.constantFrom(1, 3, 63, 2)), { minLength: n, maxLength: n }),
        ),
      ),
      ([n, raw, maskPool]) => {
        const docs = Uint32Array.from(raw).sort();
        const masks = Uint8Array.from(docs, (_, i) => maskPool[i]);
        const blob = aligned(encodeDenseSets({ docs, masks }, n));
        const got = decodeDenseSets(blob, n, FIELDS);
        expect(ds.toArray(got.all)).toEqual(docs);
        for (let f = 0; f < FIELDS; f++) {
          const want = docs.filter((_, i) => masks[i] & (1 << f));
          if (want.length === 0) expect(got.fields[f]).toBeNull();
          else expect(ds.toArray(got.fields[f]!)).toEqual(want);
        }
        // termDocs reads only the all-docs bitmap, where denseAllBytes says it is.
        const [at, bytes] = denseAllBytes(n);
        expect(ds.toArray(new Uint32Array(blob.buffer, blob.byteOffset + at, bytes / 4))).toEqual(docs);
      },
    ),
    { numRuns: 300 },
  );
});
