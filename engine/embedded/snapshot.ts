/**
 * One committed generation opened read-only: the small arrays every query touches live in
 * memory (loaded from blobs at open, about 300 MB at 1M passages, 200 MB of it the token
 * streams, tokstream.ts); postings are read from the data file through a bounded cache of
 * decoded ones, from an in-memory copy of their region once its background read is done
 * (resident.ts), documents from SQLite.
 */
import Database from 'better-sqlite3';
import { FACET_NAMES, type FacetName, type PassageDoc } from '../types.js';
import { IndexNotFoundError } from '../errors.js';
import { LruCache } from './lru.js';
import { SetArena } from './set-arena.js';
import { prepareDateBlocks } from './facets.js';
import { decodeInto } from './tokstream.js';
import { decodeCounts } from './counts.js';
import { DataFileReader, SECTION_ALIGN, type SectionDirectory } from './datafile.js';
import type { ResidentLoader } from './resident.js';
import { decodeDenseSets, decodePostings, denseAllBytes, EMPTY_POSTINGS, type DenseSets, type Postings } from './postings.js';
import type { CombinedArrays } from './facet-slots.js';
import { bufferToF64, bufferToI32, bufferToLabels, bufferToStrings, bufferToU16, bufferToU32, FIELD_COUNT, FORMAT_VERSION } from './schema.js';

export interface FacetData {
  values: string[];
  /** Per docnum: value ids in ids[offsets[d] .. offsets[d+1]). */
  offsets: Uint32Array;
  ids: Uint32Array;
  /** Per value id: docnums in invDocs[invOffsets[v] .. invOffsets[v+1]). */
  invOffsets: Uint32Array;
  invDocs: Uint32Array;
  valueIds: Map<string, number>;
}

export interface Vocabulary {
  /** Sorted (JS string order). */
  terms: string[];
  /** Term id of terms[i]. */
  ids: Uint32Array;
  /** Passages containing terms[i] in any attribute / in text. */
  df: Uint32Array;
  textDf: Uint32Array;
}

/** Docs per page-fetching statement: a page of up to 100 hits takes one to four statements. */
const DOCS_PER_STATEMENT = 32;

export interface SnapshotCacheOptions {
  postingsBytes: number;
  derivedBytes: number;
}

export interface ResidentOptions {
  loader: ResidentLoader;
  /** Copy the postings region too (the token streams always are). */
  postings: boolean;
  /** The data file's ino:mtime:size when opened. */
  identity: string;
}

/** Sections read on demand by queries; together with the term postings they make the postings region. */
const ON_DEMAND = /^(termsets|prefixsets|prefix|prefixfacets):/;

export class Snapshot {
  readonly n: number;
  readonly articles: number;
  readonly updatedAt: number;
  readonly vocab: Vocabulary;
  readonly facets: Record<FacetName, FacetData>;
  /** All facets per passage (facet-slots.ts); null for generations built without them. */
  readonly combinedFacets: CombinedArrays | null;
  /** Per docnum, NaN when the passage has no date. */
  readonly dates: Float64Array;
  /** Dated docnums by date ascending, ties by docnum. */
  readonly byDate: Uint32Array;
  readonly articleIds: string[];
  readonly articleOf: Uint32Array;
  /**
   * Sparse postings (key: term id), stored prefix unions (`p:` + prefix) and dense bitmaps (section
   * name), bounded together by postingsCacheBytes; the key says which type a value has.
   */
  private readonly cache: LruCache<Postings | DenseSets>;
  /** Values derived from this generation by queries (word doc sets), kept while memory allows. */
  readonly derived: LruCache<unknown>;
  /** Where cached word sets get their bitmaps (as much room as `derived` has). */
  readonly sets: SetArena;
  private readonly stmts: Record<'article' | 'probe', Database.Statement>;

  private readonly data: DataFileReader;
  private readonly termOffsets: Float64Array;
  private readonly tokStarts: Float64Array;
  /** All token streams, once the background read is done (200 MB at 1M: a third of open time read up front). */
  private tokUnits: Uint16Array | null = null;
  /** Releases what the resident loader holds or is reading for this snapshot. */
  private readonly releases: (() => void)[] = [];
  /** Settles when the token streams are in memory (or their background read failed). */
  readonly toksLoaded: Promise<boolean>;
  /** Settles when the postings region is in memory; false when it failed or was not asked for. */
  readonly postingsLoaded: Promise<boolean>;
  /** Settles when what open prepares in the background after the postings is ready: the word-set arena's pages, the date blocks. */
  readonly prepared: Promise<void>;
  private readonly tokScratch = { buf: new Uint32Array(1024) };
  private closed = false;

