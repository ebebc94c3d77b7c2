/**
 * Token streams, kept in memory by readers: proximity ranking reads hundreds per query, and at 1M
 * passages a pread each was a fifth of query time. Term ids are mostly small (ids follow first
 * appearance, so frequent words come first), so units are u16: an id below GAP_UNIT is itself,
 * GAP_UNIT stands for VALUE_GAP, ESCAPE is followed by the id's high and low halves. On the 1M
 * bench corpus 0.5% of ids need the escape: about 2.01 bytes per token, half of plain u32.
 */
import { VALUE_GAP } from './schema.js';

const GAP_UNIT = 0xfffe;
const ESCAPE = 0xffff;

/**
 * U32Builder's twin (schema.ts) on purpose: one generic class shared by both makes push(), called
 * per token while building, polymorphic; measured 25–35% slower per push.
 */
export class U16Builder {
  data: Uint16Array;
  length = 0;
  constructor(capacity = 16) {
    this.data = new Uint16Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Uint16Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  view(): Uint16Array {
    return this.data.subarray(0, this.length);
  }
}

/** Appends one passage's stream (its u32 form: field lengths, then term ids and VALUE_GAPs). */
export function encodeStream(toks: ArrayLike<number>, out: U16Builder): void {
  for (let i = 0; i < toks.length; i++) {
    const v = toks[i];
    if (v === VALUE_GAP) out.push(GAP_UNIT);
    else if (v < GAP_UNIT) out.push(v);
    else {
      out.push(ESCAPE);
      out.push(v >>> 16);
      out.push(v & 0xffff);
    }
  }
}

/** units[from, to) back to the u32 form in `scratch.buf` (grown as needed); returns its length. */
export function decodeInto(units: Uint16Array, from: number, to: number, scratch: { buf: Uint32Array }): number {
  if (scratch.buf.length < to - from) scratch.buf = new Uint32Array(Math.max(to - from, scratch.buf.length * 2));
  const out = scratch.buf;
  let n = 0;
  for (let i = from; i < to; i++) {
    const u = units[i];
    if (u < GAP_UNIT) out[n++] = u;
    else if (u === GAP_UNIT) out[n++] = VALUE_GAP;
    else {
      out[n++] = ((units[i + 1] << 16) | units[i + 2]) >>> 0;
      i += 2;
    }
  }
  return n;
}

