/**
 * Latency bookkeeping shared by the in-process and HTTP measurements: sequential timing of one query
 * class under a time budget (a peer that takes seconds per query must not hold the run hostage),
 * and percentile summaries.
 */
import { performance } from 'node:perf_hooks';

export interface LatencyStats {
  /** Queries timed. */
  n: number;
  /** Queries the class had (n < planned when the budget ran out). */
  planned: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  max: number;
  /** Mean hits per query (sanity: an engine returning nothing is not fast, it is broken). */
  hitsMean: number;
  errors: number;
  firstError?: string;
  budgetHit: boolean;
}

export interface Unsupported {
  unsupported: string;
}

export type ClassOutcome = LatencyStats | Unsupported;

export function isUnsupported(o: ClassOutcome | undefined): o is Unsupported {
  return o !== undefined && 'unsupported' in o;
}

/** Nearest-rank percentile of an ascending array. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export function summarize(times: number[], planned: number, hits: number, errors: number, budgetHit: boolean, firstError?: string): LatencyStats {
  const sorted = [...times].sort((a, b) => a - b);
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  return {
    n: sorted.length,
    planned,
    p50: round(percentile(sorted, 50)),
    p95: round(percentile(sorted, 95)),
    p99: round(percentile(sorted, 99)),
    mean: round(sorted.reduce((a, b) => a + b, 0) / Math.max(1, sorted.length)),
    max: round(sorted[sorted.length - 1] ?? NaN),
    hitsMean: round(hits / Math.max(1, sorted.length)),
    errors,
    ...(firstError ? { firstError } : {}),
    budgetHit,
  };
}

/**
 * Runs `fn` over `inputs` one at a time (a user waits for each answer), stopping when `budgetMs` is
 * spent. Errors are counted, not thrown: a failing class is a result too.
 */
export async function timeSequential<T>(inputs: readonly T[], fn: (input: T) => Promise<number> | number, budgetMs: number): Promise<LatencyStats & { perInput: number[] }> {
  const times: number[] = [];
  let hits = 0;
  let errors = 0;
  let firstError: string | undefined;
  const deadline = performance.now() + budgetMs;
  let budgetHit = false;
  for (const input of inputs) {
    if (performance.now() > deadline) {
      budgetHit = true;
      break;
    }
    const t0 = performance.now();
    try {
      hits += await fn(input);
      times.push(performance.now() - t0);
    } catch (e) {
      errors++;
      firstError ??= e instanceof Error ? e.message : String(e);
      times.push(performance.now() - t0);
    }
  }
  return { ...summarize(times, inputs.length, hits, errors, budgetHit, firstError), perInput: times };
}

/** Peak resident set of this process so far, in MB. */
export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

export interface BuildResult {
  passages: number;
  seconds: number;
  passagesPerSec: number;
  mbPerSec: number;
  peakRssMb: number;
  heapUsedMb: number;
  sizeBytes: number | null;
}

/** Indexing figures of this process: rates over `seconds`, peak RSS so far. */
export function buildStats(passages: number, seconds: number, inputBytes: number, sizeBytes: number | null): BuildResult {
  return {
    passages,
    seconds: Math.round(seconds * 10) / 10,
    passagesPerSec: Math.round(passages / seconds),
    mbPerSec: Math.round((inputBytes / 1e6 / seconds) * 100) / 100,
    peakRssMb: peakRssMb(),
    heapUsedMb: Math.round(process.memoryUsage().heapUsed / 1e6),
    sizeBytes,
  };
}
