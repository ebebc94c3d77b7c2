/**
 * The embedded engine with its reads on worker threads. A search costs milliseconds of CPU at a
 * million passages; on the main thread it blocks every other request and caps a server at one
 * core. Here N workers each open the index read-only and serve one read at a time; reads wait in
 * one FIFO queue for the first idle worker. Writes stay on the calling thread (a writer commits a
 * new generation and every worker's next read sees it through CURRENT).
 *
 * Unlike the in-thread engine, a read here can be stopped: an aborted signal rejects at once (the
 * worker's late answer is dropped), and a read still running after `queryTimeoutMs` has its worker
 * terminated and replaced, so one pathological query cannot hold a core for good.
 */
import type { Worker } from 'node:worker_threads';
import { EngineAbortedError, EngineTimeoutError, EngineUnavailableError } from '../../errors.js';
import type { Engine, IndexWriter, Readiness, WriteMode } from '../../types.js';
import { SharedRegions } from '../resident.js';
import { spawnEngineWorker } from './spawn.js';
import { fromWire, type ResidentDelivery, type ReadArgs, type ReadCall, type ReadOp, type ReadResult, type WorkerReply } from './wire.js';

/** More threads than this buys nothing on the machines we run on and multiplies memory (a snapshot and caches each). */
export const MAX_THREADS = 16;

export interface ThreadPoolOptions {
  threads: number;
  /** Milliseconds a worker may spend on one read before it is terminated and replaced; 0: no limit. */
  queryTimeoutMs: number;
  /** Cloned to each worker: the in-thread engine's options. */
  engineOptions: object;
}

interface Job {
  seq: number;
  op: ReadOp;
  args: unknown[];
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
  signal: AbortSignal | undefined;
  onAbort: (() => void) | undefined;
  done: boolean;
}

interface Slot {
  /** Names this worker's claims on shared regions. */
  id: number;
  worker: Worker;
  ready: boolean;
  job: Job | null;
  timer: NodeJS.Timeout | undefined;
  /** Set once the pool stopped listening to this worker (terminated by us, or dead). */
  gone: boolean;
}

const CLOSED = 'the embedded engine was closed';

/** Reads take no signal in the port's getArticlePassages/stats/ready; search-like calls carry it in the request or last. */
function signalOf(op: ReadOp, args: unknown[]): AbortSignal | undefined {
  if (op === 'search' || op === 'searchFacetValues') return (args[0] as { signal?: AbortSignal }).signal;
  if (op === 'completeWord') return args[2] as AbortSignal | undefined;
  return undefined;
}

/** AbortSignal cannot be cloned, and the worker has no use for it. */
function cloneable(op: ReadOp, args: unknown[]): unknown[] {
  if (op === 'search' || op === 'searchFacetValues') {
    const { signal: _signal, ...req } = args[0] as { signal?: AbortSignal };
    return [req];
  }
  if (op === 'completeWord') return args.slice(0, 2);
  return args;
}

export class ThreadedEmbeddedEngine implements Engine {
  readonly kind = 'embedded' as const;
  private readonly slots: (Slot | null)[];
  private readonly queue: Job[] = [];
  private seq = 0;
  private slotIds = 0;
  private closed = false;
  /** Data file regions in memory, one copy for all workers. */
  private readonly regions = new SharedRegions();
  private writerEngine: Engine | null = null;

  constructor(
    private readonly options: ThreadPoolOptions,
    /** The in-thread engine that takes writes, created on the first beginWrite. */
    private readonly createLocal: () => Engine,
  ) {
    this.slots = Array.from({ length: options.threads }, () => this.spawn());
  }

  /** The live worker threads, for diagnostics (memory, thread ids) and tests that kill one. */
  workers(): Worker[] {
    return this.slots.filter((s): s is Slot => s !== null && !s.gone).map((s) => s.worker);
  }

  private spawn(): Slot {
    const slot: Slot = { id: this.slotIds++, worker: spawnEngineWorker(this.options.engineOptions), ready: false, job: null, timer: undefined, gone: false };
    slot.worker.on('message', (m: WorkerReply) => this.onReply(slot, m));
    // 'error' (an uncaught exception in the worker) is followed by 'exit'; the first one reports.
    slot.worker.on('error', (err) => this.onDeath(slot, err.message));
    slot.worker.on('exit', (code) => this.onDeath(slot, `exited with code ${code}`));
    return slot;
  }

  /**
   * Resolves once every worker has opened the index and the regions they asked for are read
   * (EmbeddedEngine.backgroundLoads); true when some region is held.
   */
  async backgroundLoads(): Promise<boolean> {
    const sleep = () => new Promise((resolve) => setTimeout(resolve, 20));
    while (!this.closed && !this.slots.every((s) => s?.ready)) await sleep();
    await this.regions.idle();
    return this.regions.stats().bytes > 0;
  }

  /** Shared regions held and read so far, for diagnostics and tests. */
  residentStats(): { loads: number; regions: number; bytes: number } {
    return this.regions.stats();
  }