  constructor(
    private readonly db: Database.Database,
    dataPath: string,
    cache: SnapshotCacheOptions,
    resident: ResidentOptions,
  ) {
    const meta = new Map((db.prepare('SELECT key, value FROM meta').all() as { key: string; value: string }[]).map((r) => [r.key, r.value]));
    // An index from another version of this engine is as good as none: the indexer rebuilds it.
    if (meta.get('format') !== String(FORMAT_VERSION)) {
      throw new IndexNotFoundError(`the index has format ${meta.get('format')}, this version reads ${FORMAT_VERSION}: re-index`);
    }
    this.data = new DataFileReader(dataPath, JSON.parse(meta.get('sections') ?? '{}') as SectionDirectory);
    const blob = (name: string): Buffer => this.data.section(name);
    this.termOffsets = bufferToF64(blob('term.offsets'));
    this.tokStarts = bufferToF64(blob('toks.starts'));
    let toksDone: (ok: boolean) => void = () => {};
    let postingsDone: (ok: boolean) => void = () => {};
    this.toksLoaded = new Promise((resolve) => (toksDone = resolve));
    this.postingsLoaded = new Promise((resolve) => (postingsDone = resolve));
    const region = (from: number, to: number) => ({ path: dataPath, identity: resident.identity, from, to });
    const [tokFrom, tokBytes] = this.data.where('toks');
    // Loaders read one region at a time in the order asked: the token streams first, since every
    // multi-word query scans them.
    this.releases.push(
      resident.loader.load(region(tokFrom - (tokFrom % SECTION_ALIGN), tokFrom + tokBytes), (bytes) => {
        if (bytes && !this.closed) this.tokUnits = bufferToU16(bytes.subarray(tokFrom % SECTION_ALIGN));
        toksDone(bytes !== null && !this.closed);
      }),
    );
    const span = resident.postings ? this.postingsSpan() : null;
    if (span) {
      this.releases.push(
        resident.loader.load(region(span[0], span[1]), (all) => {
          if (all && !this.closed) this.data.attach(span[0], all);
          postingsDone(all !== null && !this.closed);
        }),
      );
    } else postingsDone(false);
    this.n = Number(meta.get('passages'));
    this.articles = Number(meta.get('articles'));
    this.updatedAt = Number(meta.get('updatedAt'));
    this.vocab = {
      terms: bufferToStrings(blob('vocab.terms')),
      ids: bufferToU32(blob('vocab.ids')),
      df: bufferToU32(blob('vocab.df')),
      textDf: bufferToU32(blob('vocab.textdf')),
    };
    const facets = {} as Record<FacetName, FacetData>;
    for (const f of FACET_NAMES) {
      const values = bufferToStrings(blob(`facet.${f}.values`));
      facets[f] = {
        values,
        offsets: bufferToU32(blob(`facet.${f}.offsets`)),
        ids: bufferToU32(blob(`facet.${f}.ids`)),
        invOffsets: bufferToU32(blob(`facet.${f}.invOffsets`)),
        invDocs: bufferToU32(blob(`facet.${f}.invDocs`)),
        valueIds: new Map(values.map((v, i) => [v, i])),
      };
    }
    this.facets = facets;
    this.combinedFacets = this.data.has('facets.offsets')
      ? {
          offsets: bufferToU32(blob('facets.offsets')),
          ids: bufferToU32(blob('facets.ids')),
          global: bufferToI32(blob('facets.global')),
          slots: this.data.has('facets.slots') ? bufferToU16(blob('facets.slots')) : null,
        }
      : null;
    this.dates = bufferToF64(blob('dates'));
    this.byDate = bufferToU32(blob('byDate'));
    this.articleIds = bufferToLabels(blob('articles.ids'));
    this.articleOf = bufferToU32(blob('articles.of'));
    this.cache = new LruCache(cache.postingsBytes);
    this.derived = new LruCache(cache.derivedBytes);
    this.sets = new SetArena({ words: (this.n + 31) >>> 5, capacityBytes: cache.derivedBytes });
    const stopped = () => this.closed;
    // Only ahead-of-time work: what fails here is done lazily when a query needs it.
    this.prepared = this.postingsLoaded
      .then(() => this.sets.reserve(undefined, stopped))
      .then(() => prepareDateBlocks(this, stopped))
      .catch(() => undefined);
    this.stmts = {
      article: db.prepare('SELECT json FROM doc WHERE article_id = ? ORDER BY position').pluck(),
      probe: db.prepare('SELECT 1 FROM meta LIMIT 1').pluck(),
    };
  }

