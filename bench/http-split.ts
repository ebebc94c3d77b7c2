/**
 * Where an HTTP search's time goes: `npx tsx bench/http-split.ts [--size 1m]` starts the bench
 * server over the pre-tagged index, warms it up as `npm run bench` does (and runs the keystrokes
 * once without facets, as the HTTP section's typing class does before the facet one), then sends
 * every keystroke of the query set with all facet counts, one at a time, and splits the mean
 * latency with the server's own histograms (/metrics) and the engine's processingTimeMs.
 * BENCH_THREADS=0 serves with the engine on the main thread.
 */
import { existsSync } from 'node:fs';
import { Command, Option } from 'commander';
import { warmUp } from './classes.js';
import { getText, pathFor, startServer } from './http/client.js';
import { benchServerThreads } from './http/serve.js';
import { loadQuerySet } from './queries.js';
import { SIZES, type SizeName } from './corpus.js';

const opts = new Command('http-split')
  .addOption(new Option('--size <size>', 'index to serve').choices(Object.keys(SIZES)).default('1m'))
  .parse(process.argv)
  .opts<{ size: SizeName }>();

const workDir = `bench/.work/${opts.size}`;
if (!existsSync(`${workDir}/index-docs`) || !existsSync(`${workDir}/queries.json`)) {
  process.stderr.write(`http-split: no ${opts.size} index and queries in ${workDir}; run \`npm run bench -- --size ${opts.size} --only index\` first\n`);
  process.exit(2);
}
const qs = loadQuerySet(workDir);
const server = await startServer('ours', workDir, `${workDir}/index-docs`, (m) => process.stderr.write(`${m}\n`));
async function fetchText(path: string): Promise<string> {
  const { status, text } = await getText(server.port, path);
  if (status !== 200) throw new Error(`HTTP ${status} for ${path}`);
  return text;
}

/** Sum and count of a Prometheus histogram's series whose labels contain `label`. */
async function histogram(name: string, label: string): Promise<{ sum: number; count: number }> {
  const lines = (await fetchText('/metrics')).split('\n').filter((l) => l.includes(label));
  const total = (suffix: string) => lines.filter((l) => l.startsWith(`${name}_${suffix}`)).reduce((a, l) => a + Number(l.split(' ').pop()), 0);
  return { sum: total('sum'), count: total('count') };
}

try {
  await warmUp(qs.warmup, (q) => fetchText(pathFor('keyword', q)), (q) => fetchText(pathFor('typingFacets', { q: `${q} `, letters: 0 })));
  for (const t of qs.typing) await fetchText(pathFor('typing', t));

  const http0 = await histogram('newsfacets_http_request_duration_seconds', 'route="/search"');
  const call0 = await histogram('newsfacets_engine_call_duration_seconds', 'op="search"');
  const latencies: number[] = [];
  let processing = 0;
  let parse = 0;
  let bytes = 0;
  for (const t of qs.typing) {
    const started = performance.now();
    const body = await fetchText(pathFor('typingFacets', t));
    latencies.push(performance.now() - started);
    const parsed = performance.now();
    processing += (JSON.parse(body) as { processingTimeMs: number }).processingTimeMs;
    parse += performance.now() - parsed;
    bytes += Buffer.byteLength(body);
  }
  const http1 = await histogram('newsfacets_http_request_duration_seconds', 'route="/search"');
  const call1 = await histogram('newsfacets_engine_call_duration_seconds', 'op="search"');

  const n = latencies.length;
  const mean = (x: number) => x / n;
  const client = mean(latencies.reduce((a, b) => a + b, 0));
  const serverHttp = ((http1.sum - http0.sum) / (http1.count - http0.count)) * 1000;
  const engineCall = ((call1.sum - call0.sum) / (call1.count - call0.count)) * 1000;
  const engine = mean(processing);
  const sorted = [...latencies].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(n - 1, Math.floor(n * q))];
  const f = (x: number) => x.toFixed(2);
  process.stdout.write(
    [
      `As-you-type with all facet counts over HTTP, ${opts.size}, ${n} keystrokes, engine on ${benchServerThreads() === 0 ? 'the main thread' : `${benchServerThreads()} worker thread${benchServerThreads() === 1 ? '' : 's'}`}; mean answer ${Math.round(mean(bytes) / 1024)} KB.`,
      '',
      '| part (mean ms) | ms |',
      '|---|---:|',
      `| engine search (its processingTimeMs, rounded to whole ms per answer) | ${f(engine)} |`,
      `| hop to the engine thread and back (engine call − processing) | ${f(engineCall - engine)} |`,
      `| route, presenting hits (highlight, snippet), JSON, middleware (server HTTP − engine call) | ${f(serverHttp - engineCall)} |`,
      `| loopback and the client reading the answer (client − server HTTP; parsing alone ${f(parse / n)}) | ${f(client - serverHttp)} |`,
      `| **client latency** (p50 ${f(at(0.5))}, p99 ${f(at(0.99))}) | **${f(client)}** |`,
      '',
    ].join('\n'),
  );
} finally {
  await server.stop();
}