  private onReply(slot: Slot, m: WorkerReply): void {
    if (slot.gone) return;
    if (m.type === 'resident-load') {
      this.regions.claim(`${slot.id}:${m.id}`, m.region, (bytes) => {
        if (!slot.gone) slot.worker.postMessage({ type: 'resident', id: m.id, bytes } satisfies ResidentDelivery);
      });
      return;
    }
    if (m.type === 'resident-release') {
      this.regions.release(`${slot.id}:${m.id}`);
      return;
    }
    if (m.type === 'ready') {
      slot.ready = true;
      this.pump();
      return;
    }
    const job = slot.job;
    if (!job || job.seq !== m.seq) return;
    clearTimeout(slot.timer);
    slot.job = null;
    // An aborted job was already answered; its result is dropped here.
    if (m.type === 'result') this.settle(job, () => job.resolve(m.value));
    else this.settle(job, () => job.reject(fromWire(m.error)));
    this.pump();
  }

  private onDeath(slot: Slot, why: string): void {
    if (slot.gone) return;
    const index = this.retire(slot);
    const job = slot.job;
    if (job) this.settle(job, () => job.reject(new EngineUnavailableError(`an embedded engine worker thread died during ${job.op}: ${why}`)));
    if (this.closed) return;
    if (!slot.ready) {
      // It never started (a broken install, an exception at load): respawning at once would loop.
      // With no worker left to serve, fail what waits; the next read tries to start one again.
      if (this.slots.some((s) => s?.ready)) return;
      for (const waiting of this.queue.splice(0)) {
        this.settle(waiting, () => waiting.reject(new EngineUnavailableError(`an embedded engine worker thread failed to start: ${why}`)));
      }
      return;
    }
    this.slots[index] = this.spawn();
    this.pump();
  }

  /** Stops listening to a worker and frees its place; returns that place. */
  private retire(slot: Slot): number {
    slot.gone = true;
    this.regions.releaseAll(`${slot.id}:`);
    clearTimeout(slot.timer);
    const index = this.slots.indexOf(slot);
    this.slots[index] = null;
    return index;
  }

  private onTimeout(slot: Slot, job: Job): void {
    const index = this.retire(slot);
    void slot.worker.terminate();
    this.settle(job, () => job.reject(new EngineTimeoutError(`embedded engine: ${job.op} still running after ${this.options.queryTimeoutMs} ms; its worker thread was replaced`)));
    if (!this.closed) this.slots[index] = this.spawn();
    this.pump();
  }

  private settle(job: Job, answer: () => void): void {
    if (job.done) return;
    job.done = true;
    if (job.onAbort) job.signal?.removeEventListener('abort', job.onAbort);
    answer();
  }

  private pump(): void {
    while (this.queue.length > 0) {
      if (this.queue[0].done) {
        this.queue.shift();
        continue;
      }
      const idle = this.slots.find((s) => s !== null && s.ready && s.job === null);
      if (!idle) {
        // Places left empty by a worker that failed to start get a new try now that work waits.
        for (let i = 0; i < this.slots.length; i++) if (this.slots[i] === null && !this.closed) this.slots[i] = this.spawn();
        return;
      }
      const job = this.queue.shift() as Job;
      try {
        idle.worker.postMessage({ seq: job.seq, op: job.op, args: cloneable(job.op, job.args) } satisfies ReadCall);
      } catch (err) {
        // A request that cannot be cloned (a function or symbol where data belongs) fails alone.
        this.settle(job, () => job.reject(err as Error));
        continue;
      }
      idle.job = job;
      if (this.options.queryTimeoutMs > 0) idle.timer = setTimeout(() => this.onTimeout(idle, job), this.options.queryTimeoutMs);
    }
  }

  private call<Op extends ReadOp>(op: Op, ...args: ReadArgs<Op>): Promise<ReadResult<Op>> {
    if (this.closed) return Promise.reject(new EngineUnavailableError(CLOSED));
    const signal = signalOf(op, args);
    if (signal?.aborted) return Promise.reject(new EngineAbortedError());
    return new Promise<ReadResult<Op>>((resolve, reject) => {
      const job: Job = { seq: this.seq++, op, args, resolve: resolve as (v: unknown) => void, reject, signal, onAbort: undefined, done: false };
      if (signal) {
        job.onAbort = () => this.settle(job, () => job.reject(new EngineAbortedError()));
        signal.addEventListener('abort', job.onAbort, { once: true });
      }
      this.queue.push(job);
      this.pump();
    });
  }

  search(req: Parameters<Engine['search']>[0]) {
    return this.call('search', req);
  }

  searchFacetValues(req: Parameters<Engine['searchFacetValues']>[0]) {
    return this.call('searchFacetValues', req);
  }

  completeWord(prefix: string, limit: number, signal?: AbortSignal) {
    return this.call('completeWord', prefix, limit, signal);
  }

  getArticlePassages(articleId: string) {
    return this.call('getArticlePassages', articleId);
  }

  stats() {
    return this.call('stats');
  }

  async ready(): Promise<Readiness> {
    try {
      return await this.call('ready');
    } catch (err) {
      return { ready: false, reason: err instanceof Error ? err.message : String(err) };
    }
  }

  async beginWrite(mode: WriteMode): Promise<IndexWriter> {
    if (this.closed) throw new EngineUnavailableError(CLOSED);
    this.writerEngine ??= this.createLocal();
    return this.writerEngine.beginWrite(mode);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const waiting = [...this.queue.splice(0), ...this.slots.map((s) => s?.job).filter((j): j is Job => !!j)];
    for (const job of waiting) this.settle(job, () => job.reject(new EngineUnavailableError(CLOSED)));
    const live = this.slots.filter((s): s is Slot => s !== null && !s.gone);
    for (const s of live) this.retire(s);
    await Promise.all(live.map((s) => s.worker.terminate()));
    await this.writerEngine?.close();
  }
}
