/**
 * Tagging on worker threads. Tagging is the indexer's CPU cost (about three quarters of a run);
 * the main thread only loads, builds documents and writes, so N workers tag N articles at once.
 * Needs a runtime that can load TypeScript in workers (tsx, or compiled JS); callers fall back
 * to the in-process tagger when the pool cannot start.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { LearnedRoleReport, TaggerOptions } from './tagging/tagger.js';
import type { TaggedArticle, TagInput, TagResult } from './tagging/types.js';
import type { Tagger } from './run.js';
import type { WorkerCall, WorkerReply, WorkerRequest } from './tag-worker.js';

export interface TaggerPoolOptions {
  /** Worker threads; default: the machine's available parallelism. */
  workers?: number;
  taggerOptions?: Partial<TaggerOptions>;
  /** How long a worker may take to load its tagger. */
  startTimeoutMs?: number;
}

export const POOL_DEFAULTS = { startTimeoutMs: 60_000 } as const;

export interface TaggerPool extends Tagger {
  readonly concurrency: number;
  tag(input: TagInput): Promise<TagResult>;
  tagDetailed(input: TagInput): Promise<TaggedArticle>;
  learned(): Promise<LearnedRoleReport[]>;
  /**
   * Stops the workers, keeping what they learned: the run calls it before its final build, the
   * peak of its memory. A later call starts them again.
   */
  release(): Promise<void>;
  close(): Promise<void>;
}

interface Slot {
  worker: Worker;
  pending: Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>;
  /** Stopped on purpose (release), so its exit is not a failure. */
  retired: boolean;
}

const runningTypeScript = import.meta.url.endsWith('.ts');
const workerUrl = new URL(`./tag-worker${runningTypeScript ? '.ts' : '.js'}`, import.meta.url);

/**
 * Worker threads do not inherit tsx's module hooks, so under TypeScript the worker starts from a
 * small bootstrap that registers tsx first. Compiled JavaScript starts the worker file directly.
 */
function spawnWorker(workerData: unknown): Worker {
  if (!runningTypeScript) return new Worker(workerUrl, { workerData });
  // Resolved here, not in the worker: an eval'd worker resolves bare names from the cwd.
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

export async function createTaggerPool(options: TaggerPoolOptions = {}): Promise<TaggerPool> {
  const size = options.workers ?? availableParallelism();
  const startTimeoutMs = options.startTimeoutMs ?? POOL_DEFAULTS.startTimeoutMs;
  if (!Number.isInteger(size) || size <= 0) throw new Error(`Indexer: option "workers" must be a positive integer, got ${size}`);
  if (!(startTimeoutMs > 0)) throw new Error(`Indexer: option "startTimeoutMs" must be > 0, got ${startTimeoutMs}`);

  let slots: Slot[] = [];
  /** Starting the workers again after release(), once for all callers. */
  let restarting: Promise<void> | null = null;
  /** What released workers had learned. */
  const carried: LearnedRoleReport[] = [];
  let seq = 0;
  let closed = false;
  const start = (): Promise<Slot> =>
    new Promise((resolve, reject) => {
      const worker = spawnWorker({ options: options.taggerOptions ?? {} });
      const slot: Slot = { worker, pending: new Map(), retired: false };
      const timer = setTimeout(() => {
        reject(new Error(`a tagging worker did not start within ${startTimeoutMs} ms`));
        slot.retired = true;
        void worker.terminate();
      }, startTimeoutMs);
      worker.on('message', (m: WorkerReply) => {
        if (m.type === 'ready') {
          clearTimeout(timer);
          resolve(slot);
          return;
        }
        const waiter = slot.pending.get(m.seq);
        slot.pending.delete(m.seq);
        if (m.type === 'result') waiter?.resolve(m.result);
        else waiter?.reject(new Error(m.message));
      });
      const fail = (err: Error) => {
        clearTimeout(timer);
        reject(err);
        for (const w of slot.pending.values()) w.reject(err);
        slot.pending.clear();
      };
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (!closed && !slot.retired) fail(new Error(`a tagging worker exited (code ${code})`));
      });
    });

  const startAll = async (): Promise<void> => {
    const started = await Promise.allSettled(Array.from({ length: size }, start));
    const failed = started.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    const ok = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    // The ones that did start would keep the process alive: when another failed, or the pool was
    // closed while they started (after a release).
    if (failed || closed) {
      await Promise.all(ok.map((s) => ((s.retired = true), s.worker.terminate())));
      throw failed ? failed.reason : new Error('the tagger pool is closed');
    }
    slots = ok;
  };
  try {
    await startAll();
  } catch (err) {
    closed = true;
    throw err;
  }

  const request = <T>(slot: Slot, message: WorkerCall): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      const id = seq++;
      slot.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      slot.worker.postMessage({ ...message, seq: id } as WorkerRequest);
    });

  const send = async <T>(message: WorkerCall): Promise<T> => {
    if (closed) throw new Error('the tagger pool is closed');
    if (slots.length === 0) {
      restarting ??= startAll().finally(() => (restarting = null));
      await restarting;
    }
    // The least busy worker: articles differ in length, so round-robin would queue behind long ones.
    const slot = slots.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    return request<T>(slot, message);
  };

  const merge = (into: Map<string, LearnedRoleReport>, reports: LearnedRoleReport[]): void => {
    for (const l of reports) {
      const key = `${l.name}\u0000${l.title}`;
      const seen = into.get(key);
      if (seen) seen.articles += l.articles;
      else into.set(key, { ...l });
    }
  };

  return {
    concurrency: size,
    tag: (input) => send<TagResult>({ type: 'tag', input }),
    tagDetailed: (input) => send<TaggedArticle>({ type: 'tagDetailed', input }),
    async learned() {
      const merged = new Map<string, LearnedRoleReport>();
      merge(merged, carried);
      for (const slot of slots) merge(merged, await request<LearnedRoleReport[]>(slot, { type: 'learned' }));
      return [...merged.values()];
    },
    async release() {
      if (closed || slots.length === 0) return;
      if (slots.some((s) => s.pending.size > 0)) throw new Error('the tagger pool cannot release its workers while articles are being tagged');
      const retiring = slots;
      slots = [];
      for (const slot of retiring) carried.push(...(await request<LearnedRoleReport[]>(slot, { type: 'learned' })));
      await Promise.all(retiring.map((s) => ((s.retired = true), s.worker.terminate())));
    },
    async close() {
      if (closed) return;
      closed = true;
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
