/** The string-array codec of generation sections; bufferToLabels splits unless escapes appear. */
import fc from 'fast-check';
import { bufferToLabels, bufferToStrings, stringsToBuffer } from '../../engine/embedded/schema.js';

test('string arrays round-trip, with quotes, backslashes, control characters, commas, empty strings and non-ASCII', () => {
  const piece = fc.oneof(fc.string(), fc.constantFrom('"', '\\', '","', '\n', '', 'zürich', '日本', ',', '"]', '["', '\ud800'));
  fc.assert(
    fc.property(fc.array(fc.oneof(fc.string(), piece, fc.array(piece).map((p) => p.join(''))), { maxLength: 20 }), (values) => {
      expect(bufferToLabels(stringsToBuffer(values))).toEqual(values);
      expect(bufferToStrings(stringsToBuffer(values))).toEqual(values);
    }),
    { numRuns: 2000 },
  );
});

test('the examples the fast path must get right', () => {
  for (const values of [[], [''], ['', ''], ['a'], ['a', 'b'], ['a,b', 'c'], ['say "no"'], ['back\\slash']]) {
    expect(bufferToLabels(stringsToBuffer(values))).toEqual(values);
  }
});
