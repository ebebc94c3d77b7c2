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

/** Entries per chunk of a PostingsCollector: 2^22 = 4M entries, 20 MB. */
export const POSTINGS_CHUNK_BITS = 22;

/**
 * Every term's postings of a build, collected as docs arrive in ascending order: each new
 * (term, doc) pair is appended to a flat log of term ids and field masks in doc order, and
 * finish() sorts the log by term with one counting pass. Appends are sequential and per term only
 * its last doc, last entry and count are touched: tokenizing 1M passages into postings took 25 s
 * this way against 48 s growing a pair of arrays per term (306k terms, 70M pairs). The cost is
 * memory during the sort, which holds the log (5 bytes a pair, in 20 MB chunks let go as it reads
 * them, freed at V8's next full collection) beside the result: the 1M raw run's peak, 1,812 MB.
 */
export class PostingsCollector {
  private termChunks: Uint32Array[] = [];
  private maskChunks: Uint8Array[] = [];
  private readonly chunk: number;
  private terms: Uint32Array;
  private masks: Uint8Array;
  private used = 0;
  /** Entries before this chunk. */
  private base = 0;
  /** Per term id, side by side (one cache line): [last doc + 1 (0: none yet), entry of (term, last doc), doc count]. */
  private perTerm = new Int32Array(3 * 1024);
  private termCount = 0;
  /** Entry index where each doc's entries start. */
  private readonly docStarts: number[] = [];
  private lastDoc = -1;
  private sorted: { docs: Uint32Array; masks: Uint8Array; offsets: Float64Array } | null = null;

  /** chunkBits: log2 of entries per chunk (small in tests, so entries straddle chunks). */
  constructor(chunkBits = POSTINGS_CHUNK_BITS) {
    if (!Number.isInteger(chunkBits) || chunkBits < 1 || chunkBits > 30) throw new Error(`PostingsCollector: option "chunkBits" must be an integer in 1..30, got ${chunkBits}`);
    this.chunk = 2 ** chunkBits;
    this.terms = new Uint32Array(this.chunk);
    this.masks = new Uint8Array(this.chunk);
  }

  /** Docs must arrive in ascending order; a term repeated in one doc ORs its field bit. */
  add(term: number, doc: number, fieldBit: number): void {
    if (doc !== this.lastDoc) {
      if (doc < this.lastDoc) throw new Error(`postings: docs must arrive in ascending order, got ${doc} after ${this.lastDoc}`);
      while (this.docStarts.length <= doc) this.docStarts.push(this.base + this.used);
      this.lastDoc = doc;
    }
    const m = term * 3;
    if (m >= this.perTerm.length) this.growTerms(term);
    if (term >= this.termCount) this.termCount = term + 1;
    const per = this.perTerm;
    if (per[m] === doc + 1) {
      const at = per[m + 1];
      const local = at - this.base;
      if (local >= 0) this.masks[local] |= fieldBit;
      else this.maskChunks[Math.floor(at / this.chunk)][at % this.chunk] |= fieldBit;
      return;
    }
    if (this.used === this.chunk) this.nextChunk();
    per[m] = doc + 1;
    per[m + 1] = this.base + this.used;
    per[m + 2]++;
    this.terms[this.used] = term;
    this.masks[this.used++] = fieldBit;
  }

  private growTerms(term: number): void {
    let size = this.perTerm.length;
    while (size <= term * 3) size *= 2;
    const next = new Int32Array(size);
    next.set(this.perTerm);
    this.perTerm = next;
  }

  private nextChunk(): void {
    this.termChunks.push(this.terms);
    this.maskChunks.push(this.masks);
    this.base += this.chunk;
    this.terms = new Uint32Array(this.chunk);
    this.masks = new Uint8Array(this.chunk);
    this.used = 0;
  }

