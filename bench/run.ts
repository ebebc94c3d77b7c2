/**
 * `npm run bench -- --size 10k|100k|1m [--only …] [--peers …]`: generates the corpus if needed, then
 * measures our engine (indexing, cold open, in-process queries, HTTP latency and throughput against
 * the bare-Express ceiling) and the peers on the same corpus and queries, each in its own bounded
 * process. Results merge into bench/results/<size>.json and bench/RESULTS.md is re-rendered.
 * Progress on stderr; a JSON summary on stdout.
 */
import { Command, Option } from 'commander';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ensureCorpus, parseSize, workDirFor, type SizeName } from './corpus.js';
import { DEFAULT_GENERATE_OPTIONS } from './gen/generate.js';
import { warmPageCache } from './page-cache.js';
import { httpClasses, recordBodies, searchMix, startServer, throughput, type RunningServer } from './http/client.js';
import type { OpenColdResult, OursIndexResult, OursQueryResult } from './ours.js';
import { loadQuerySet } from './queries.js';
import { PEER_NAMES, type PeerName, type PeerResult } from './peers.js';
import { renderResults } from './report.js';
import { loadResults, RAW_SECTION, saveResults, stamp, type Maybe, type SizeResults } from './results-store.js';
import { snapshotCommitted } from './snapshot.js';
import { benchServerThreads } from './http/serve.js';
import { runWorker, type SpawnLimits } from './spawn.js';

/** In the order they run: our raw-article indexing (with tagging, the slowest) after the query work. */
export const SECTIONS = ['corpus', 'index', 'open', 'queries', 'http', 'raw', 'peers'] as const;
type Section = (typeof SECTIONS)[number];

interface Options {
  size: SizeName;
  only: Section[];
  peers: PeerName[];
  seed: number;
  budgetS: number;
  httpDurationS: number;
  connections: number;
  peerTimeoutS: number;
  peerHeapMb: number;
  indexTimeoutS: number;
  rawTimeoutS: number;
  cpuProf?: string;
  committed?: boolean;
}

const log = (m: string): void => void process.stderr.write(`[bench] ${m}\n`);

function list<T extends string>(allowed: readonly T[], name: string) {
  return (v: string): T[] => {
    const items = v.split(',').map((x) => x.trim()).filter(Boolean);
    for (const x of items) if (!allowed.includes(x as T)) throw new Error(`bench: option "${name}" accepts ${allowed.join(', ')}, got ${x}`);
    return items as T[];
  };
}

function positive(name: string) {
  return (v: string): number => {
    const n = Number(v);
    if (!(n > 0)) throw new Error(`bench: option "${name}" must be > 0, got ${v}`);
    return n;
  };
}

function parseArgs(argv: string[]): Options {
  const cmd = new Command('bench')
    .addOption(new Option('--size <size>', '10k, 100k or 1m').default('10k').argParser(parseSize))
    .option('--only <sections>', `comma-separated subset of ${SECTIONS.join(',')}`, list(SECTIONS, '--only'), [...SECTIONS])
    .option('--peers <names>', `comma-separated subset of ${PEER_NAMES.join(',')}`, list(PEER_NAMES, '--peers'), [...PEER_NAMES])
    .option('--seed <n>', 'corpus and query seed', positive('--seed'), DEFAULT_GENERATE_OPTIONS.seed)
    .option('--budget-s <s>', 'time budget per query class and engine', positive('--budget-s'), 30)
    .option('--http-duration-s <s>', 'autocannon duration per throughput run', positive('--http-duration-s'), 10)
    .option('--connections <n>', 'autocannon connections', positive('--connections'), 50)
    .option('--peer-timeout-s <s>', 'a peer still building after this is reported as not finished (querying gets budget × 10 + 120 s)', positive('--peer-timeout-s'), 1200)
    .option('--peer-heap-mb <mb>', 'heap limit of each peer process', positive('--peer-heap-mb'), 16384)
    .option('--index-timeout-s <s>', 'bound on our pre-tagged indexing run', positive('--index-timeout-s'), 3600)
    .option('--raw-timeout-s <s>', 'bound on our raw-article indexing run (reported with its rate when reached)', positive('--raw-timeout-s'), 3600)
    .option('--cpu-prof <dir>', 'write V8 CPU profiles of our worker processes here')
    .option('--committed', 'measure a snapshot of the committed code (git HEAD), not the working tree')
    .exitOverride();
  cmd.parse(argv, { from: 'user' });
  return cmd.opts() as Options;
}

function serverRssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

async function measured<T>(label: string, results: SizeResults, put: (v: Maybe<T>) => void, run: () => Promise<{ ok: true; result: T } | { ok: false; reason: string; progress: number | null; wallMs: number }>): Promise<void> {
  log(`${results.size}: ${label}`);
  const outcome = await run();
  put(outcome.ok ? outcome.result : { notFinished: outcome.reason, progress: outcome.progress, elapsedS: Math.round(outcome.wallMs / 1000) });
  if (outcome.ok && 'requestsPerSec' in (outcome.result as object)) log(`${label}: ${JSON.stringify(outcome.result)}`);
  if (!outcome.ok) log(`${label}: ${outcome.reason}`);
  results.stamps[label] = stamp();
  // A profiled run is slowed by the profiler: its figures are for reading, not for RESULTS.md.
  if (process.env.BENCH_PROFILING) return;
  saveResults(results);
  renderResults();
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  if (o.cpuProf) process.env.BENCH_PROFILING = '1';
  if (o.committed) {
    const snap = snapshotCommitted();
    process.env.BENCH_CODE_ROOT = snap.root;
    process.env.BENCH_COMMIT = snap.commit;
    log(`measuring committed code ${snap.commit} from ${snap.root}`);
  }
  const corpus = await ensureCorpus(o.size, o.seed, log);
  const workDir = workDirFor(o.size);
  const indexDocs = join(workDir, 'index-docs');
  const indexRaw = join(workDir, 'index-raw');
  const results = loadResults(o.size);
  results.corpus = corpus;
  const ourLimits: SpawnLimits = { timeoutMs: o.indexTimeoutS * 1000, maxOldSpaceMb: 4096, cpuProfDir: o.cpuProf };
  const out = (name: string): string => join(workDir, `${name}.result.json`);

  if (o.only.includes('index')) {
    await measured<OursIndexResult>('ours: index pre-tagged passages', results, (v) => (results.ours.indexDocs = v), () =>
      runWorker({ mode: 'ours-index', source: 'docs', workDir, indexDir: indexDocs, out: out('index-docs') }, ourLimits, log));
  }
  if (!existsSync(indexDocs) && o.only.some((s) => s === 'open' || s === 'queries' || s === 'http')) {
    throw new Error(`bench: no index at ${indexDocs}; include "index" in --only`);
  }
  const qs = loadQuerySet(workDir);
  const warm = (what: string, paths: string[]): void => {
    const w = warmPageCache(paths);
    log(`page cache warmed for ${what}: ${Math.round(w.bytes / 1e6)} MB read in ${w.ms} ms`);
  };
  if (o.only.includes('open')) {
    warm('open', [indexDocs]);
    await measured<OpenColdResult>('ours: open cold', results, (v) => (results.ours.openCold = v), () =>
      runWorker({ mode: 'ours-open', indexDir: indexDocs, q: qs.keyword[0], out: out('open') }, { ...ourLimits, timeoutMs: 120_000 }, log));
  }
  if (o.only.includes('queries')) {
    warm('in-process queries', [indexDocs]);
    await measured<OursQueryResult>('ours: in-process queries', results, (v) => (results.ours.inProcess = v), () =>
      runWorker({ mode: 'ours-queries', workDir, indexDir: indexDocs, budgetMs: o.budgetS * 1000, out: out('queries') }, { ...ourLimits, timeoutMs: 3_600_000 }, log));
  }
  if (o.only.includes('http')) {
    let server: RunningServer | null = null;
    const mix = searchMix(qs);
    const bodiesFile = join(workDir, 'replay-bodies.json');
    let replayBytes = 0;
    rmSync(bodiesFile, { force: true });
    try {
      warm('HTTP', [indexDocs]);
      server = await startServer('ours', workDir, indexDocs, log, { cpuProfDir: o.cpuProf });
      const start = serverRssMb(server.pid);
      const s = server;
      await measured('ours: HTTP latency', results, (v) => (results.ours.http = v), async () => ({ ok: true as const, result: await httpClasses(s.port, qs, o.budgetS * 1000, log) }));
      await measured('ours: HTTP throughput', results, (v) => (results.ours.throughput = v), async () => ({
        ok: true as const,
        result: await throughput(s.port, mix, { connections: o.connections, durationS: o.httpDurationS }),
      }));
      results.ours.serverRssMb = { start, end: serverRssMb(server.pid) };
      const recorded = await recordBodies(s.port, mix);
      writeFileSync(bodiesFile, JSON.stringify(recorded.bodies));
      replayBytes = recorded.meanBytes;
      log(`recorded ${recorded.bodies.length} answers of the /search mix for the ceiling to replay (mean ${replayBytes} bytes)`);
      results.ours.serverThreads = benchServerThreads();
      // Our middleware stack without the engine: splits the gap to the ceiling into app and engine.
      await measured('ours: HTTP /health throughput', results, (v) => (results.ours.healthThroughput = v), async () => ({
        ok: true as const,
        result: await throughput(s.port, ['/health'], { connections: o.connections, durationS: o.httpDurationS }),
      }));
    } finally {
      await server?.stop();
    }
    let ceiling: RunningServer | null = null;
    try {
      ceiling = await startServer('ceiling', workDir, undefined, log, { bodiesFile });
      const c = ceiling;
      await measured('HTTP ceiling (bare Express 5)', results, (v) => (results.ours.ceiling = v), async () => ({
        ok: true as const,
        result: await throughput(c.port, ['/ceiling'], { connections: o.connections, durationS: o.httpDurationS }),
      }));
      // The same route shape answering with our recorded bodies: no engine could serve this mix faster.
      if (replayBytes > 0) await measured('HTTP ceiling replaying our answers', results, (v) => (results.ours.replayCeiling = v), async () => ({
        ok: true as const,
        result: { ...(await throughput(c.port, mix.map((_, i) => `/replay/${i}`), { connections: o.connections, durationS: o.httpDurationS })), meanBodyBytes: replayBytes },
      }));
    } finally {
      await ceiling?.stop();
    }
  }
  if (o.only.includes('raw')) {
    await measured<OursIndexResult>(RAW_SECTION, results, (v) => (results.ours.indexRaw = v), () =>
      runWorker({ mode: 'ours-index', source: 'raw', workDir, indexDir: indexRaw, out: out('index-raw') }, { ...ourLimits, timeoutMs: o.rawTimeoutS * 1000 }, log));
  }
  if (o.only.includes('peers')) {
    for (const peer of o.peers) {
      if (peer === 'sqlite') warm('peer sqlite', [join(workDir, 'sqlite-peer.db')]);
      await measured<PeerResult>(`peer: ${peer}`, results, (v) => (results.peers[peer] = v), () =>
        runWorker({ mode: 'peer', peer, workDir, budgetMs: o.budgetS * 1000, out: out(`peer-${peer}`) }, { timeoutMs: o.peerTimeoutS * 1000, queryTimeoutMs: (o.budgetS * 10 + 120) * 1000, maxOldSpaceMb: o.peerHeapMb }, log));
    }
  }
  if (!process.env.BENCH_PROFILING) saveResults(results);
  const md = renderResults();
  process.stdout.write(JSON.stringify({ size: o.size, sections: o.only, peers: o.peers, results: `bench/results/${o.size}.json`, report: md }) + '\n');
}

main().catch((e: unknown) => {
  log(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
