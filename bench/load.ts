/**
 * `npm run load -- [--size 10k] [--duration 30]`: a soak test on loopback. Starts our API over an
 * index built by `npm run bench` (its own process, the embedded engine in it), measures the maximum
 * throughput of the search mix, then holds 80% of it for the duration and reports errors (target 0),
 * p99, and the server's RSS at start and end (and sampled in between: it should stay flat).
 * Progress on stderr; a JSON summary on stdout, also kept in bench/results/load-<size>.json.
 */
import { Command, Option } from 'commander';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSize, workDirFor, type SizeName } from './corpus.js';
import { searchMix, startServer, throughput, type Throughput } from './http/client.js';
import { loadQuerySet } from './queries.js';
import { renderResults } from './report.js';
import { snapshotCommitted } from './snapshot.js';
import { RESULTS_DIR, stamp, type RunStamp } from './results-store.js';

export interface LoadResult {
  size: SizeName;
  stamp: RunStamp;
  probe: Throughput;
  targetRate: number;
  hold: Throughput;
  rssMb: { start: number; end: number; samples: number[] };
}

export const MAX_DURATION_S = 3600;

const log = (m: string): void => void process.stderr.write(`[load] ${m}\n`);

function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Math.round(Number(m[1]) / 1024) : NaN;
}

function bounded(name: string, max: number) {
  return (v: string): number => {
    const n = Number(v);
    if (!(n > 0 && n <= max)) throw new Error(`load: option "${name}" must be in (0, ${max}], got ${v}`);
    return n;
  };
}

async function main(): Promise<void> {
  const o = new Command('load')
    .addOption(new Option('--size <size>', 'which built index to serve (bench/.work/<size>/index-docs)').default('10k').argParser(parseSize))
    .option('--duration <s>', 'seconds to hold the load', bounded('--duration', MAX_DURATION_S), 30)
    .option('--probe <s>', 'seconds to measure the maximum throughput', bounded('--probe', 120), 10)
    .option('--fraction <f>', 'share of the maximum to hold', bounded('--fraction', 1), 0.8)
    .option('--connections <n>', 'autocannon connections', bounded('--connections', 1000), 50)
    .option('--committed', 'serve a snapshot of the committed code (git HEAD), not the working tree')
    .exitOverride()
    .parse(process.argv.slice(2), { from: 'user' })
    .opts() as { size: SizeName; duration: number; probe: number; fraction: number; connections: number; committed?: boolean };
  if (o.committed) {
    const snap = snapshotCommitted();
    process.env.BENCH_CODE_ROOT = snap.root;
    process.env.BENCH_COMMIT = snap.commit;
  }
  const workDir = workDirFor(o.size);
  const indexDir = join(workDir, 'index-docs');
  if (!existsSync(indexDir)) throw new Error(`load: no index at ${indexDir}; run \`npm run bench -- --size ${o.size} --only index\` first`);
  const paths = searchMix(loadQuerySet(workDir));
  const server = await startServer('ours', workDir, indexDir, log);
  try {
    log(`probing maximum throughput for ${o.probe} s`);
    const probe = await throughput(server.port, paths, { connections: o.connections, durationS: o.probe });
    const targetRate = Math.max(1, Math.floor(probe.requestsPerSec * o.fraction));
    const start = rssOf(server.pid);
    log(`max ${probe.requestsPerSec} req/s; holding ${targetRate} req/s for ${o.duration} s (server RSS ${start} MB)`);
    const samples: number[] = [];
    const sampler = setInterval(() => samples.push(rssOf(server.pid)), Math.max(1000, (o.duration * 1000) / 20));
    const hold = await throughput(server.port, paths, { connections: o.connections, durationS: o.duration, overallRate: targetRate });
    clearInterval(sampler);
    const result: LoadResult = { size: o.size, stamp: stamp(), probe, targetRate, hold, rssMb: { start, end: rssOf(server.pid), samples } };
    mkdirSync(RESULTS_DIR, { recursive: true });
    writeFileSync(join(RESULTS_DIR, `load-${o.size}.json`), JSON.stringify(result, null, 1) + '\n');
    renderResults();
    const errors = hold.errors + hold.non2xx + hold.timeouts;
    log(`held ${hold.requestsPerSec} req/s: ${errors} errors, p99 ${hold.latencyP99} ms, RSS ${result.rssMb.start} → ${result.rssMb.end} MB`);
    process.stdout.write(JSON.stringify({ ...result, errors }) + '\n');
    process.exitCode = errors === 0 ? 0 : 2;
  } finally {
    await server.stop();
  }
}

main().catch((e: unknown) => {
  log(e instanceof Error ? e.message : String(e));
  process.exit(1);
});
