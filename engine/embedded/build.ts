/**
 * Builds one generation file from passages streamed in id order: the doc table with each
 * passage's token stream, term postings, short-prefix postings and the in-memory blobs
 * (vocabulary, facet arrays, dates, articles). Runs inside the writer's commit().
 */
import Database from 'better-sqlite3';
import { FACET_NAMES, type FacetName, type PassageDoc } from '../types.js';
import { DataFileWriter, SECTION_ALIGN } from './datafile.js';
import * as ds from './docset.js';
import { combineFacets } from './facet-slots.js';
import { countAllFacets, type FacetTables } from './count-facets.js';
import { EMPTY_POSTINGS, encodeDenseSets, encodePostings, PostingsCollector, unionPostings } from './postings.js';
import { TermScanner } from './tokenize.js';
import { encodeStream, U16Builder } from './tokstream.js';
import { encodeCounts } from './counts.js';
import {
  FIELDS,
  FIELD_COUNT,
  FORMAT_VERSION,
  GENERATION_INDEXES,
  GENERATION_SCHEMA,
  U32Builder,
  VALUE_GAP,
  f64ToBuffer,
  i32ToBuffer,
  stringsToBuffer,
  u32ToBuffer,
} from './schema.js';

export interface BuildOptions {
  /** Prefixes up to this many letters get precomputed postings. */
  prefixMaxLength: number;
  /** ...when they cover at least this many terms (smaller unions are cheap at query time). */
  prefixMinTerms: number;
  /** Terms in at least this share of passages are written as bitmaps (EmbeddedEngineOptions). */
  bitmapTermShare: number;
}

export interface BuildSummary {
  passages: number;
  articles: number;
  updatedAt: number;
}

class FacetBuilder {
  readonly valueIds = new Map<string, number>();
  readonly values: string[] = [];
  readonly offsets = new U32Builder(1024);
  readonly ids = new U32Builder(1024);
  constructor() {
    this.offsets.push(0);
  }
  add(values: readonly string[]): void {
    const from = this.ids.length;
    for (const v of values) {
      let id = this.valueIds.get(v);
      if (id === undefined) {
        id = this.values.length;
        this.values.push(v);
        this.valueIds.set(v, id);
      }
      let dup = false;
      for (let k = from; k < this.ids.length && !dup; k++) dup = this.ids.data[k] === id;
      if (!dup) this.ids.push(id);
    }
    this.offsets.push(this.ids.length);
  }
  /** Value ids renumbered in value order, so readers can report values deterministically. */
  finish(n: number): { values: string[]; offsets: Uint32Array; ids: Uint32Array; invOffsets: Uint32Array; invDocs: Uint32Array } {
    const order = this.values.map((_, i) => i).sort((a, b) => (this.values[a] < this.values[b] ? -1 : this.values[a] > this.values[b] ? 1 : 0));
    const rank = new Uint32Array(order.length);
    order.forEach((old, i) => (rank[old] = i));
    const offsets = this.offsets.view();
    const ids = this.ids.view().map((old) => rank[old]);
    const invCounts = new Uint32Array(order.length + 1);
    for (const v of ids) invCounts[v + 1]++;
    for (let v = 0; v < order.length; v++) invCounts[v + 1] += invCounts[v];
    const fill = invCounts.slice(0, order.length);
    const invDocs = new Uint32Array(ids.length);
    for (let d = 0; d < n; d++) for (let k = offsets[d]; k < offsets[d + 1]; k++) invDocs[fill[ids[k]]++] = d;
    return { values: order.map((i) => this.values[i]), offsets, ids, invOffsets: invCounts, invDocs };
  }
}

export class GenerationBuilder {
  private readonly db: Database.Database;
  private readonly insertDoc: Database.Statement;
  private readonly postings = new PostingsCollector();
  private readonly scanner = new TermScanner();
  private readonly toks = new U32Builder(4096);
  /** Encoded token streams waiting to be appended to the data file, and where each passage's starts (in u16 units). */
  private readonly tokPending = new U16Builder(1 << 20);
  private readonly tokStarts: number[] = [0];
  private tokSection: { at: number; bytes: number } | null = null;
  private readonly termList = this.scanner.table.terms;
  private readonly facets = new Map<FacetName, FacetBuilder>(FACET_NAMES.map((f) => [f, new FacetBuilder()]));
  private dateValues: number[] = [];
  private readonly articleIds: string[] = [];
  private readonly articleOf = new U32Builder(1024);
  private readonly articleNums = new Map<string, number>();
  private n = 0;

  private readonly data: DataFileWriter;

  constructor(
    readonly path: string,
    dataPath: string,
    private readonly options: BuildOptions,
  ) {
    this.data = new DataFileWriter(dataPath);
    this.db = new Database(path);
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    this.db.pragma('cache_size = -65536');
    this.db.exec(GENERATION_SCHEMA);
    this.db.exec('BEGIN');
    this.insertDoc = this.db.prepare('INSERT INTO doc(docnum, id, article_id, position, json) VALUES (?, ?, ?, ?, ?)');
  }

