/**
 * Index freshness for `npm start`: index the inputs before serving when the index is missing
 * or older than any input (file or directory mtime; a deleted file changes its directory's).
 */
import { createEngine } from '../engine/index.js';
import { IndexNotFoundError } from '../engine/errors.js';
import type { Engine } from '../engine/types.js';
import { newestInputMtime } from './load/index.js';
import { runIndex, type RunSummary, type Tagger } from './run.js';

export interface FreshnessOptions {
  dataDir: string;
  indexName: string;
  /** Files or directories the index is built from (e.g. ['seeds']). */
  inputs: readonly string[];
  /** An engine already open on that index; otherwise one is opened (embedded) and closed again. */
  engine?: Engine;
}

export interface FreshnessVerdict {
  needed: boolean;
  reason: 'missing' | 'stale' | 'fresh';
  /** Unix ms of the index's last commit, null when missing or unknown. */
  indexUpdatedAt: number | null;
  /** Unix ms of the newest input. */
  newestInputAt: number;
}

async function withEngine<T>(options: FreshnessOptions, fn: (engine: Engine) => Promise<T>): Promise<T> {
  if (options.engine) return fn(options.engine);
  const engine = await createEngine({ kind: 'embedded', dataDir: options.dataDir, indexName: options.indexName });
  try {
    return await fn(engine);
  } finally {
    await engine.close();
  }
}

export async function checkFreshness(options: FreshnessOptions): Promise<FreshnessVerdict> {
  const newestInputAt = await newestInputMtime(options.inputs);
  return withEngine(options, async (engine) => {
    let updatedAt: number | null;
    try {
      const stats = await engine.stats();
      updatedAt = stats.updatedAt;
    } catch (err) {
      if (err instanceof IndexNotFoundError) return { needed: true, reason: 'missing', indexUpdatedAt: null, newestInputAt };
      throw err;
    }
    // An index that cannot say when it was written is treated as stale: re-indexing is idempotent.
    const stale = updatedAt === null || newestInputAt > updatedAt;
    return { needed: stale, reason: stale ? 'stale' : 'fresh', indexUpdatedAt: updatedAt, newestInputAt };
  });
}

/** True when the index is missing or older than any input. */
export async function needsIndex(options: FreshnessOptions): Promise<boolean> {
  return (await checkFreshness(options)).needed;
}

export interface EnsureIndexedOptions extends FreshnessOptions {
  tagger?: Tagger;
}

export interface EnsureIndexedResult {
  verdict: FreshnessVerdict;
  /** Present when a run happened. Its `rejected` lists inputs that did not go in (worth a warning). */
  summary: RunSummary | null;
}

/**
 * Indexes the inputs when needed: a fresh build (atomic replace) when the index is missing,
 * else an incremental run with prune, so the index mirrors the inputs. Throws when the run
 * fails (the previous index, if any, is untouched).
 */
export async function ensureIndexed(options: EnsureIndexedOptions): Promise<EnsureIndexedResult> {
  return withEngine(options, async (engine) => {
    const verdict = await checkFreshness({ ...options, engine });
    if (!verdict.needed) return { verdict, summary: null };
    const summary = await runIndex({
      paths: options.inputs,
      engine,
      mode: verdict.reason === 'missing' ? 'replace' : 'incremental',
      prune: true,
      tagger: options.tagger,
    });
    return { verdict, summary };
  });
}
