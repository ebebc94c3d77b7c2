/**
 * The indexer CLI: `npm run index -- [options] [paths…]` (default path: seeds/).
 *
 * Reads .txt/.md (optional `date YYYY-MM-DD` first line or YAML front matter), .json (a record
 * or an array of records) and .ndjson/.jsonl (one record per line); directories are walked.
 * stderr: progress (about once a second) and one line per rejected input, `path[:line]: reason`.
 * stdout: the JSON summary (see RunSummary in indexer/run.ts).
 *
 * Exit codes:
 *   0  every input was indexed and committed.
 *   2  some inputs were rejected (listed on stderr and in the summary's "rejected"); all the
 *      others were indexed and committed.
 *   1  fatal: bad option, engine unavailable, no indexable article, write failure or
 *      interrupted (SIGINT/SIGTERM). Nothing was committed: the index that was serving is
 *      unchanged. The message is on stderr (with a stack trace when DEBUG is set).
 *
 * Environment (options win): ENGINE (embedded|meilisearch, default embedded), DATA_DIR
 * (default ./data), MEILI_INDEX (index name, default passages, also for the embedded engine),
 * MEILI_URL (default http://localhost:7700), MEILI_ADMIN_KEY (never on the command line: `ps`
 * would show it), DEBUG.
 */
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command, InvalidArgumentError, Option } from 'commander';
import { createEngine, type EngineConfig } from '../engine/index.js';
import type { Engine } from '../engine/types.js';
import { DEFAULT_MAX_FILE_BYTES, walkInputs } from './load/index.js';
import { createTaggerPool, type TaggerPool } from './tag-pool.js';
import { RUN_DEFAULTS, runIndex, type RunProgress } from './run.js';

export const EXIT = { ok: 0, fatal: 1, rejected: 2 } as const;
export const DEFAULT_PATHS = ['seeds/'];
export const DEFAULT_INDEX_NAME = 'passages';
/**
 * Worker threads cost a few seconds to start (each loads and compiles the tagger): measured on this
 * 2-core machine, 1,500 articles (4.8 MB) took 18 s in-process and 32 s on two workers (load ~8).
 * Only inputs above ~16 MB (~40k passages, half a minute of tagging) use them by default; that they
 * pay there assumes idle cores, which this shared machine did not have when measured.
 */
export const AUTO_WORKERS_MIN_MB = 16;

interface CliOptions {
  full?: boolean;
  prune?: boolean;
  dataDir: string;
  engine: 'embedded' | 'meilisearch';
  index: string;
  meiliUrl: string;
  maxFileMb: number;
  batch: number;
  workers?: number;
  progress: boolean;
}