  /** Docs of term ids 0..count-1; ends collecting. */
  finish(): void {
    if (this.sorted) return;
    this.termChunks.push(this.terms.subarray(0, this.used));
    this.maskChunks.push(this.masks.subarray(0, this.used));
    const total = this.base + this.used;
    const n = this.termCount;
    const offsets = new Float64Array(n + 1);
    for (let t = 0; t < n; t++) offsets[t + 1] = offsets[t] + this.perTerm[t * 3 + 2];
    const fill = offsets.slice(0, Math.max(n, 1));
    const docs = new Uint32Array(total);
    const masks = new Uint8Array(total);
    const starts = this.docStarts;
    let doc = 0;
    let at = 0;
    for (let c = 0; c < this.termChunks.length; c++) {
      const terms = this.termChunks[c];
      const ms = this.maskChunks[c];
      for (let k = 0; k < terms.length; k++, at++) {
        while (doc + 1 < starts.length && starts[doc + 1] <= at) doc++;
        const p = fill[terms[k]]++;
        docs[p] = doc;
        masks[p] = ms[k];
      }
      // Let go as soon as read, for the first collection that runs to reclaim.
      this.termChunks[c] = EMPTY_U32;
      this.maskChunks[c] = EMPTY_U8;
    }
    this.terms = EMPTY_U32;
    this.masks = EMPTY_U8;
    this.perTerm = new Int32Array(0);
    this.sorted = { docs, masks, offsets };
  }

  /** How many term ids have postings (ids are dense from 0). */
  get count(): number {
    return this.termCount;
  }

  /** Postings of one term (after finish()). */
  view(term: number): Postings {
    const s = this.result();
    const from = s.offsets[term];
    const to = s.offsets[term + 1];
    return { docs: s.docs.subarray(from, to), masks: s.masks.subarray(from, to) };
  }

  /** Docs of one term (after finish()). */
  length(term: number): number {
    const s = this.result();
    return s.offsets[term + 1] - s.offsets[term];
  }

  private result(): NonNullable<PostingsCollector['sorted']> {
    if (!this.sorted) throw new Error('postings: read before finish()');
    return this.sorted;
  }
}

const EMPTY_U32 = new Uint32Array(0);
const EMPTY_U8 = new Uint8Array(0);

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

/**
 * Union of several postings with masks OR-ed per doc; `scratch` is a zeroed per-doc byte array
 * (one byte per passage of the index), left zeroed. A union big enough that sorting it would cost
 * more than one pass over scratch (one-letter prefixes cover most passages) is read back off
 * scratch in doc order instead: sorting those was most of a 1M build's prefix time.
 */
export function unionPostings(lists: Postings[], scratch: Uint8Array): Postings {
  let total = 0;
  for (const p of lists) total += p.docs.length;
  const found = new Uint32Array(Math.min(total, scratch.length));
  let count = 0;
  for (const p of lists) {
    const { docs, masks } = p;
    for (let k = 0; k < docs.length; k++) {
      const d = docs[k];
      if (scratch[d] === 0) found[count++] = d;
      scratch[d] |= masks[k];
    }
  }
  const masks = new Uint8Array(count);
  if (count * SORT_COST > scratch.length) {
    let k = 0;
    for (let d = 0; k < count; d++) {
      const m = scratch[d];
      if (m === 0) continue;
      found[k] = d;
      masks[k++] = m;
      scratch[d] = 0;
    }
    return { docs: found.subarray(0, count), masks };
  }
  const sorted = found.subarray(0, count).sort();
  for (let k = 0; k < count; k++) {
    masks[k] = scratch[sorted[k]];
    scratch[sorted[k]] = 0;
  }
  return { docs: sorted, masks };
}

/** Sorting k docs costs about this many scratch bytes scanned per doc (k log k compares, measured). */
const SORT_COST = 32;

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
  const { docs, masks } = p;
  for (let k = 0; k < docs.length; k++) out[1 + (docs[k] >>> 5)] |= 1 << (docs[k] & 31);
  // One tight pass per field rather than a closure per doc: a 1M build encodes ~100M docs here.
  for (let i = 0; i < fields.length; i++) {
    const bit = 1 << fields[i];
    const base = 1 + words * (1 + i);
    for (let k = 0; k < docs.length; k++) if (masks[k] & bit) out[base + (docs[k] >>> 5)] |= 1 << (docs[k] & 31);
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
