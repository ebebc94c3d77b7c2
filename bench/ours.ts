/**
 * Our engine under measurement, through the same doors as production: the Engine port (engine/index.ts)
 * for in-process queries and the pre-tagged write path, indexer/run.ts for the raw path with tagging.
 * Each function runs in its own worker process (bench/worker.ts).
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { FACET_NAMES, type Engine, type PassageDoc, type SearchRequest } from '../engine/types.js';
import { runClasses, type ClassResults } from './classes.js';
import { buildStats, type BuildResult } from './measure.js';
import { splitCpu, threadCpuSeconds, type RawRunCpu } from './thread-cpu.js';
import { passageBatches, type FacetSearchQuery, type FilteredQuery, type QuerySet, type TypingQuery } from './queries.js';
import { TOP_K, type QueryRunner } from './targets/types.js';

export const INDEX_NAME = 'passages';

export async function openOurs(indexDir: string): Promise<Engine> {
  const { createEngine } = await import('../engine/index.js');
  return createEngine({ kind: 'embedded', dataDir: indexDir, indexName: INDEX_NAME });
}

export function dirBytes(dir: string): number {
  let total = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    total += e.isDirectory() ? dirBytes(p) : e.isFile() ? statSync(p).size : 0;
  }
  return total;
}

/** Batches of whole articles (putArticles replaces an article's passages, so one must not straddle two calls). */
async function* articleBatches(path: string, target: number): AsyncGenerator<PassageDoc[]> {
  let batch: PassageDoc[] = [];
  for await (const docs of passageBatches(path, 1000)) {
    for (const d of docs) {
      if (batch.length >= target && batch[batch.length - 1].articleId !== d.articleId) {
        yield batch;
        batch = [];
      }
      batch.push(d);
    }
  }
  if (batch.length) yield batch;
}

export interface OursIndexResult extends BuildResult {
  source: 'docs' | 'raw';
  articles: number;
  /** Bytes of input read (raw article JSONL, or passage text for pre-tagged docs). */
  inputBytes: number;
  /** Raw path: tagging worker threads (0: tagged on the indexing thread). */
  tagWorkers?: number;
  /** Raw path: CPU seconds by thread group and the final build's wall time (Linux). */
  cpu?: RawRunCpu;
}

export async function indexOurs(source: 'docs' | 'raw', workDir: string, indexDir: string, log: (m: string) => void): Promise<OursIndexResult> {
  rmSync(indexDir, { recursive: true, force: true });
  const engine = await openOurs(indexDir);
  const t0 = performance.now();
  let passages = 0;
  let articles = 0;
  let inputBytes = 0;
  let tagWorkers = 0;
  let cpu: RawRunCpu | undefined;
  if (source === 'raw') {
    const { runIndex } = await import('../indexer/run.js');
    const path = join(workDir, 'articles.jsonl');
    inputBytes = statSync(path).size;
    // As `npm run index` tags an input this size: on a pool of worker threads past AUTO_WORKERS_MIN_MB.
    const { AUTO_WORKERS_MIN_MB } = await import('../indexer/cli.js');
    const { createTaggerPool } = await import('../indexer/tag-pool.js');
    tagWorkers = inputBytes > AUTO_WORKERS_MIN_MB * 1024 * 1024 ? availableParallelism() : 0;
    const cpuBefore = threadCpuSeconds();
    const pool = tagWorkers > 0 ? await createTaggerPool({ workers: tagWorkers }) : null;
    // Threads started with the pool count as tagging; the pool's start is part of the run either way.
    const beforePool = new Set(cpuBefore.keys());
    let commitMs = 0;
    const begin = engine.beginWrite.bind(engine);
    // Times the final build: the engine writer's commit().
    engine.beginWrite = async (mode) => {
      const writer = await begin(mode);
      const commit = writer.commit.bind(writer);
      writer.commit = async () => {
        const t = performance.now();
        try {
          return await commit();
        } finally {
          commitMs += performance.now() - t;
        }
      };
      return writer;
    };
    // The run releases the pool's workers before its final build, and their threads' CPU times go
    // with them: read just before, and kept for the threads gone by the end.
    let cpuAtRelease = new Map<number, number>();
    if (pool) {
      const release = pool.release.bind(pool);
      pool.release = async () => {
        cpuAtRelease = threadCpuSeconds();
        return release();
      };
    }
    let cpuAfter = cpuBefore;
    const summary = await runIndex({
      paths: [path],
      engine,
      mode: 'replace',
      maxFileBytes: 2 ** 31 - 1,
      tagger: pool ?? undefined,
      onProgress: (p) => process.stderr.write(`progress ${p.passages}\n`),
    }).finally(async () => {
      // Before the pool closes, for workers still running (a run that failed before its build).
      cpuAfter = new Map([...cpuAtRelease, ...threadCpuSeconds()]);
      await pool?.close();
    });
    const wallS = (performance.now() - t0) / 1000;
    if (cpuAfter.size > 0) cpu = { ...splitCpu(cpuBefore, beforePool, cpuAfter), commitS: Math.round(commitMs / 100) / 10, wallS: Math.round(wallS * 10) / 10 };
    passages = summary.passages;
    articles = summary.articles;
    if (summary.rejected.length) log(`raw indexing rejected ${summary.rejected.length} inputs, first: ${summary.rejected[0].origin}: ${summary.rejected[0].reason}`);
  } else {
    const writer = await engine.beginWrite('replace');
    for await (const batch of articleBatches(join(workDir, 'passages.jsonl'), 2000)) {
      for (const d of batch) inputBytes += Buffer.byteLength(d.text);
      await writer.putArticles(batch);
      passages += batch.length;
      articles += new Set(batch.map((d) => d.articleId)).size;
      if (passages % 50_000 < batch.length) process.stderr.write(`progress ${passages}\n`);
    }
    await writer.commit();
  }
  const seconds = (performance.now() - t0) / 1000;
  await engine.close();
  log(`ours (${source}): ${passages} passages in ${seconds.toFixed(1)} s`);
  return { source, articles, inputBytes, ...(source === 'raw' ? { tagWorkers, ...(cpu ? { cpu } : {}) } : {}), ...buildStats(passages, seconds, inputBytes, dirBytes(indexDir)) };
}

