/**
 * The adapter's own profiling loop (the benchmark suite is bench/; this isolates the engine):
 *   npx tsx engine/embedded/profile.ts <passages.jsonl> <dataDir> [build|query|all]
 * build: streams PassageDocs through one replace write; query: opens the index cold and times
 * query classes built from words sampled from the corpus, wall and CPU time (the machine is shared).
 * Prints one JSON line per measurement. Run with `--cpu-prof` for a profile.
 */
import { createReadStream, rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { terms } from '../text.js';
import type { FacetName, PassageDoc, SearchRequest } from '../types.js';
import { createEmbeddedEngine } from './index.js';

const [file, dataDir, mode = 'all'] = process.argv.slice(2);
if (!file || !dataDir) throw new Error('usage: profile.ts <passages.jsonl> <dataDir> [build|query|all]');
const FACETS: FacetName[] = ['speakers', 'topics', 'places', 'organisations', 'month'];
const rssMb = (): number => Math.round(process.memoryUsage().rss / 1e6);
const lines = (): AsyncIterable<string> => createInterface({ input: createReadStream(file) });

async function build(): Promise<void> {
  rmSync(dataDir, { recursive: true, force: true });
  const engine = createEmbeddedEngine({ dataDir });
  const t0 = performance.now();
  const w = await engine.beginWrite('replace');
  let batch: PassageDoc[] = [];
  let count = 0;
  for await (const line of lines()) {
    if (!line) continue;
    batch.push(JSON.parse(line) as PassageDoc);
    count++;
    if (batch.length === 2000) {
      await w.upsertPassages(batch);
      batch = [];
    }
  }
  await w.upsertPassages(batch);
  const t1 = performance.now();
  const stats = await w.commit();
  const t2 = performance.now();
  const build = {
    passages: count,
    stageS: +((t1 - t0) / 1000).toFixed(1),
    commitS: +((t2 - t1) / 1000).toFixed(1),
    passagesPerSec: Math.round(count / ((t2 - t0) / 1000)),
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    sizeMb: Math.round((stats.sizeBytes ?? 0) / 1e6),
  };
  console.log(JSON.stringify({ build }));
  await engine.close();
}

async function query(): Promise<void> {
  const sample: PassageDoc[] = [];
  let i = 0;
  for await (const line of lines()) {
    if (line && i++ % 97 === 0) sample.push(JSON.parse(line) as PassageDoc);
    if (sample.length === 400) break;
  }
  let seed = 42;
  const rnd = (): number => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const words = sample
    .map((d) => {
      const ts = terms(d.text).filter((t) => t.length >= 4 && !/\d/.test(t));
      return ts[Math.floor(rnd() * ts.length)];
    })
    .filter(Boolean);
  const t0 = performance.now();
  const engine = createEmbeddedEngine({ dataDir });
  const base = (q: string, more: Partial<SearchRequest> = {}): SearchRequest => ({
    q, filters: {}, facets: FACETS, sort: 'relevance', offset: 0, limit: 20, groupByArticle: false, ...more,
  });
  const first = await engine.search(base('the'));
  console.log(JSON.stringify({ openAndFirstQueryMs: Math.round(performance.now() - t0), rssMb: rssMb(), hits: first.totalHits }));

  const measure = async (name: string, reqs: SearchRequest[]): Promise<void> => {
    const wall: number[] = [];
    const cpu: number[] = [];
    let hits = 0;
    for (const r of reqs) {
      const c = process.cpuUsage();
      const t = performance.now();
      hits += (await engine.search(r)).totalHits;
      wall.push(performance.now() - t);
      const used = process.cpuUsage(c);
      cpu.push((used.user + used.system) / 1000);
    }
    const pct = (xs: number[], q: number): number => +[...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))].toFixed(2);
    console.log(JSON.stringify({ name, n: reqs.length, p50: pct(wall, 0.5), p99: pct(wall, 0.99), cpuP50: pct(cpu, 0.5), cpuP99: pct(cpu, 0.99), meanHits: Math.round(hits / reqs.length) }));
  };
  for (let len = 1; len <= 6; len++) await measure(`prefix${len}`, words.slice(0, 100).filter((w) => w.length >= len).map((w) => base(w.slice(0, len))));
  // As-you-type without facet counts (the hits only), on other words so caches do not help.
  for (let len = 1; len <= 6; len++) await measure(`prefix${len}NoFacets`, words.slice(100, 200).filter((w) => w.length >= len).map((w) => base(w.slice(0, len), { facets: [] })));
  await measure('keyword1', words.slice(0, 150).map((w) => base(`${w} `)));
  await measure('keyword2', words.slice(0, 150).map((w, k) => base(`${w} ${words[(k + 7) % words.length]} `)));
  await measure('phrase2', sample.slice(0, 150).map((d) => {
    const ts = terms(d.text);
    const k = Math.floor(rnd() * (ts.length - 2));
    return base(`${ts[k]} ${ts[k + 1]}`);
  }));
  await measure('typo', words.filter((w) => w.length >= 5).slice(0, 150).map((w) => base(`${w.slice(0, 2)}${w.slice(3)} `)));
  const filters = (d: PassageDoc) => ({ speakers: d.speakers.slice(0, 1), topics: d.topics.slice(0, 1), dateFrom: (d.date ?? 0) - 86400 * 365, dateTo: (d.date ?? 0) + 86400 * 365 });
  await measure('filtered', sample.slice(0, 150).map((d, k) => base(words[k] ?? 'the', { filters: filters(d) })));
  await measure('filteredEmptyQ', sample.slice(0, 150).map((d) => base('', { filters: filters(d) })));
  await measure('grouped', words.slice(0, 100).map((w) => base(w.slice(0, 3), { groupByArticle: true })));
  await measure('dateSort', words.slice(0, 100).map((w) => base(w.slice(0, 2), { sort: 'date:desc' })));
  console.log(JSON.stringify({ rssMb: rssMb() }));
  await engine.close();
}

if (mode === 'build' || mode === 'all') await build();
if (mode === 'query' || mode === 'all') await query();
