/**
 * The HTTP side of the benchmark: per-class latency (one request at a time, as one user typing
 * waits for each answer) and throughput under autocannon (many connections, bounded duration).
 * The load generator shares the machine's two cores with the server; RESULTS.md says so.
 */
import autocannon from 'autocannon';
import { Agent, get } from 'node:http';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { byLetters, inputsFor, warmUp, type ClassResults } from '../classes.js';
import { timeSequential } from '../measure.js';
import type { FacetSearchQuery, FilteredQuery, QuerySet, TypingQuery } from '../queries.js';
import { startWorker } from '../spawn.js';
import type { QueryClass } from '../targets/types.js';

export interface RunningServer {
  port: number;
  pid: number;
  stop(): Promise<void>;
}

export async function startServer(
  what: 'ours' | 'ceiling',
  workDir: string,
  indexDir: string | undefined,
  log: (m: string) => void,
  o: { cpuProfDir?: string; bodiesFile?: string } = {},
): Promise<RunningServer> {
  const { cpuProfDir, bodiesFile } = o;
  const out = join(workDir, `serve-${what}.json`);
  if (existsSync(out)) rmSync(out);
  const child = startWorker({ mode: 'serve', what, indexDir, bodiesFile, out }, { timeoutMs: 0, maxOldSpaceMb: 4096, cpuProfDir }, (l) => log(`  [${what} server] ${l}`));
  let exited = false;
  child.on('exit', () => (exited = true));
  for (let waited = 0; !existsSync(out); waited += 50) {
    if (exited || waited > 120_000) throw new Error(`bench: the ${what} server did not start`);
    await sleep(50);
  }
  const { port } = JSON.parse(readFileSync(out, 'utf8')) as { port: number };
  return {
    port,
    pid: child.pid!,
    stop: async () => {
      if (exited) return;
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    },
  };
}

const enc = encodeURIComponent;
const filterParams = (f: FilteredQuery): string =>
  `speaker=${enc(f.speaker)}&topic=${enc(f.topic)}&from=${new Date(f.dateFrom * 1000).toISOString().slice(0, 10)}&to=${new Date(f.dateTo * 1000).toISOString().slice(0, 10)}`;

/** The API request for one benchmark query. Whole words end with a space (no prefix matching). */
export function pathFor(cls: QueryClass | 'suggest', input: unknown): string {
  switch (cls) {
    case 'keyword':
    case 'typo':
      return `/search?q=${enc(`${input as string} `)}&facets=`;
    case 'typing':
      return `/search?q=${enc((input as TypingQuery).q)}&facets=`;
    case 'typingFacets':
      return `/search?q=${enc((input as TypingQuery).q)}`;
    case 'suggest':
      return `/suggest?q=${enc((input as TypingQuery).q)}`;
    case 'filtered': {
      const f = input as FilteredQuery;
      return `/search?q=${enc(`${f.q} `)}&${filterParams(f)}`;
    }
    case 'grouped':
      return `/search?q=${enc(`${input as string} `)}&facets=&group=article`;
    case 'facetSearch': {
      const f = input as FacetSearchQuery;
      const api = f.facet === 'speakers' ? 'speaker' : f.facet === 'topics' ? 'topic' : 'place';
      return `/facets/${api}?q=${enc(f.facetQuery)}${f.q ? `&query=${enc(`${f.q} `)}` : ''}`;
    }
  }
}

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

/** One GET on the keep-alive socket: status and body as text. */
export function getText(port: number, path: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    get({ host: '127.0.0.1', port, path, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
    }).on('error', reject);
  });
}

async function getJson(port: number, path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const { status, text } = await getText(port, path);
  return { status, body: JSON.parse(text) as Record<string, unknown> };
}

export const HTTP_CLASSES = ['keyword', 'typing', 'typingFacets', 'typo', 'filtered', 'grouped', 'facetSearch', 'suggest'] as const;

export async function httpClasses(port: number, qs: QuerySet, budgetMs: number, log: (m: string) => void): Promise<ClassResults> {
  const out: ClassResults = { classes: {} };
  await warmUp(qs.warmup, (q) => getJson(port, pathFor('keyword', q)), (q) => getJson(port, pathFor('typingFacets', { q: `${q} `, letters: 0 })));
  for (const cls of HTTP_CLASSES) {
    const inputs = cls === 'suggest' ? qs.typing : inputsFor(cls, qs);
    const { perInput, ...stats } = await timeSequential(inputs, async (input) => {
      const { status, body } = await getJson(port, pathFor(cls, input));
      if (status !== 200) throw new Error(`HTTP ${status}: ${JSON.stringify(body).slice(0, 200)}`);
      return Array.isArray(body.values) ? body.values.length : Number(body.totalHits ?? 0);
    }, budgetMs);
    out.classes[cls] = stats;
    if (cls === 'typingFacets') out.typingByLetters = byLetters(qs.typing, perInput);
    log(`http ${cls}: n=${stats.n}/${stats.planned} p50=${stats.p50} p99=${stats.p99} ms${stats.errors ? ` errors=${stats.errors} (${stats.firstError})` : ''}`);
  }
  return out;
}

/**
 * Each path's answer once, for the ceiling to replay: parsed bodies, and their mean size in bytes
 * as sent. Fails on any non-200 (a replayed error page would flatter the ceiling).
 */
export async function recordBodies(port: number, paths: readonly string[]): Promise<{ bodies: unknown[]; meanBytes: number }> {
  const bodies: unknown[] = [];
  let bytes = 0;
  for (const p of paths) {
    const { status, body } = await getJson(port, p);
    if (status !== 200) throw new Error(`HTTP ${status} for ${p}: ${JSON.stringify(body).slice(0, 200)}`);
    bodies.push(body);
    bytes += Buffer.byteLength(JSON.stringify(body));
  }
  return { bodies, meanBytes: Math.round(bytes / Math.max(1, paths.length)) };
}

/** What a search widget sends: keystrokes with facet counts, filtered searches and keyword searches, interleaved. */
export function searchMix(qs: QuerySet): string[] {
  const parts = [qs.typing.map((t) => pathFor('typingFacets', t)), qs.filtered.map((f) => pathFor('filtered', f)), qs.keyword.map((k) => pathFor('keyword', k))];
  const mix: string[] = [];
  for (let i = 0; mix.length < parts.reduce((a, p) => a + p.length, 0); i++) for (const p of parts) if (i < p.length) mix.push(p[i]);
  return mix;
}

export interface Throughput {
  requestsPerSec: number;
  requests: number;
  durationS: number;
  connections: number;
  latencyP50: number;
  latencyP99: number;
  errors: number;
  non2xx: number;
  timeouts: number;
}

export async function throughput(port: number, paths: string[], o: { connections: number; durationS: number; overallRate?: number }): Promise<Throughput> {
  let i = 0;
  const r = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: o.connections,
    duration: o.durationS,
    ...(o.overallRate ? { overallRate: o.overallRate } : {}),
    requests: [{ setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] }) }],
  });
  return {
    requestsPerSec: Math.round(r.requests.average),
    requests: r.requests.total,
    durationS: o.durationS,
    connections: o.connections,
    latencyP50: r.latency.p50,
    latencyP99: r.latency.p99,
    errors: r.errors,
    non2xx: r.non2xx,
    timeouts: r.timeouts,
  };
}