  static open(file: string, dataFile: string, cache: SnapshotCacheOptions, sqlite: { busyTimeoutMs: number; mmapBytes: number }, resident: ResidentOptions): Snapshot {
    const db = new Database(file, { readonly: true, fileMustExist: true, timeout: sqlite.busyTimeoutMs });
    try {
      // Generation files are never written or truncated once committed, so a map of one stays valid.
      if (sqlite.mmapBytes > 0) db.pragma(`mmap_size = ${sqlite.mmapBytes}`);
      return new Snapshot(db, dataFile, cache, resident);
    } catch (err) {
      db.close();
      throw err;
    }
  }

  /** [from, to) of the data file covering the term postings and every on-demand section. */
  private postingsSpan(): [number, number] | null {
    let from = Infinity;
    let to = -Infinity;
    const n = this.termOffsets.length;
    if (n > 1 && this.termOffsets[n - 1] > this.termOffsets[0]) {
      from = this.termOffsets[0];
      to = this.termOffsets[n - 1];
    }
    for (const [at, bytes] of this.data.sectionsWhere((name) => ON_DEMAND.test(name))) {
      from = Math.min(from, at);
      to = Math.max(to, at + bytes);
    }
    // Down to an aligned start, so that views of aligned sections in the copy are aligned too.
    from -= from % SECTION_ALIGN;
    return to > from ? [from, to] : null;
  }

  /** Bytes of the data file held in memory for queries (postings region). */
  get residentBytes(): number {
    return this.data.residentBytes;
  }

  /** Takes a shared lock and reads a page: fails fast when the file is locked or damaged. */
  probe(): void {
    this.stmts.probe.get();
  }

  /** Sparse terms' postings (a dense term's are empty: see termSets). */
  postings(termId: number): Postings {
    let p = this.cache.get(termId) as Postings | undefined;
    if (!p) {
      const from = this.termOffsets[termId];
      const to = this.termOffsets[termId + 1];
      p = to > from ? decodePostings(this.data.read(from, to - from)) : EMPTY_POSTINGS;
      this.cache.set(termId, p, p.docs.length * 5 + 64);
    }
    return p;
  }

  /** Whether the build stored the union of the terms starting with `prefix` (as postings or as bitmaps). */
  hasPrefixUnion(prefix: string): boolean {
    return this.data.has(`prefix:${prefix}`) || this.data.has(`prefixsets:${prefix}`);
  }

  /** Precomputed union of the postings of all terms starting with `prefix`, if the build stored one. */
  prefixPostings(prefix: string): Postings | null {
    const key = `p:${prefix}`;
    let p = this.cache.get(key) as Postings | undefined;
    if (!p) {
      if (!this.data.has(`prefix:${prefix}`)) return null;
      p = decodePostings(this.data.section(`prefix:${prefix}`));
      this.cache.set(key, p, p.docs.length * 5 + 64);
    }
    return p;
  }

  /**
   * A dense precomputed prefix union as bitmaps, if the build stored it so. Cached and shared
   * like postings: read-only (see denseSets).
   */
  prefixSets(prefix: string): DenseSets | null {
    return this.denseSets(`prefixsets:${prefix}`);
  }

  /**
   * The bitmaps of a stored section through the postings cache. Typo neighbourhoods of frequent
   * names share their dense terms, so a fresh read each (~0.5 MB at 1M) cost more than the ORs.
   * Shared by every caller: never written to (wordSets copies what it extends).
   */
  private denseSets(name: string): DenseSets | null {
    let d = this.cache.get(name) as DenseSets | undefined;
    if (!d) {
      if (!this.data.has(name)) return null;
      d = decodeDenseSets(this.data.section(name), this.n, FIELD_COUNT);
      this.cache.set(name, d, d.fields.reduce((sum, f) => sum + (f ? f.byteLength : 0), d.all.byteLength + 64));
    }
    return d;
  }

