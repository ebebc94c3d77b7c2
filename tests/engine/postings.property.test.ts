/**
 * The build's postings (engine/embedded/postings.ts) against a naive oracle: PostingsCollector
 * gives every term its docs in order with the OR of its field bits, across chunk boundaries; and
 * unionPostings merges lists the same way whether it sorts the union or reads it off scratch.
 */
import fc from 'fast-check';
import { PostingsCollector, unionPostings, type Postings } from '../../engine/embedded/postings.js';

type Oracle = Map<number, Map<number, number>>;

/** Docs ascending (with gaps), each with (term, field bit) pairs, repeats included. */
const docStream = fc.array(
  fc.record({
    gap: fc.integer({ min: 1, max: 3 }),
    pairs: fc.array(fc.tuple(fc.nat({ max: 12 }), fc.nat({ max: 5 })), { maxLength: 10 }),
  }),
  { maxLength: 40 },
);

function collect(stream: { gap: number; pairs: [number, number][] }[], chunkBits: number): { collector: PostingsCollector; oracle: Oracle } {
  const collector = new PostingsCollector(chunkBits);
  const oracle: Oracle = new Map();
  // Term ids are dense from 0 in first-seen order, as the scanner hands them out.
  const ids = new Map<number, number>();
  let doc = -1;
  for (const { gap, pairs } of stream) {
    doc += gap;
    for (const [raw, field] of pairs) {
      let term = ids.get(raw);
      if (term === undefined) ids.set(raw, (term = ids.size));
      collector.add(term, doc, 1 << field);
      const docs = oracle.get(term) ?? new Map<number, number>();
      docs.set(doc, (docs.get(doc) ?? 0) | (1 << field));
      oracle.set(term, docs);
    }
  }
  collector.finish();
  return { collector, oracle };
}

const asPairs = (p: Postings): [number, number][] => Array.from(p.docs, (d, k) => [d, p.masks[k]]);

test('every term gets its docs in order with the OR of its field bits, whatever the chunk size', () => {
  fc.assert(
    fc.property(docStream, fc.integer({ min: 1, max: 6 }), (stream, chunkBits) => {
      const { collector, oracle } = collect(stream, chunkBits);
      expect(collector.count).toBe(oracle.size);
      for (let t = 0; t < oracle.size; t++) {
        const want = [...(oracle.get(t) as Map<number, number>)].sort((a, b) => a[0] - b[0]);
        expect(asPairs(collector.view(t))).toEqual(want);
        expect(collector.length(t)).toBe(want.length);
      }
    }),
    { numRuns: 500 },
  );
});

test('a term repeated in one doc is one posting, its fields OR-ed, even when the entry is chunks back', () => {
  const c = new PostingsCollector(1);
  c.add(0, 0, 1);
  c.add(1, 0, 1);
  c.add(2, 0, 1);
  c.add(3, 0, 1);
  c.add(0, 0, 4);
  c.add(0, 2, 2);
  c.finish();
  expect(asPairs(c.view(0))).toEqual([[0, 5], [2, 2]]);
  expect(asPairs(c.view(3))).toEqual([[0, 1]]);
});

test('docs out of order and bad chunk sizes are refused', () => {
  const c = new PostingsCollector();
  c.add(0, 5, 1);
  expect(() => c.add(0, 4, 1)).toThrow('postings: docs must arrive in ascending order, got 4 after 5');
  expect(() => new PostingsCollector(0)).toThrow('PostingsCollector: option "chunkBits" must be an integer in 1..30, got 0');
});

test('unionPostings: docs once each in order, masks OR-ed, scratch left zeroed, sparse or dense', () => {
  fc.assert(
    fc.property(docStream, fc.integer({ min: 0, max: 100 }), (stream, extra) => {
      const { collector, oracle } = collect(stream, 3);
      const lists = Array.from({ length: collector.count }, (_, t) => collector.view(t));
      const want = new Map<number, number>();
      for (const docs of oracle.values()) for (const [d, m] of docs) want.set(d, (want.get(d) ?? 0) | m);
      // A scratch just big enough reads the union off scratch; a much bigger one sorts it.
      const maxDoc = Math.max(-1, ...want.keys());
      const scratch = new Uint8Array(maxDoc + 1 + extra * 100);
      expect(asPairs(unionPostings(lists, scratch))).toEqual([...want].sort((a, b) => a[0] - b[0]));
      expect(scratch.every((b) => b === 0)).toBe(true);
    }),
    { numRuns: 500 },
  );
});
