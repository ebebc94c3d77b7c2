/**
 * In-process query classes of two checkouts, alternating, each run in a fresh process:
 *   git worktree add /tmp/base <commit> && ln -s "$PWD/node_modules" /tmp/base/node_modules
 *   npx tsx bench/classes-ab.ts --base /tmp/base [--size 1m] [--classes typing,typingFacets] [--rounds 3]
 * Each run opens the index the bench built (bench/.work/<size>/index-docs), waits for the
 * engine's background reads, warms up as `npm run bench` does, then times each class's queries
 * one at a time; it also counts V8's full (mark-compact) GCs. The machine's speed drifts between
 * runs by more than most changes, so the two checkouts take turns, and the table lists every run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { PerformanceObserver, constants, type PerformanceEntry } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Command, Option } from 'commander';
import { SIZES, type SizeName } from './corpus.js';
import { timeSequential } from './measure.js';
import { QUERY_CLASSES, type QueryClass } from './targets/types.js';

const here = resolve(fileURLToPath(new URL('..', import.meta.url)));
const opts = new Command('classes-ab')
  .requiredOption('--base <dir>', 'checkout of the commit to compare against')
  .addOption(new Option('--size <size>', 'index to query').choices(Object.keys(SIZES)).default('1m'))
  .option('--classes <list>', `comma-separated subset of ${QUERY_CLASSES.join(',')}`, 'typing,typingFacets')
  .option('--rounds <n>', 'runs of each checkout', (v) => Number(v), 3)
  .option('--child <root>', 'one run, with the engine and bench modules of this checkout (used by the alternating runs)')
  .parse(process.argv)
  .opts<{ base: string; size: SizeName; classes: string; rounds: number; child?: string }>();

const classes = opts.classes.split(',') as QueryClass[];
const bad = classes.filter((c) => !(QUERY_CLASSES as readonly string[]).includes(c));
if (bad.length > 0 || !Number.isInteger(opts.rounds) || opts.rounds < 1) {
  process.stderr.write(`classes-ab: unknown class ${bad.join(', ') || '(none)'} or --rounds not an integer >= 1\n`);
  process.exit(2);
}
const workDir = join(here, 'bench/.work', opts.size);
if (!existsSync(join(workDir, 'index-docs')) || !existsSync(join(workDir, 'queries.json'))) {
  process.stderr.write(`classes-ab: no ${opts.size} index and queries in ${workDir}; run \`npm run bench -- --size ${opts.size} --only index\` first\n`);
  process.exit(2);
}

interface RunStats {
  p50: number;
  p99: number;
  mean: number;
  max: number;
}
interface RunResult {
  classes: Record<string, RunStats>;
  fullGcs: number;
}

async function child(root: string): Promise<RunResult> {
  const mod = async <T>(path: string): Promise<T> => (await import(pathToFileURL(join(root, path)).href)) as T;
  const { warmPageCache } = await mod<typeof import('./page-cache.js')>('bench/page-cache.ts');
  const { openOurs, oursRunner, backgroundLoads } = await mod<typeof import('./ours.js')>('bench/ours.ts');
  const { inputsFor, warmUp } = await mod<typeof import('./classes.js')>('bench/classes.ts');
  const { loadQuerySet } = await mod<typeof import('./queries.js')>('bench/queries.ts');
  let fullGcs = 0;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if ((e as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) fullGcs++;
  }).observe({ entryTypes: ['gc'] });
  const indexDir = join(workDir, 'index-docs');
  warmPageCache([indexDir]);
  const qs = loadQuerySet(workDir);
  const engine = await openOurs(indexDir);
  const runner = oursRunner(engine);
  await runner.keyword?.('warm');
  await backgroundLoads(engine, () => {});
  await warmUp(qs.warmup, (q) => runner.keyword?.(q), (q) => runner.typingFacets?.({ q: `${q} `, letters: 0 }));
  const out: Record<string, RunStats> = {};
  for (const cls of classes) {
    const fn = runner[cls] as (x: unknown) => Promise<number>;
    const { p50, p99, mean, max } = await timeSequential(inputsFor(cls, qs), fn.bind(runner), 600_000);
    out[cls] = { p50, p99, mean, max };
  }
  await engine.close();
  // Entries reach the observer after the GC: let the last ones arrive.
  await new Promise((r) => setTimeout(r, 50));
  return { classes: out, fullGcs };
}

if (opts.child) {
  process.stdout.write(`${JSON.stringify(await child(opts.child))}\n`);
} else {
  const roots = { base: resolve(opts.base), this: here };
  const rows: string[] = [];
  for (let round = 1; round <= opts.rounds; round++) {
    for (const [name, root] of Object.entries(roots)) {
      const out = execFileSync('npx', ['tsx', fileURLToPath(import.meta.url), '--base', opts.base, '--size', opts.size, '--classes', opts.classes, '--child', root], {
        cwd: here,
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const r = JSON.parse(out.trim().split('\n').pop()!) as RunResult;
      const cells = classes.map((c) => `${r.classes[c].p50.toFixed(2)} / ${r.classes[c].p99.toFixed(2)} / ${r.classes[c].mean.toFixed(2)}`);
      rows.push(`| ${round} | ${name} | ${cells.join(' | ')} | ${r.fullGcs} |`);
      process.stderr.write(`${rows[rows.length - 1]}\n`);
    }
  }
  const header = `| round | checkout | ${classes.map((c) => `${c} p50 / p99 / mean ms`).join(' | ')} | full GCs |`;
  process.stdout.write([header, `|${'---|'.repeat(classes.length + 3)}`, ...rows].join('\n') + '\n');
}
