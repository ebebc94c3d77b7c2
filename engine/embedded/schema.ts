/**
 * On-disk layout of one index generation (an immutable SQLite file once committed) and the
 * codecs of the blobs that readers load into memory at open.
 *
 * SQLite file:
 *   doc       one row per passage, docnum = rank of the passage id (ties by id are ties by docnum)
 *   meta      counts, format, and the section directory of the data file
 * data file (datafile.ts), sections (each, and each term's postings, at a multiple of 8 bytes):
 *   toks + toks.starts  every passage's token stream (term ids per attribute, for proximity),
 *                written while docs arrive; toks.starts[d] .. [d + 1] in u32 units
 *   term.offsets + the postings of every term: sorted docnums with attribute masks (postings.ts)
 *   termsets:<id>  a dense term's docs as bitmaps (its postings above are empty)
 *   prefix:<p>   precomputed postings of short prefixes (the union of thousands of terms' postings)
 *   prefixsets:<p>  the same as bitmaps when dense (one-letter prefixes)
 *   prefixfacets:<p>  every facet's value counts over those postings (typing one letter needs no
 *                counting), dense or as sparse pairs (counts.ts)
 *   everything a reader keeps in memory: vocabulary, facet arrays (per facet and combined,
 *   facet-slots.ts), dates, articles
 */
export const FORMAT_VERSION = 7;

export const GENERATION_SCHEMA = `
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE doc(docnum INTEGER PRIMARY KEY, id TEXT NOT NULL, article_id TEXT NOT NULL, position INTEGER NOT NULL,
                 json TEXT NOT NULL);
`;
/** Created after the bulk load: cheaper than maintaining it row by row. */
export const GENERATION_INDEXES = `CREATE INDEX doc_article ON doc(article_id, position);`;

export const STAGING_SCHEMA = `
CREATE TABLE IF NOT EXISTS staged(id TEXT PRIMARY KEY, article_id TEXT NOT NULL, json TEXT NOT NULL) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS staged_article ON staged(article_id);
`;

/** Searchable attributes in ranking order (INDEX_SETTINGS.searchableAttributes). */
export const FIELDS = ['text', 'title', 'speakers', 'topics', 'places', 'organisations'] as const;
export const FIELD_COUNT = FIELDS.length;
/** Separates the values of an array attribute inside a doc's token stream: no proximity across it. */
export const VALUE_GAP = 0xffffffff;

export function u32ToBuffer(a: Uint32Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

export function i32ToBuffer(a: Int32Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

export function bufferToI32(b: Buffer | Uint8Array): Int32Array {
  return b.byteOffset % 4 === 0 ? new Int32Array(b.buffer, b.byteOffset, b.byteLength >>> 2) : new Int32Array(new Uint8Array(b).buffer);
}

export function f64ToBuffer(a: Float64Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

/** A view when b is aligned (data-file buffers are), else an aligned copy (SQLite's buffers may sit anywhere). */
export function bufferToU32(b: Buffer | Uint8Array): Uint32Array {
  return b.byteOffset % 4 === 0 ? new Uint32Array(b.buffer, b.byteOffset, b.byteLength >>> 2) : new Uint32Array(new Uint8Array(b).buffer);
}

export function bufferToU16(b: Buffer | Uint8Array): Uint16Array {
  return b.byteOffset % 2 === 0 ? new Uint16Array(b.buffer, b.byteOffset, b.byteLength >>> 1) : new Uint16Array(new Uint8Array(b).buffer);
}

export function bufferToF64(b: Buffer | Uint8Array): Float64Array {
  return b.byteOffset % 8 === 0 ? new Float64Array(b.buffer, b.byteOffset, b.byteLength >>> 3) : new Float64Array(new Uint8Array(b).buffer);
}

export function stringsToBuffer(values: readonly string[]): Buffer {
  return Buffer.from(JSON.stringify(values), 'utf8');
}

export function bufferToStrings(b: Buffer): string[] {
  return JSON.parse(b.toString('utf8')) as string[];
}

/**
 * bufferToStrings for strings that are only handed out, never compared in bulk (article ids):
 * without a backslash no string has an escape or a quote inside, so '","' only separates values,
 * and splitting is ~10x faster than JSON.parse (167k ids at 1M: 6 ms against 79 at open). Split
 * strings are slices of one parent string, slower to compare: the vocabulary, binary-searched and
 * walked letter by letter per query, built its word sets ~30% slower that way (measured).
 */
export function bufferToLabels(b: Buffer): string[] {
  const json = b.toString('utf8');
  if (json.includes('\\')) return JSON.parse(json) as string[];
  return json === '[]' ? [] : json.slice(2, -2).split('","');
}

/** Growable uint32 array for builders. */
export class U32Builder {
  data: Uint32Array;
  length = 0;
  constructor(capacity = 16) {
    this.data = new Uint32Array(capacity);
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Uint32Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  view(): Uint32Array {
    return this.data.subarray(0, this.length);
  }
}