const nonNegativeInt = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${name} must be an integer >= 0, got "${value}"`);
  return n;
};

const positiveInt = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError(`${name} must be a positive integer, got "${value}"`);
  return n;
};

export function buildProgram(env: NodeJS.ProcessEnv = process.env): Command {
  return new Command('index')
    .description('Index news articles (text, Markdown, JSON, NDJSON) into the search engine.')
    .argument('[paths...]', 'files or directories to index', DEFAULT_PATHS)
    .option('--full', 'rebuild the index from these inputs only (atomic replace)')
    .option('--prune', 'delete indexed articles that are not in these inputs (incremental runs)')
    .option('--data-dir <dir>', 'embedded engine data directory', env.DATA_DIR || './data')
    .addOption(new Option('--engine <kind>', 'search engine').choices(['embedded', 'meilisearch']).default(env.ENGINE || 'embedded'))
    .option('--index <name>', 'index name', env.MEILI_INDEX || DEFAULT_INDEX_NAME)
    .option('--meili-url <url>', 'Meilisearch URL', env.MEILI_URL || 'http://localhost:7700')
    .option('--max-file-mb <n>', 'reject files larger than this (MB); NDJSON: per line', positiveInt('--max-file-mb'), DEFAULT_MAX_FILE_BYTES / (1024 * 1024))
    .option('--batch <n>', 'passages per engine write', positiveInt('--batch'), RUN_DEFAULTS.batchPassages)
    .option('--workers <n>', `tagging worker threads; 0 tags in-process (default: ${availableParallelism()} when the inputs exceed ${AUTO_WORKERS_MIN_MB} MB, else 0)`, nonNegativeInt('--workers'))
    .option('--no-progress', 'no progress lines on stderr')
    .showHelpAfterError();
}

function engineConfig(opts: CliOptions, env: NodeJS.ProcessEnv): EngineConfig {
  if (opts.engine === 'meilisearch') {
    return { kind: 'meilisearch', url: opts.meiliUrl, apiKey: env.MEILI_ADMIN_KEY || undefined, indexName: opts.index, timeoutMs: 60_000 };
  }
  return { kind: 'embedded', dataDir: opts.dataDir, indexName: opts.index };
}

function progressLine(p: RunProgress): string {
  const rate = Math.round(p.passages / Math.max(p.elapsedMs / 1000, 1e-3));
  return `indexing: ${p.articles} articles, ${p.passages} passages, ${p.rejected} rejected (${rate} passages/s)`;
}

/** Runs the CLI and returns the exit code (the caller exits), so tests can drive it in-process too. */
export async function main(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const program = buildProgram(env);
  program.exitOverride();
  try {
    program.parse(argv);
  } catch (err) {
    // Commander already printed the message; --help and --version are not errors.
    const code = (err as { exitCode?: number }).exitCode;
    return code === 0 ? EXIT.ok : EXIT.fatal;
  }
  const opts = program.opts<CliOptions>();
  const paths = program.processedArgs[0] as string[];

  const controller = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(EXIT.fatal);
    process.stderr.write(`indexer: ${signal} received, aborting (the serving index is unchanged)\n`);
    controller.abort(new Error(signal));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  let engine: Engine | null = null;
  let pool: TaggerPool | null = null;
  try {
    engine = await createEngine(engineConfig(opts, env));
    pool = await startPool(opts.workers ?? (await autoWorkers(paths)));
    const summary = await runIndex({
      paths,
      engine,
      tagger: pool ?? undefined,
      mode: opts.full ? 'replace' : undefined,
      prune: opts.prune ?? false,
      batchPassages: opts.batch,
      maxFileBytes: opts.maxFileMb * 1024 * 1024,
      signal: controller.signal,
      onReject: (r) => process.stderr.write(`${r.origin}: ${r.reason}\n`),
      onProgress: opts.progress ? (p) => process.stderr.write(`${progressLine(p)}\n`) : undefined,
    });
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    return summary.rejected.length > 0 ? EXIT.rejected : EXIT.ok;
  } catch (err) {
    // Option and run errors already say "Indexer: …"; the prefix is printed once.
    const message = (err instanceof Error ? err.message : String(err)).replace(/^Indexer: /, '');
    process.stderr.write(`indexer: ${message}\n`);
    if (env.DEBUG && err instanceof Error && err.stack) process.stderr.write(`${err.stack}\n`);
    return EXIT.fatal;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await pool?.close().catch(() => undefined);
    await engine?.close().catch(() => undefined);
  }
}

async function autoWorkers(paths: readonly string[]): Promise<number> {
  const { files } = await walkInputs(paths);
  const bytes = files.reduce((sum, f) => sum + f.sizeBytes, 0);
  return bytes > AUTO_WORKERS_MIN_MB * 1024 * 1024 ? availableParallelism() : 0;
}

/** A pool of tagging workers, or null for in-process tagging (asked for, or the pool cannot start). */
async function startPool(workers: number): Promise<TaggerPool | null> {
  if (workers === 0) return null;
  try {
    return await createTaggerPool({ workers });
  } catch (err) {
    process.stderr.write(`indexer: tagging in-process (worker threads unavailable: ${err instanceof Error ? err.message : String(err)})\n`);
    return null;
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  main(process.argv).then((code) => {
    process.exitCode = code;
  });
}
