/**
 * The embedded engine: SQLite files under dataDir/<indexName>/, searched in-process.
 * Each call checks the CURRENT pointer (two stats) and reopens when a writer committed a new
 * generation or the file changed under it; faults become EngineUnavailableError and the next
 * call tries again, so the process survives a bad file and recovers when it is back.
 */
import { statSync } from 'node:fs';
import { EngineAbortedError, EngineError, EngineUnavailableError, IndexNotFoundError } from '../errors.js';
import type { Engine, EngineStats, IndexWriter, Readiness, WriteMode } from '../types.js';
import type { BuildOptions } from './build.js';
import { completeWord, search, searchFacetValues } from './search.js';
import { localLoader, type ResidentLoader } from './resident.js';
import { Snapshot } from './snapshot.js';
import { IndexStore } from './store.js';
import { MAX_THREADS, ThreadedEmbeddedEngine } from './threads/pool.js';
import { GenerationWriter } from './writer.js';

export interface EmbeddedEngineOptions {
  dataDir: string;
  indexName?: string;
  /** Bytes of decoded postings kept per open generation. */
  postingsCacheBytes?: number;
  /** Bytes of per-word doc sets and facet counts kept per open generation (typing repeats prefixes). */
  wordSetCacheBytes?: number;
  /** How long a read waits for a lock held by someone else before reporting the engine unavailable. */
  busyTimeoutMs?: number;
  /** Precomputed postings for prefixes up to this many letters (as-you-type on 1–2 letters). */
  prefixMaxLength?: number;
  prefixMinTerms?: number;
  /**
   * Terms in at least this share of passages are stored as bitmaps instead of postings: a query
   * word ORs them in (tens of microseconds at 1M) instead of scattering every posting (22 ns each).
   * In (0, 1]; 1 keeps postings for every term but those in all passages.
   */
  bitmapTermShare?: number;
  /**
   * Multi-word queries: passages whose word proximity is computed exactly, per query (it reads
   * their token streams). Past it, the rest of a typo bucket ranks by attribute and exactness as
   * if its words were far apart: exact on every result set smaller than this, bounded latency on
   * huge ones.
   */
  maxProximityScans?: number;
  /**
   * One-word queries with fewer candidates than this are ranked passage by passage; larger ones
   * by intersecting bucket bitmaps, which costs the same whatever the count. Multi-word queries
   * with 8 times as many find the passages their proximity scan needs from bitmaps (rank.ts
   * scanLowestKeys). Tuning only: the order is the same either way.
   */
  rankPerPassageBelow?: number;
  /**
   * Copy the data file's postings region into memory in the background after open (about 810 MB at
   * 1M passages, one copy shared by all worker threads), so that a first-seen word never waits on
   * the disk: hosts page out file cache that was idle for seconds (resident.ts). false: postings
   * are read from the file on demand, which costs no memory beyond the caches.
   */
  residentPostings?: boolean;
  /**
   * Bytes of the generation's SQLite file (the documents) that SQLite reads through a memory map
   * instead of a read call per page (SQLite caps it near 2 GB; 0: no map). A page's 20 documents at
   * 1M passages: 30% less time over the keyword class, the slowest fetch 2–11 ms instead of 13–20
   * (pages the host paged out come back in larger runs). Its pages count in the process's RSS.
   */
  docsMmapBytes?: number;
  /**
   * Worker threads serving reads (threads/pool.ts); 0 reads on the calling thread. Each worker
   * opens its own snapshot and caches, so memory grows with it.
   */
  threads?: number;
  /**
   * With threads > 0: a read still running after this many ms has its worker terminated and
   * replaced, and rejects with EngineTimeoutError. 0: no limit. (On the calling thread a running
   * read cannot be stopped, so it does not apply to threads: 0.)
   */
  queryTimeoutMs?: number;
}

export const EMBEDDED_DEFAULTS = {
  indexName: 'passages',
  postingsCacheBytes: 256 * 1024 * 1024,
  wordSetCacheBytes: 256 * 1024 * 1024,
  busyTimeoutMs: 200,
  prefixMaxLength: 4,
  prefixMinTerms: 16,
  bitmapTermShare: 1 / 64,
  maxProximityScans: 1000,
  rankPerPassageBelow: 4096,
  residentPostings: true,
  docsMmapBytes: 2_147_418_112,
  threads: 0,
  queryTimeoutMs: 0,
} as const;