  private tokenize(s: string, field: number, docnum: number, out: U32Builder): void {
    const bit = 1 << field;
    this.scanner.scanIds(s, (id) => {
      out.push(id);
      this.postings.add(id, docnum, bit);
    });
  }

  /** Docs must arrive in ascending id order: docnum order is id order. */
  add(doc: PassageDoc, json: string): void {
    const docnum = this.n++;
    // Token stream: FIELD_COUNT lengths, then each attribute's term ids.
    const toks = this.toks;
    toks.length = 0;
    for (let f = 0; f < FIELD_COUNT; f++) toks.push(0);
    for (let f = 0; f < FIELD_COUNT; f++) {
      const before = toks.length;
      const value = doc[FIELDS[f]];
      if (typeof value === 'string') this.tokenize(value, f, docnum, toks);
      else
        value.forEach((v, i) => {
          if (i > 0) toks.push(VALUE_GAP);
          this.tokenize(v, f, docnum, toks);
        });
      toks.data[f] = toks.length - before;
    }
    this.insertDoc.run(docnum, doc.id, doc.articleId, doc.position, json);
    this.appendToks(toks.view());
    for (const [name, fb] of this.facets) fb.add(name === 'month' ? (doc.month === null ? [] : [doc.month]) : doc[name]);
    this.dateValues.push(doc.date ?? NaN);
    let a = this.articleNums.get(doc.articleId);
    if (a === undefined) {
      a = this.articleIds.length;
      this.articleIds.push(doc.articleId);
      this.articleNums.set(doc.articleId, a);
    }
    this.articleOf.push(a);
  }

  /**
   * Token streams go to one data-file section that readers load whole (tokstream.ts), not to
   * SQLite rows. They are the only thing appended while docs arrive, so the section is contiguous.
   */
  private appendToks(toks: Uint32Array): void {
    const pending = this.tokPending;
    const before = pending.length;
    encodeStream(toks, pending);
    this.tokStarts.push(this.tokStarts[this.tokStarts.length - 1] + pending.length - before);
    if (pending.length >= 1 << 20) this.flushToks();
  }

  private flushToks(): void {
    const pending = this.tokPending;
    if (pending.length === 0) return;
    const v = pending.view();
    const bytes = Buffer.from(v.buffer, v.byteOffset, v.byteLength);
    const at = this.data.append(bytes);
    if (!this.tokSection) this.tokSection = { at, bytes: 0 };
    else if (at !== this.tokSection.at + this.tokSection.bytes) throw new Error('token streams must be contiguous in the data file');
    this.tokSection.bytes += bytes.length;
    pending.length = 0;
  }

  private writeToks(): void {
    this.flushToks();
    this.data.register('toks', this.tokSection?.at ?? this.data.size, this.tokSection?.bytes ?? 0);
    this.putBlob('toks.starts', f64ToBuffer(Float64Array.from(this.tokStarts)));
  }

  get count(): number {
    return this.n;
  }

  private putBlob = (name: string, data: Buffer): void => {
    this.data.section(name, data);
  };

  private writeTerms(): void {
    // Postings of term id i are bytes [offsets[i], offsets[i + 1]) of the data file; a dense
    // term's are empty there and its docs are the section termsets:<id>.
    const offsets = new Float64Array(this.termList.length + 1);
    const textDf = new Uint32Array(this.termList.length);
    const denseFrom = Math.max(1, Math.ceil(this.options.bitmapTermShare * this.n));
    for (let id = 0; id < this.termList.length; id++) {
      const p = this.postings.view(id);
      const dense = p.docs.length >= denseFrom;
      if (dense) this.putBlob(`termsets:${id}`, encodeDenseSets(p, this.n));
      offsets[id] = this.data.append(encodePostings(dense ? EMPTY_POSTINGS : p), SECTION_ALIGN);
      offsets[id + 1] = this.data.size;
      let t = 0;
      for (let k = 0; k < p.masks.length; k++) t += p.masks[k] & 1;
      textDf[id] = t;
    }
    const sorted = this.termList.map((_, i) => i).sort((a, b) => (this.termList[a] < this.termList[b] ? -1 : 1));
    this.putBlob('term.offsets', f64ToBuffer(offsets));
    this.putBlob('vocab.terms', stringsToBuffer(sorted.map((i) => this.termList[i])));
    this.putBlob('vocab.ids', u32ToBuffer(Uint32Array.from(sorted)));
    this.putBlob('vocab.df', u32ToBuffer(Uint32Array.from(sorted, (i) => this.postings.length(i))));
    this.putBlob('vocab.textdf', u32ToBuffer(Uint32Array.from(sorted, (i) => textDf[i])));
    this.writePrefixes(sorted);
  }

