/**
 * Raw results per size in bench/results/<size>.json (small, committed), merged section by section so
 * a partial run (`--only peers`) never erases what other runs measured. RESULTS.md is rendered from
 * all of them (bench/report.ts).
 */
import { execFileSync } from 'node:child_process';
import { cpus, totalmem, loadavg, release } from 'node:os';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CorpusManifest } from './gen/generate.js';
import type { ClassResults } from './classes.js';
import type { Throughput } from './http/client.js';
import type { OpenColdResult, OursIndexResult, OursQueryResult } from './ours.js';
import type { PeerResult } from './peers.js';
import type { SizeName } from './corpus.js';

export const RESULTS_DIR = fileURLToPath(new URL('./results/', import.meta.url));
export const RESULTS_MD = fileURLToPath(new URL('./RESULTS.md', import.meta.url));

/** The raw indexing section's label: its stamp says which machine (and how many cores) it ran on. */
export const RAW_SECTION = 'ours: index raw articles with tagging';

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryGb: number;
  node: string;
  os: string;
  /** 1-minute load average when the run started: other work on the machine skews every number. */
  loadAvg1: number;
}

export interface RunStamp {
  at: string;
  commit: string;
  machine: Machine;
}

/** A measurement that did not complete: why, and how far it got. */
export interface NotFinished {
  notFinished: string;
  progress?: number | null;
  /** Wall time until it was stopped: with `progress`, the rate it was going at. */
  elapsedS?: number;
}

export type Maybe<T> = T | NotFinished;

export function finished<T>(m: Maybe<T> | undefined): m is T {
  return m !== undefined && !(m as NotFinished).notFinished;
}

export interface SizeResults {
  size: SizeName;
  corpus?: CorpusManifest;
  /** When each section was last measured (sections may come from different runs). */
  stamps: Record<string, RunStamp>;
  ours: {
    indexRaw?: Maybe<OursIndexResult>;
    indexDocs?: Maybe<OursIndexResult>;
    openCold?: Maybe<OpenColdResult>;
    inProcess?: Maybe<OursQueryResult>;
    http?: Maybe<ClassResults>;
    throughput?: Maybe<Throughput>;
    ceiling?: Maybe<Throughput>;
    /** The ceiling's route answering with our recorded /search mix bodies (no engine): the best any engine could do. */
    replayCeiling?: Maybe<Throughput & { meanBodyBytes: number }>;
    /** Our app's /health: the middleware stack alone, no engine call. */
    healthThroughput?: Maybe<Throughput>;
    serverRssMb?: { start: number; end: number };
    /** Worker threads serving the server's engine reads (ENGINE_THREADS; 0 = the main thread). */
    serverThreads?: number;
  };
  peers: Record<string, Maybe<PeerResult>>;
}

export function machine(): Machine {
  let cpuModel = cpus()[0]?.model ?? 'unknown';
  try {
    const m = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) cpuModel = m[1].trim();
  } catch {
    // Not Linux: os.cpus() already named it.
  }
  return {
    cpuModel,
    cores: cpus().length,
    memoryGb: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${process.platform} ${release()}`,
    loadAvg1: Math.round(loadavg()[0] * 100) / 100,
  };
}

export function gitCommit(): string {
  // A run of a committed snapshot (--committed) measured exactly that commit.
  if (process.env.BENCH_COMMIT) return process.env.BENCH_COMMIT;
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'engine', 'indexer', 'server'], { encoding: 'utf8' }).trim();
    return dirty ? `${head} (+ uncommitted changes in engine/indexer/server)` : head;
  } catch {
    return 'unknown';
  }
}

export function stamp(): RunStamp {
  return { at: new Date().toISOString(), commit: gitCommit(), machine: machine() };
}

function pathFor(size: SizeName): string {
  return join(RESULTS_DIR, `${size}.json`);
}

export function loadResults(size: SizeName): SizeResults {
  const p = pathFor(size);
  if (existsSync(p)) return JSON.parse(readFileSync(p, 'utf8')) as SizeResults;
  return { size, stamps: {}, ours: {}, peers: {} };
}

export function saveResults(r: SizeResults): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  writeFileSync(pathFor(r.size), JSON.stringify(r, null, 1) + '\n');
}

export function allResults(sizes: readonly SizeName[]): SizeResults[] {
  return sizes.filter((s) => existsSync(pathFor(s))).map(loadResults);
}
