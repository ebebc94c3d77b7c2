/**
 * Runs a worker task in a child Node process with a time and heap bound. A peer that cannot finish
 * becomes a result ("did not finish within 600 s at 412,000 passages") instead of a hung run.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WorkerTask } from './worker.js';

/** BENCH_CODE_ROOT (set by `--committed`) points workers at a snapshot of the committed code. */
const worker = (): string =>
  process.env.BENCH_CODE_ROOT ? join(process.env.BENCH_CODE_ROOT, 'bench', 'worker.ts') : fileURLToPath(new URL('./worker.ts', import.meta.url));

export interface SpawnLimits {
  timeoutMs: number;
  /** When the worker reports `phase queries` (build done), the clock restarts with this bound. */
  queryTimeoutMs?: number;
  maxOldSpaceMb: number;
  /** Directory for a V8 CPU profile of the child (node --cpu-prof). */
  cpuProfDir?: string;
}

export type WorkerOutcome<T> =
  | { ok: true; result: T; wallMs: number }
  | { ok: false; reason: string; progress: number | null; wallMs: number; phase: string };

function nodeArgs(task: WorkerTask, limits: SpawnLimits): string[] {
  const flags = ['--import', 'tsx', `--max-old-space-size=${limits.maxOldSpaceMb}`];
  if (limits.cpuProfDir) flags.push('--cpu-prof', `--cpu-prof-dir=${limits.cpuProfDir}`);
  return [...flags, worker(), JSON.stringify(task)];
}

export function startWorker(task: WorkerTask, limits: SpawnLimits, onLine: (line: string) => void): ChildProcess {
  const child = spawn(process.execPath, nodeArgs(task, limits), {
    cwd: process.env.BENCH_CODE_ROOT ?? process.cwd(), stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' } });
  let rest = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    const lines = (rest + chunk.toString()).split('\n');
    rest = lines.pop() ?? '';
    lines.forEach(onLine);
  });
  return child;
}

export async function runWorker<T>(task: WorkerTask, limits: SpawnLimits, log: (m: string) => void): Promise<WorkerOutcome<T>> {
  for (const f of [task.out, `${task.out}.partial`]) if (existsSync(f)) rmSync(f);
  const t0 = Date.now();
  let progress: number | null = null;
  let phase = 'build';
  let timedOut = false;
  let bound = limits.timeoutMs;
  const arm = (ms: number) =>
    setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, ms);
  const tail: string[] = [];
  const child = startWorker(task, limits, (line) => {
    const m = /^progress (\d+)$/.exec(line);
    if (m) progress = Number(m[1]);
    else if (line === 'phase queries') {
      phase = 'queries';
      if (limits.queryTimeoutMs) {
        clearTimeout(timer);
        bound = limits.queryTimeoutMs;
        timer = arm(bound);
      }
    } else {
      tail.push(line);
      if (tail.length > 20) tail.shift();
      log(`  ${line}`);
    }
  });
  let timer = arm(bound);
  const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
  clearTimeout(timer);
  const wallMs = Date.now() - t0;
  if (code === 0 && existsSync(task.out)) return { ok: true, result: JSON.parse(readFileSync(task.out, 'utf8')) as T, wallMs };
  const oom = tail.some((l) => /heap out of memory|Allocation failed/i.test(l));
  const reason = timedOut
    ? `did not finish ${phase === 'build' ? 'building' : 'querying'} within ${Math.round(bound / 1000)} s`
    : oom
      ? `out of memory (heap limit ${limits.maxOldSpaceMb} MB)`
      : `failed: ${tail.filter((l) => l.trim()).slice(-3).join(' | ').slice(0, 300)}`;
  // Stopped while querying: the classes it finished are results; the report marks the rest.
  if (existsSync(`${task.out}.partial`)) {
    const sofar = JSON.parse(readFileSync(`${task.out}.partial`, 'utf8')) as T;
    return { ok: true, result: { ...sofar, incomplete: reason } as T, wallMs };
  }
  return { ok: false, reason, progress, wallMs, phase };
}