export interface OpenColdResult {
  /** Engine module import + open + first query answered. */
  openAndFirstQueryMs: number;
  /** From process start (Node's time origin) to the first answer, tsx loading included. */
  processToFirstResultMs: number;
  firstQueryHits: number;
  rssMb: number;
}

export async function openCold(indexDir: string, q: string): Promise<OpenColdResult> {
  const t0 = performance.now();
  const engine = await openOurs(indexDir);
  const r = await engine.search(request(q, { facets: [...FACET_NAMES] }));
  const end = performance.now();
  await engine.close();
  return {
    openAndFirstQueryMs: Math.round((end - t0) * 10) / 10,
    processToFirstResultMs: Math.round(end),
    firstQueryHits: r.totalHits,
    rssMb: Math.round(process.memoryUsage().rss / 1e6),
  };
}

function request(q: string, over: Partial<SearchRequest> = {}): SearchRequest {
  return { q, filters: {}, facets: [], sort: 'relevance', offset: 0, limit: TOP_K, groupByArticle: false, ...over };
}

/** Whole words end with a space: engine/query.ts then matches them exactly (plus typos), not as prefixes. */
const whole = (q: string): string => `${q} `;

export function oursRunner(engine: Engine): QueryRunner {
  const total = async (req: SearchRequest): Promise<number> => (await engine.search(req)).totalHits;
  return {
    keyword: (q) => total(request(whole(q))),
    typing: (t: TypingQuery) => total(request(t.q)),
    typingFacets: (t: TypingQuery) => total(request(t.q, { facets: [...FACET_NAMES] })),
    typo: (q) => total(request(whole(q))),
    filtered: (f: FilteredQuery) =>
      total(request(whole(f.q), { filters: { speakers: [f.speaker], topics: [f.topic], dateFrom: f.dateFrom, dateTo: f.dateTo }, facets: [...FACET_NAMES] })),
    grouped: (q) => total(request(whole(q), { groupByArticle: true })),
    facetSearch: async (f: FacetSearchQuery) =>
      (await engine.searchFacetValues({ facet: f.facet, facetQuery: f.facetQuery, q: f.q ? whole(f.q) : '', filters: {}, limit: 20 })).length,
  };
}

export interface OursQueryResult extends ClassResults {
  rssMb: number;
}

/**
 * Waits for the embedded engine's background reads after open (token streams, resident postings:
 * EmbeddedEngineOptions.residentPostings), so that query classes measure the steady state; open
 * cold is measured on its own.
 */
export async function backgroundLoads(engine: Engine, log: (m: string) => void): Promise<void> {
  const t0 = performance.now();
  const loaded = await (engine as { backgroundLoads?: () => Promise<boolean> }).backgroundLoads?.();
  log(`background reads after open: ${loaded ? 'done' : 'not all in memory'} in ${Math.round(performance.now() - t0)} ms`);
}

export async function queryOurs(indexDir: string, qs: QuerySet, budgetMs: number, log: (m: string) => void, partial: (sofar: object) => void): Promise<OursQueryResult> {
  const engine = await openOurs(indexDir);
  await backgroundLoads(engine, (m) => log(`ours ${m}`));
  const results = await runClasses(oursRunner(engine), qs, { budgetMs, log: (m) => log(`ours ${m}`), onClass: (sofar) => partial({ ...sofar, rssMb: Math.round(process.memoryUsage().rss / 1e6) }) });
  const rssMb = Math.round(process.memoryUsage().rss / 1e6);
  await engine.close();
  return { ...results, rssMb };
}