  /**
   * A dense term's docs without its per-field bitmaps (only the part of the section a prefix
   * word's exact set needs): from the cache when the whole term is there, else a fresh read.
   */
  termDocs(termId: number): Uint32Array | null {
    const name = `termsets:${termId}`;
    const cached = this.cache.get(name) as DenseSets | undefined;
    if (cached) return cached.all;
    if (!this.data.has(name)) return null;
    const [at, bytes] = denseAllBytes(this.n);
    return bufferToU32(this.data.read(this.data.where(name)[0] + at, bytes));
  }

  /** A dense term's docs as bitmaps (build.ts writes terms in bitmapTermShare of passages so); shared, read-only. */
  termSets(termId: number): DenseSets | null {
    return this.denseSets(`termsets:${termId}`);
  }

  /** Every facet's value counts over the precomputed postings of `prefix` (countAllFacets' layout), if the build stored them; read-only. */
  prefixCounts(prefix: string): Int32Array | null {
    const name = `prefixfacets:${prefix}`;
    if (!this.data.has(name)) return null;
    let all = this.derived.get(name) as Int32Array | undefined;
    if (!all) {
      all = decodeCounts(this.data.section(name));
      this.derived.set(name, all, all.byteLength + 64);
    }
    return all;
  }

  /** Value counts of `facet` over the precomputed postings of `prefix`, if the build stored them. */
  prefixFacetCounts(prefix: string, facet: FacetName): Int32Array | null {
    const all = this.prefixCounts(prefix);
    if (!all) return null;
    let base = 0;
    for (const f of FACET_NAMES) {
      const len = this.facets[f].values.length;
      if (f === facet) return all.subarray(base, base + len);
      base += len;
    }
    return null;
  }

  get toksInMemory(): boolean {
    return this.tokUnits !== null;
  }

  /** The passage's token stream (field lengths, then term ids); valid until the next call. */
  toks(docnum: number): Uint32Array {
    const n = this.toksInto(docnum);
    return this.tokScratch.buf.subarray(0, n);
  }

  /**
   * toks() without the view: decodes into `tokBuffer` and returns the length. Proximity scans up
   * to a thousand passages per query, and a view each was a tenth of a typing query's garbage.
   */
  toksInto(docnum: number): number {
    const from = this.tokStarts[docnum];
    const to = this.tokStarts[docnum + 1];
    if (this.tokUnits) return decodeInto(this.tokUnits, from, to, this.tokScratch);
    // Until the background read is done: this passage's units only, one pread.
    const units = bufferToU16(this.data.read(this.data.where('toks')[0] + from * 2, (to - from) * 2));
    return decodeInto(units, 0, units.length, this.tokScratch);
  }

  /** What toksInto decoded into (replaced when it grows: read it after each call). */
  get tokBuffer(): Uint32Array {
    return this.tokScratch.buf;
  }

  /** Statements selecting `k` docs by docnum, by k (a page holds at most DOCS_PER_STATEMENT). */
  private readonly docsStmts = new Map<number, Database.Statement>();

  /**
   * A page's documents, in the order asked: one statement per DOCS_PER_STATEMENT docs instead
   * of one per doc (20 docs: ~50 µs instead of ~200 at 10k passages, most of it per-call cost).
   */
  docs(docnums: readonly number[]): PassageDoc[] {
    const json = new Map<number, string>();
    for (let at = 0; at < docnums.length; at += DOCS_PER_STATEMENT) {
      const chunk = docnums.slice(at, at + DOCS_PER_STATEMENT);
      let stmt = this.docsStmts.get(chunk.length);
      if (!stmt) {
        stmt = this.db.prepare(`SELECT docnum, json FROM doc WHERE docnum IN (${chunk.map(() => '?').join(',')})`).raw();
        this.docsStmts.set(chunk.length, stmt);
      }
      for (const [d, j] of stmt.all(...chunk) as [number, string][]) json.set(d, j);
    }
    return docnums.map((d) => {
      const j = json.get(d);
      if (j === undefined) throw new Error(`passage ${d} is missing from the generation file`);
      return JSON.parse(j) as PassageDoc;
    });
  }

  articlePassages(articleId: string): PassageDoc[] {
    return (this.stmts.article.all(articleId) as string[]).map((j) => JSON.parse(j) as PassageDoc);
  }

  close(): void {
    this.closed = true;
    for (const release of this.releases.splice(0)) release();
    if (this.db.open) this.db.close();
    this.data.close();
  }
}