type ResolvedOptions = Required<EmbeddedEngineOptions>;

function resolveOptions(options: EmbeddedEngineOptions): ResolvedOptions {
  const o = { ...EMBEDDED_DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) } as ResolvedOptions;
  const fail = (name: string, rule: string, got: unknown): never => {
    throw new Error(`EmbeddedEngine: option "${name}" ${rule}, got ${JSON.stringify(got)}`);
  };
  if (typeof o.dataDir !== 'string' || o.dataDir.length === 0) fail('dataDir', 'is required', o.dataDir);
  if (typeof o.indexName !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(o.indexName)) fail('indexName', 'must match [A-Za-z0-9_-]{1,64}', o.indexName);
  for (const k of ['postingsCacheBytes', 'wordSetCacheBytes', 'docsMmapBytes', 'busyTimeoutMs', 'prefixMinTerms', 'maxProximityScans', 'rankPerPassageBelow', 'queryTimeoutMs'] as const) {
    if (!Number.isInteger(o[k]) || o[k] < 0) fail(k, 'must be an integer >= 0', o[k]);
  }
  if (!Number.isInteger(o.prefixMaxLength) || o.prefixMaxLength < 0 || o.prefixMaxLength > 4) fail('prefixMaxLength', 'must be an integer in 0..4', o.prefixMaxLength);
  if (typeof o.bitmapTermShare !== 'number' || !(o.bitmapTermShare > 0 && o.bitmapTermShare <= 1)) fail('bitmapTermShare', 'must be a number in (0, 1]', o.bitmapTermShare);
  if (typeof o.residentPostings !== 'boolean') fail('residentPostings', 'must be a boolean', o.residentPostings);
  if (!Number.isInteger(o.threads) || o.threads < 0 || o.threads > MAX_THREADS) fail('threads', `must be an integer in 0..${MAX_THREADS}`, o.threads);
  return o;
}

interface Open {
  generation: number;
  file: string;
  dataFile: string;
  /** Identity of the files when opened: a change means someone replaced or rewrote them. */
  signature: string;
  snap: Snapshot;
}

class EmbeddedEngine implements Engine {
  readonly kind = 'embedded' as const;
  private readonly store: IndexStore;
  private open: Open | null = null;
  private closed = false;

  constructor(
    private readonly options: ResolvedOptions,
    private readonly loader: ResidentLoader = localLoader,
  ) {
    this.store = new IndexStore(options.dataDir, options.indexName);
  }

  private drop(): void {
    this.open?.snap.close();
    this.open = null;
  }

  /** The generation to read from, reopened when CURRENT moved or the file changed. */
  private snapshot(): Snapshot {
    if (this.closed) throw new EngineUnavailableError('the embedded engine was closed');
    for (let attempt = 0; ; attempt++) {
      try {
        return this.checkedSnapshot();
      } catch (err) {
        // A writer may have deleted the generation between our reading CURRENT and opening it
        // (stat sees ENOENT, or SQLite's open finds no file: SQLITE_CANTOPEN).
        const code = (err as { code?: unknown }).code;
        if ((code === 'ENOENT' || code === 'SQLITE_CANTOPEN') && attempt < 2) continue;
        this.drop();
        if (err instanceof EngineError) throw err;
        throw new EngineUnavailableError(`cannot read the index in ${this.store.dir}: ${String(err)}`, { cause: err });
      }
    }
  }

  private checkedSnapshot(): Snapshot {
    const current = this.store.readCurrent();
    if (!current) {
      this.drop();
      throw new IndexNotFoundError(`no index in ${this.store.dir} (nothing was committed yet)`);
    }
    const identities = [current.file, current.dataFile].map((file) => {
      const st = statSync(file);
      if ((st.mode & 0o444) === 0) throw new EngineUnavailableError(`${file} is not readable (mode ${(st.mode & 0o777).toString(8)})`);
      return `${st.ino}:${st.mtimeMs}:${st.size}`;
    });
    const signature = identities.join(';');
    const o = this.open;
    if (o && o.generation === current.generation && o.signature === signature) {
      o.snap.probe();
      return o.snap;
    }
    const snap = Snapshot.open(
      current.file,
      current.dataFile,
      { postingsBytes: this.options.postingsCacheBytes, derivedBytes: this.options.wordSetCacheBytes },
      { busyTimeoutMs: this.options.busyTimeoutMs, mmapBytes: this.options.docsMmapBytes },
      { loader: this.loader, postings: this.options.residentPostings, identity: identities[1] },
    );
    this.drop();
    this.open = { generation: current.generation, file: current.file, dataFile: current.dataFile, signature, snap };
    return snap;
  }

