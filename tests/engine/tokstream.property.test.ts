/**
 * Token streams are stored as u16 units with escapes (engine/embedded/tokstream.ts): any u32
 * stream, gaps and ids at the escape boundaries included, must come back unchanged.
 */
import fc from 'fast-check';
import { decodeInto, encodeStream, U16Builder } from '../../engine/embedded/tokstream.js';
import { VALUE_GAP } from '../../engine/embedded/schema.js';

const token = fc.oneof(
  fc.integer({ min: 0, max: 0xfffd }),
  fc.constantFrom(0xfffd, 0xfffe, 0xffff, 0x10000, 0xfffffffe, VALUE_GAP),
  fc.integer({ min: 0, max: 0xfffffffe }),
);

test('encode then decode gives back every stream, one after another in one buffer', () => {
  fc.assert(
    fc.property(fc.array(fc.array(token, { maxLength: 40 }), { maxLength: 8 }), (streams) => {
      const out = new U16Builder(4);
      const starts = [0];
      for (const s of streams) {
        encodeStream(s, out);
        starts.push(out.length);
      }
      const scratch = { buf: new Uint32Array(2) };
      streams.forEach((s, i) => {
        // Length first: decodeInto may replace scratch.buf with a larger one.
        const n = decodeInto(out.view(), starts[i], starts[i + 1], scratch);
        expect([...scratch.buf.subarray(0, n)]).toEqual(s);
      });
    }),
    { numRuns: 500 },
  );
});

test('small ids take one unit, large ones three, a value gap one', () => {
  const out = new U16Builder();
  encodeStream([7, 0xfffd, VALUE_GAP, 0x12345], out);
  expect([...out.view()]).toEqual([7, 0xfffd, 0xfffe, 0xffff, 0x1, 0x2345]);
});