  /** Unions of the postings of every term sharing a short prefix; a one-letter query reads one row. */
  private writePrefixes(sorted: number[]): void {
    const tables = this.tables as FacetTables;
    const scratch = new Uint8Array(this.n);
    const set = ds.emptySet(this.n);
    for (let len = 1; len <= this.options.prefixMaxLength; len++) {
      let i = 0;
      while (i < sorted.length) {
        const t = this.termList[sorted[i]];
        if (t.length < len) {
          i++;
          continue;
        }
        const p = t.slice(0, len);
        let j = i;
        while (j < sorted.length && this.termList[sorted[j]].startsWith(p)) j++;
        if (j - i >= this.options.prefixMinTerms) {
          const lists = sorted.slice(i, j).map((id) => this.postings.view(id));
          const union = unionPostings(lists, scratch);
          // Dense unions (one-letter prefixes match most passages) are smaller and faster as bitmaps.
          if (union.docs.length * 5 > (FIELD_COUNT + 1) * ((this.n + 31) >>> 5) * 4) this.putBlob(`prefixsets:${p}`, encodeDenseSets(union, this.n));
          else this.putBlob(`prefix:${p}`, encodePostings(union));
          ds.addAll(set, union.docs);
          this.putBlob(`prefixfacets:${p}`, encodeCounts(countAllFacets(tables, set, union.docs.length).counts));
          // Cleared doc by doc: a fresh bitmap per prefix was 850 MB of garbage at 1M.
          for (let k = 0; k < union.docs.length; k++) set[union.docs[k] >>> 5] = 0;
        }
        i = j;
      }
    }
  }

  /** Final facet arrays, in FACET_NAMES order (prefix facet counts need the final value ids). */
  private finished: { offsets: Uint32Array; ids: Uint32Array; values: string[]; invOffsets: Uint32Array; invDocs: Uint32Array }[] = [];
  /**
   * The finished facets as the query side counts them (set by writeCombinedFacets), so a prefix's
   * stored counts come from the same code, and the same cheapest of walking the union, its
   * complement or the values' postings, as a query's (walking every union passage facet by facet
   * took 15 of a 1M build's 34 s of prefixes).
   */
  private tables: FacetTables | null = null;

  private writeFacets(): void {
    for (const [name, fb] of this.facets) {
      const f = fb.finish(this.n);
      this.finished.push(f);
      this.putBlob(`facet.${name}.values`, stringsToBuffer(f.values));
      this.putBlob(`facet.${name}.offsets`, u32ToBuffer(f.offsets));
      this.putBlob(`facet.${name}.ids`, u32ToBuffer(f.ids));
      this.putBlob(`facet.${name}.invOffsets`, u32ToBuffer(f.invOffsets));
      this.putBlob(`facet.${name}.invDocs`, u32ToBuffer(f.invDocs));
    }
  }

  private writeCombinedFacets(): void {
    const c = combineFacets(this.n, this.finished);
    this.tables = {
      n: this.n,
      facets: Object.fromEntries(FACET_NAMES.map((name, i) => [name, this.finished[i]])) as FacetTables['facets'],
      combinedFacets: c,
    };
    this.putBlob('facets.offsets', u32ToBuffer(c.offsets));
    this.putBlob('facets.ids', u32ToBuffer(c.ids));
    this.putBlob('facets.global', i32ToBuffer(c.global));
    if (c.slots) this.putBlob('facets.slots', Buffer.from(c.slots.buffer, c.slots.byteOffset, c.slots.byteLength));
  }

  private writeDates(): void {
    const dates = Float64Array.from(this.dateValues);
    const dated: number[] = [];
    for (let d = 0; d < this.n; d++) if (!Number.isNaN(dates[d])) dated.push(d);
    dated.sort((a, b) => dates[a] - dates[b] || a - b);
    this.putBlob('dates', f64ToBuffer(dates));
    this.putBlob('byDate', u32ToBuffer(Uint32Array.from(dated)));
  }

  /** Writes everything derived, fsyncs, closes. The file is complete when this returns. */
  finish(): BuildSummary {
    this.postings.finish();
    this.writeToks();
    this.writeFacets();
    this.writeCombinedFacets();
    this.writeTerms();
    this.writeDates();
    this.putBlob('articles.ids', stringsToBuffer(this.articleIds));
    this.putBlob('articles.of', u32ToBuffer(this.articleOf.view()));
    const summary: BuildSummary = { passages: this.n, articles: this.articleIds.length, updatedAt: Date.now() };
    const meta = this.db.prepare('INSERT INTO meta(key, value) VALUES (?, ?)');
    meta.run('format', String(FORMAT_VERSION));
    meta.run('passages', String(summary.passages));
    meta.run('articles', String(summary.articles));
    meta.run('updatedAt', String(summary.updatedAt));
    meta.run('sections', JSON.stringify(this.data.sections));
    this.data.finish();
    this.db.exec(GENERATION_INDEXES);
    this.db.exec('COMMIT');
    this.db.pragma('journal_mode = DELETE');
    this.db.close();
    return summary;
  }

  /** Leaves the half-built file for the caller to delete. */
  discard(): void {
    if (this.db.open) this.db.close();
    this.data.discard();
  }
}