  /** Runs a read; SQLite failures mid-read (locked, damaged) become EngineUnavailableError. */
  private read<T>(fn: (snap: Snapshot) => T): T {
    const snap = this.snapshot();
    // Reads run one at a time to completion: none holds a word set the cache dropped before this one.
    snap.sets.reclaim();
    try {
      return fn(snap);
    } catch (err) {
      if (err instanceof EngineError) throw err;
      if (err instanceof Error && err.name === 'SqliteError') {
        this.drop();
        throw new EngineUnavailableError(`reading the index failed: ${err.message}`, { cause: err });
      }
      throw err;
    }
  }

  async search(req: Parameters<Engine['search']>[0]) {
    if (req.signal?.aborted) throw new EngineAbortedError();
    return this.read((snap) => search(snap, req, this.options));
  }

  async searchFacetValues(req: Parameters<Engine['searchFacetValues']>[0]) {
    if (req.signal?.aborted) throw new EngineAbortedError();
    return this.read((snap) => searchFacetValues(snap, req));
  }

  async completeWord(prefix: string, limit: number, signal?: AbortSignal) {
    if (signal?.aborted) throw new EngineAbortedError();
    return this.read((snap) => completeWord(snap, prefix, limit));
  }

  async getArticlePassages(articleId: string) {
    return this.read((snap) => snap.articlePassages(articleId));
  }

  async beginWrite(mode: WriteMode): Promise<IndexWriter> {
    if (this.closed) throw new EngineUnavailableError('the embedded engine was closed');
    const build: BuildOptions = {
      prefixMaxLength: this.options.prefixMaxLength,
      prefixMinTerms: this.options.prefixMinTerms,
      bitmapTermShare: this.options.bitmapTermShare,
    };
    return GenerationWriter.open(this.store, mode, build);
  }

  async stats(): Promise<EngineStats> {
    return this.read((snap) => ({
      passages: snap.n,
      articles: snap.articles,
      sizeBytes: this.open ? (this.store.fileSize(this.open.file) ?? 0) + (this.store.fileSize(this.open.dataFile) ?? 0) : null,
      // A later no-op commit confirmed this generation as up to date with its inputs.
      updatedAt: Math.max(snap.updatedAt, this.store.confirmedAt() ?? 0),
    }));
  }

  /**
   * Resolves when the current generation's background reads (token streams, the resident postings
   * region, then the word-set arena's pages and the date blocks) are done; true when everything asked for is in memory. For benchmarks and tests that
   * measure the steady state: queries are served from the file meanwhile.
   */
  async backgroundLoads(): Promise<boolean> {
    const snap = this.snapshot();
    const [toks, postings] = await Promise.all([snap.toksLoaded, snap.postingsLoaded, snap.prepared]);
    return toks && (postings || !this.options.residentPostings);
  }

  async ready(): Promise<Readiness> {
    try {
      this.snapshot();
      return { ready: true };
    } catch (err) {
      return { ready: false, reason: err instanceof Error ? err.message : String(err) };
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    this.drop();
  }
}

/** `loader`: where snapshots get their in-memory regions; worker threads pass one that asks the pool. */
export function createEmbeddedEngine(options: EmbeddedEngineOptions, loader?: ResidentLoader): Engine {
  const resolved = resolveOptions(options);
  if (resolved.threads === 0) return new EmbeddedEngine(resolved, loader);
  const inThread: ResolvedOptions = { ...resolved, threads: 0 };
  return new ThreadedEmbeddedEngine(
    { threads: resolved.threads, queryTimeoutMs: resolved.queryTimeoutMs, engineOptions: inThread },
    () => new EmbeddedEngine(inThread),
  );
}
