/**
 * Postings of one term (or one short prefix): sorted docnums with, per doc, a bitmask of the
 * searchable attributes the term occurs in (bit f = FIELDS[f]). The masks let ranking know the
 * attribute of a match, and completions count passage text, without reading any document.
 * Blob layout: u32 count, count × u32 docnums, count × u8 masks.
 */
export interface Postings {
  docs: Uint32Array;
  masks: Uint8Array;
}

export const EMPTY_POSTINGS: Postings = { docs: new Uint32Array(0), masks: new Uint8Array(0) };

export class PostingsBuilder {
  docs = new Uint32Array(4);
  masks = new Uint8Array(4);
  length = 0;
  /** Docs arrive in ascending order; repeated occurrences in one doc OR their field bit. */
  add(doc: number, fieldBit: number): void {
    const n = this.length;
    if (n > 0 && this.docs[n - 1] === doc) {
      this.masks[n - 1] |= fieldBit;
      return;
    }
    if (n === this.docs.length) {
      const docs = new Uint32Array(n * 2);
      docs.set(this.docs);
      this.docs = docs;
      const masks = new Uint8Array(n * 2);
      masks.set(this.masks);
      this.masks = masks;
    }
    this.docs[n] = doc;
    this.masks[n] = fieldBit;
    this.length = n + 1;
  }
  view(): Postings {
    return { docs: this.docs.subarray(0, this.length), masks: this.masks.subarray(0, this.length) };
  }
}

export function encodePostings(p: Postings): Buffer {
  const n = p.docs.length;
  const out = Buffer.allocUnsafe(4 + n * 5);
  out.writeUInt32LE(n, 0);
  Buffer.from(p.docs.buffer, p.docs.byteOffset, n * 4).copy(out, 4);
  Buffer.from(p.masks.buffer, p.masks.byteOffset, n).copy(out, 4 + n * 4);
  return out;
}

/** Views into b without copying when b starts on a 4-byte boundary (DataFileReader buffers do). */
export function decodePostings(b: Uint8Array): Postings {
  const n = new DataView(b.buffer, b.byteOffset, 4).getUint32(0, true);
  const docs = (b.byteOffset + 4) % 4 === 0 ? new Uint32Array(b.buffer, b.byteOffset + 4, n) : new Uint32Array(new Uint8Array(b.subarray(4, 4 + n * 4)).buffer);
  return { docs, masks: b.subarray(4 + n * 4, 4 + n * 5) };
}

/** Union of several postings with masks OR-ed per doc; `scratch` is a zeroed per-doc byte array, left zeroed. */
export function unionPostings(lists: Postings[], scratch: Uint8Array): Postings {
  const docs: number[] = [];
  for (const p of lists) {
    for (let k = 0; k < p.docs.length; k++) {
      const d = p.docs[k];
      if (scratch[d] === 0) docs.push(d);
      scratch[d] |= p.masks[k];
    }
  }
  const sorted = Uint32Array.from(docs).sort();
  const masks = new Uint8Array(sorted.length);
  for (let k = 0; k < sorted.length; k++) {
    masks[k] = scratch[sorted[k]];
    scratch[sorted[k]] = 0;
  }
  return { docs: sorted, masks };
}

/**
 * Postings too dense to be worth scattering at query time (a frequent term, a one-letter prefix
 * union) as bitmaps: u32 mask of the fields present, the bitmap of all its docs, then one bitmap
 * per present field (bit f of a doc's mask → in bitmap f).
 */
export function encodeDenseSets(p: Postings, n: number): Buffer {
  const words = (n + 31) >>> 5;
  let present = 0;
  for (let k = 0; k < p.masks.length; k++) present |= p.masks[k];
  const fields: number[] = [];
  for (let f = 0; f < 8; f++) if (present & (1 << f)) fields.push(f);
  const out = new Uint32Array(1 + words * (1 + fields.length));
  out[0] = present;
  for (let k = 0; k < p.docs.length; k++) {
    const d = p.docs[k];
    const w = d >>> 5;
    const b = 1 << (d & 31);
    out[1 + w] |= b;
    fields.forEach((f, i) => {
      if (p.masks[k] & (1 << f)) out[1 + words * (1 + i) + w] |= b;
    });
  }
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
}

/** Where the all-docs bitmap lies in an encodeDenseSets blob: [byte offset, byte length]. */
export function denseAllBytes(n: number): [number, number] {
  return [4, ((n + 31) >>> 5) * 4];
}

export interface DenseSets {
  all: Uint32Array;
  /** By field index; null where no doc has the prefix in that field. */
  fields: (Uint32Array | null)[];
}

/** Views into b (aligned: DataFileReader buffers are). */
export function decodeDenseSets(b: Uint8Array, n: number, fieldCount: number): DenseSets {
  const words = (n + 31) >>> 5;
  const u = new Uint32Array(b.buffer, b.byteOffset, b.byteLength >>> 2);
  const present = u[0];
  const fields: (Uint32Array | null)[] = new Array(fieldCount).fill(null);
  let at = 1 + words;
  for (let f = 0; f < fieldCount; f++) {
    if (!(present & (1 << f))) continue;
    fields[f] = u.subarray(at, at + words);
    at += words;
  }
  return { all: u.subarray(1, 1 + words), fields };
}
