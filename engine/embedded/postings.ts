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
 * union) as bitmaps: u32 mask of the fields present, the bitmap of all its docs, then per present
 * field a kind and a count, then per present field its docs in the smallest of three forms: a
 * bitmap, the list of its docs, or the list of the docs of `all` it lacks. A frequent word's text
 * field lacks a few of its docs and its title field holds a few: lists cut what a first query
 * reads (dense fields were 163 MB of bitmaps at 1M, 61 MB as lists), and decoding restores bitmaps.
 */
const FIELD_BITMAP = 0;
const FIELD_MEMBERS = 1;
const FIELD_EXCEPTIONS = 2;

export function encodeDenseSets(p: Postings, n: number): Buffer {
  const words = (n + 31) >>> 5;
  const count = p.docs.length;
  // Counted first and written straight into the output: lists of a frequent term's docs built as
  // JS arrays added ~350 MB to the 1M build's peak.
  const members = new Array<number>(8).fill(0);
  for (let k = 0; k < count; k++) for (let f = 0, m = p.masks[k]; m !== 0; f++, m >>>= 1) if (m & 1) members[f]++;
  const fields: { f: number; kind: number; length: number }[] = [];
  for (let f = 0; f < 8; f++) {
    if (members[f] === 0) continue;
    const lacking = count - members[f];
    if (members[f] <= lacking && members[f] < words) fields.push({ f, kind: FIELD_MEMBERS, length: members[f] });
    else if (lacking < words) fields.push({ f, kind: FIELD_EXCEPTIONS, length: lacking });
    else fields.push({ f, kind: FIELD_BITMAP, length: words });
  }
  const out = new Uint32Array(1 + words + 2 * fields.length + fields.reduce((sum, x) => sum + x.length, 0));
  let present = 0;
  for (const x of fields) present |= 1 << x.f;
  out[0] = present;
  for (let k = 0; k < count; k++) out[1 + (p.docs[k] >>> 5)] |= 1 << (p.docs[k] & 31);
  let at = 1 + words;
  for (const x of fields) {
    out[at++] = x.kind;
    out[at++] = x.length;
  }
  for (const { f, kind, length } of fields) {
    const bit = 1 << f;
    if (kind === FIELD_BITMAP) {
      for (let k = 0; k < count; k++) if (p.masks[k] & bit) out[at + (p.docs[k] >>> 5)] |= 1 << (p.docs[k] & 31);
    } else {
      const want = kind === FIELD_MEMBERS ? bit : 0;
      let i = at;
      for (let k = 0; k < count; k++) if ((p.masks[k] & bit) === want) out[i++] = p.docs[k];
    }
    at += length;
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

/** `all` and stored field bitmaps are views into b (aligned: DataFileReader buffers are); listed fields are rebuilt as bitmaps. */
export function decodeDenseSets(b: Uint8Array, n: number, fieldCount: number): DenseSets {
  const words = (n + 31) >>> 5;
  const u = new Uint32Array(b.buffer, b.byteOffset, b.byteLength >>> 2);
  const present = u[0];
  const all = u.subarray(1, 1 + words);
  const fields: (Uint32Array | null)[] = new Array(fieldCount).fill(null);
  let head = 1 + words;
  let at = head;
  for (let f = 0; f < 8; f++) if (present & (1 << f)) at += 2;
  for (let f = 0; f < fieldCount; f++) {
    if (!(present & (1 << f))) continue;
    const kind = u[head++];
    const count = u[head++];
    const data = u.subarray(at, at + count);
    at += count;
    if (kind === FIELD_BITMAP) fields[f] = data;
    else if (kind === FIELD_MEMBERS) {
      const set = new Uint32Array(words);
      for (let i = 0; i < count; i++) set[data[i] >>> 5] |= 1 << (data[i] & 31);
      fields[f] = set;
    } else {
      const set = all.slice();
      for (let i = 0; i < count; i++) set[data[i] >>> 5] &= ~(1 << (data[i] & 31));
      fields[f] = set;
    }
  }
  return { all, fields };
}
