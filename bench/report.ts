/**
 * Renders bench/RESULTS.md from every size's stored results: indexing, cold open, latency per query
 * class (ours and peers, with ratios), HTTP latency and throughput against the ceiling, and the
 * targets of issue 6 with pass/miss.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SIZES, type SizeName } from './corpus.js';
import { isUnsupported, type ClassOutcome, type LatencyStats } from './measure.js';
import { allResults, finished, RAW_SECTION, RESULTS_DIR, RESULTS_MD, type Maybe, type SizeResults } from './results-store.js';
import { QUERY_CLASS_LABELS, QUERY_CLASSES, type QueryClass } from './targets/types.js';
import { HTTP_CLASSES } from './http/client.js';
import { evaluateTargets } from './targets-check.js';
import type { LoadResult } from './load.js';

const PEER_ORDER = ['sqlite', 'minisearch', 'orama', 'flexsearch'];
const PEER_LABEL: Record<string, string> = { sqlite: 'SQLite FTS5', minisearch: 'MiniSearch', orama: 'Orama', flexsearch: 'FlexSearch' };

const fmt = (x: number | undefined | null, digits = 2): string =>
  x === undefined || x === null || Number.isNaN(x) ? '–' : x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(digits);
const mb = (bytes: number | null | undefined): string => (bytes == null ? '–' : `${fmt(bytes / 1e6, 1)} MB`);

function notFinished<T>(m: Maybe<T> | undefined): string | null {
  if (m === undefined) return 'not measured';
  if (finished(m)) return null;
  const rate = m.progress && m.elapsedS ? `, ${Math.round(m.progress / m.elapsedS).toLocaleString('en-US')} passages/s until then` : '';
  return `${m.notFinished}${m.progress ? ` (${m.progress.toLocaleString('en-US')} passages in${rate})` : ''}`;
}

function cell(o: ClassOutcome | undefined): string {
  if (o === undefined) return '–';
  if (isUnsupported(o)) return `n/a (${o.unsupported})`;
  const s = o as LatencyStats;
  const partial = s.budgetHit ? ` (${s.n}/${s.planned} in budget)` : '';
  const errs = s.errors ? ` **${s.errors} errors**` : '';
  return `${fmt(s.p50)} / ${fmt(s.p95)} / ${fmt(s.p99)}${partial}${errs}`;
}

function ratio(ours: ClassOutcome | undefined, peer: ClassOutcome | undefined): string {
  if (!ours || !peer || isUnsupported(ours) || isUnsupported(peer)) return '–';
  const a = ours as LatencyStats;
  const b = peer as LatencyStats;
  return `${fmt(a.p50 / b.p50)} / ${fmt(a.p99 / b.p99)}`;
}

function indexingTable(r: SizeResults): string[] {
  const rows = ['| path | passages | time | passages/s | MB/s | peak RSS | on disk |', '|---|---|---|---|---|---|---|'];
  const line = (label: string, m: Maybe<{ passages: number; seconds: number; passagesPerSec: number; mbPerSec: number; peakRssMb: number; sizeBytes: number | null }> | undefined) => {
    const nf = notFinished(m);
    if (nf) return rows.push(`| ${label} | ${nf} | | | | | |`);
    const x = m as { passages: number; seconds: number; passagesPerSec: number; mbPerSec: number; peakRssMb: number; sizeBytes: number | null };
    rows.push(`| ${label} | ${x.passages.toLocaleString('en-US')} | ${fmt(x.seconds, 1)} s | ${x.passagesPerSec.toLocaleString('en-US')} | ${fmt(x.mbPerSec)} | ${x.peakRssMb.toLocaleString('en-US')} MB | ${mb(x.sizeBytes)} |`);
  };
  const workers = r.ours.indexRaw && 'tagWorkers' in r.ours.indexRaw ? (r.ours.indexRaw as { tagWorkers?: number }).tagWorkers : undefined;
  const how = workers === undefined ? '' : workers > 0 ? `, tagging on ${workers} worker threads as \`npm run index\` does` : ', tagging on the indexing thread';
  line(`ours: raw articles → indexer with tagging (MB/s of article JSONL${how})`, r.ours.indexRaw);
  line('ours: pre-tagged passages → engine writer (MB/s of passage text)', r.ours.indexDocs);
  for (const p of PEER_ORDER) {
    const m = r.peers[p];
    if (m === undefined) continue;
    line(`${PEER_LABEL[p]} (pre-tagged passages)`, finished(m) ? m.build : m);
  }
  return rows;
}

/**
 * Where the raw run's CPU went, and the rate two cores could reach with it: with the final build
 * serial (as run: the other core idles meanwhile) and with everything overlapped.
 */
function rawCpuLine(r: SizeResults): string | null {
  const raw = r.ours.indexRaw;
  if (!finished(raw) || !('cpu' in raw) || !raw.cpu) return null;
  const { mainS, taggingS, helpersS, commitS, wallS } = raw.cpu;
  const total = mainS + taggingS + helpersS;
  if (!raw.tagWorkers) {
    // Small inputs are tagged on the indexing thread (as `npm run index` does): nothing to overlap.
    return (
      `Raw run, CPU by thread (/proc): indexing thread ${fmt(mainS, 1)} s (tagging included), V8 helper threads (GC, compiler) ${fmt(helpersS, 1)} s; ` +
      `${fmt(total, 1)} CPU-seconds in ${fmt(wallS, 1)} s of wall time, of which the final build (engine commit) ${fmt(commitS, 1)} s.`
    );
  }
  // The machine the raw run measured on (its section's stamp).
  const cores = r.stamps[RAW_SECTION]?.machine.cores ?? 2;
  const modelS = (total - commitS) / cores + commitS;
  const boundS = total / cores;
  const rate = (s: number) => Math.round(raw.passages / s).toLocaleString('en-US');
  return (
    `Raw run, CPU by thread (/proc): indexing thread ${fmt(mainS, 1)} s, tagging workers ${fmt(taggingS, 1)} s, V8 helper threads (GC, compiler) ${fmt(helpersS, 1)} s; ` +
    `${fmt(total, 1)} CPU-seconds in ${fmt(wallS, 1)} s of wall time. The final build (engine commit, one thread, the tagging workers idle) took ${fmt(commitS, 1)} s. ` +
    `On ${cores} cores this work takes at least ${fmt(modelS, 1)} s with the build after tagging as now (${rate(modelS)} passages/s) and ${fmt(boundS, 1)} s fully overlapped (${rate(boundS)}/s); 5,000 passages/s would allow ${fmt((raw.passages / 5000) * cores, 1)} CPU-seconds in all.`
  );
}

function latencyTable(r: SizeResults): string[] {
  const peers = PEER_ORDER.filter((p) => r.peers[p] !== undefined);
  const head = ['| query class | ours | ' + peers.map((p) => PEER_LABEL[p]).join(' | ') + ' |', '|---|---|' + peers.map(() => '---|').join('')];
  const ours = finished(r.ours.inProcess) ? r.ours.inProcess : undefined;
  const rows = QUERY_CLASSES.map((c) => {
    const peerCells = peers.map((p) => {
      const m = r.peers[p];
      return finished(m) ? cell(m.classes[c]) : 'did not finish (see Indexing)';
    });
    return `| ${QUERY_CLASS_LABELS[c]} | ${ours ? cell(ours.classes[c]) : (notFinished(r.ours.inProcess) ?? '–')} | ${peerCells.join(' | ')} |`;
  });
  const stopped = [['ours', ours] as const, ...peers.map((p) => [PEER_LABEL[p], r.peers[p]] as const)]
    .filter(([, m]) => finished(m) && (m as { incomplete?: string }).incomplete)
    .map(([label, m]) => `${label}: ${(m as { incomplete: string }).incomplete} (classes shown as – did not run)`);
  if (stopped.length) rows.push('', ...stopped.map((x) => `- ${x}`));
  const ratioHead = ['', '**Ratio ours / peer** (p50 / p99; below 1 means ours is faster):', '', '| query class | ' + peers.map((p) => PEER_LABEL[p]).join(' | ') + ' |', '|---|' + peers.map(() => '---|').join('')];
  const ratioRows = QUERY_CLASSES.map((c) => `| ${QUERY_CLASS_LABELS[c]} | ${peers.map((p) => { const m = r.peers[p]; return finished(m) && ours ? ratio(ours.classes[c], m.classes[c]) : '–'; }).join(' | ')} |`);
  return [...head, ...rows, ...(peers.length ? [...ratioHead, ...ratioRows] : [])];
}

function lettersTable(r: SizeResults): string[] {
  const cols: { label: string; by?: Record<string, LatencyStats> }[] = [
    { label: 'ours in-process', by: finished(r.ours.inProcess) ? r.ours.inProcess.typingByLetters : undefined },
    { label: 'ours HTTP + facets', by: finished(r.ours.http) ? r.ours.http.typingByLetters : undefined },
    ...PEER_ORDER.filter((p) => finished(r.peers[p])).map((p) => ({ label: PEER_LABEL[p], by: (r.peers[p] as { typingByLetters?: Record<string, LatencyStats> }).typingByLetters })),
  ];
  const rows = ['| letters typed | ' + cols.map((c) => c.label).join(' | ') + ' |', '|---|' + cols.map(() => '---|').join('')];
  for (const k of ['1', '2', '3', '4+']) rows.push(`| ${k} | ${cols.map((c) => (c.by?.[k] ? `${fmt(c.by[k].p50)} / ${fmt(c.by[k].p99)}` : '–')).join(' | ')} |`);
  return rows;
}

function httpSection(r: SizeResults): string[] {
  const out: string[] = [];
  const http = r.ours.http;
  if (finished(http)) {
    out.push('| request | p50 / p95 / p99 ms |', '|---|---|');
    const label = (c: string): string => (c === 'suggest' ? '/suggest (per keystroke)' : c === 'typingFacets' ? 'as-you-type with all facet counts (/search)' : QUERY_CLASS_LABELS[c as QueryClass]);
    for (const c of HTTP_CLASSES) out.push(`| ${label(c)} | ${cell(http.classes[c])} |`);
  } else out.push(`HTTP latency: ${notFinished(http)}`);
  const t = r.ours.throughput;
  const c = r.ours.ceiling;
  out.push('', '| throughput (autocannon, loopback) | requests/s | p50 ms | p99 ms | errors | non-2xx |', '|---|---|---|---|---|---|');
  const rowsOf = [
    ['ours: /search mix (keystrokes with facets, filtered, keyword)', t],
    ['ours: /health (our middleware stack, no engine call)', r.ours.healthThroughput],
    ['ceiling: bare Express 5, fixed 2 KB JSON', c],
    [`ceiling replaying our answers: the same route returning the mix's recorded bodies${r.ours.replayCeiling && finished(r.ours.replayCeiling) ? ` (mean ${fmt(r.ours.replayCeiling.meanBodyBytes / 1024, 1)} KB)` : ''}, no engine`, r.ours.replayCeiling],
  ] as const;
  for (const [label, m] of rowsOf) {
    if (m === undefined && (label.includes('/health') || label.includes('replaying'))) continue;
    const nf = notFinished(m);
    if (nf) out.push(`| ${label} | ${nf} | | | | |`);
    else {
      const x = m as NonNullable<SizeResults['ours']['throughput']> & { requestsPerSec: number; latencyP50: number; latencyP99: number; errors: number; non2xx: number; connections: number; durationS: number };
      out.push(`| ${label} | ${x.requestsPerSec.toLocaleString('en-US')} | ${x.latencyP50} | ${x.latencyP99} | ${x.errors} | ${x.non2xx} |`);
    }
  }
  if (finished(t) && finished(c)) out.push('', `Ours / ceiling: **${fmt((t.requestsPerSec / c.requestsPerSec) * 100, 0)}%** (${t.connections} connections, ${t.durationS} s each; autocannon runs on the same two cores).`);
  const rc = r.ours.replayCeiling;
  if (finished(rc) && finished(c)) {
    out.push(`Replaying our answers reaches ${fmt((rc.requestsPerSec / c.requestsPerSec) * 100, 0)}% of the 2 KB ceiling: serializing and sending bodies of this size, with no search at all, bounds any engine behind Express on this machine.`);
  }
  if (r.ours.serverThreads !== undefined) out.push(`Engine reads in the server: ${r.ours.serverThreads === 0 ? 'on the main thread' : `${r.ours.serverThreads} worker threads`} (ENGINE_THREADS).`);
  if (r.ours.serverRssMb) out.push(`Server RSS: ${r.ours.serverRssMb.start} MB at start, ${r.ours.serverRssMb.end} MB after the HTTP runs.`);
  return out;
}

function sizeSection(r: SizeResults): string[] {
  const c = r.corpus;
  const stamps = Object.entries(r.stamps).sort((a, b) => a[1].at.localeCompare(b[1].at));
  const first = stamps[0]?.[1];
  const out = [`## ${r.size} passages`, ''];
  if (c) out.push(`Corpus: ${c.passages.toLocaleString('en-US')} passages in ${c.articles.toLocaleString('en-US')} articles, ${fmt(c.textBytes / 1e6, 1)} MB of passage text (seed ${c.seed}).`);
  if (first) {
    const last = stamps[stamps.length - 1][1];
    const loads = stamps.map(([, s]) => s.machine.loadAvg1);
    const commits = [...new Set(stamps.map(([, s]) => s.commit))];
    out.push(`Measured ${first.at.slice(0, 16).replace('T', ' ')} – ${last.at.slice(11, 16)} UTC at commit ${commits.join(', ')}; 1-minute load average ${Math.min(...loads)}–${Math.max(...loads)} on 2 cores (per section in bench/results/${r.size}.json).`);
  }
  out.push('', '### Indexing', '', ...indexingTable(r), '');
  const cpuLine = rawCpuLine(r);
  if (cpuLine) out.push(cpuLine, '');
  const oc = r.ours.openCold;
  out.push(finished(oc)
    ? `Open cold (new process, page cache warm): engine open + first query with all facets **${fmt(oc.openAndFirstQueryMs, 1)} ms**; process start to first answer ${oc.processToFirstResultMs} ms (includes tsx loading); RSS ${oc.rssMb} MB.`
    : `Open cold: ${notFinished(oc)}`);
  out.push('', '### Query latency in-process (ms, p50 / p95 / p99)', '', ...latencyTable(r), '', '### As-you-type by letters typed (ms, p50 / p99)', '', ...lettersTable(r));
  out.push('', '### HTTP', '', ...httpSection(r), '');
  out.push('### Targets (issue 6; they are set for 1M passages)', '', '| target | measured | |', '|---|---|---|');
  for (const t of evaluateTargets(r)) out.push(`| ${t.target} | ${t.measured} | ${t.pass === null ? '–' : t.pass ? 'pass' : '**miss**'} |`);
  out.push('');
  return out;
}

/** `npm run load` soak runs (bench/load.ts), one per size that has one. */
function loadSection(sizes: SizeName[]): string[] {
  const runs = sizes
    .map((s) => join(RESULTS_DIR, `load-${s}.json`))
    .filter((p) => existsSync(p))
    .map((p) => JSON.parse(readFileSync(p, 'utf8')) as LoadResult);
  if (runs.length === 0) return [];
  const out = ['## Sustained load (`npm run load`)', '', '| index | when | max req/s | held req/s (target) | duration | errors | p50 / p99 ms | server RSS start → end (min–max sampled) |', '|---|---|---|---|---|---|---|---|'];
  for (const r of runs) {
    const h = r.hold;
    const samples = [r.rssMb.start, ...r.rssMb.samples, r.rssMb.end];
    out.push(`| ${r.size} | ${r.stamp.at.slice(0, 16).replace('T', ' ')} UTC, ${r.stamp.commit}, load ${r.stamp.machine.loadAvg1} | ${r.probe.requestsPerSec} | ${h.requestsPerSec} (${r.targetRate}) | ${h.durationS} s | ${h.errors + h.non2xx + h.timeouts} | ${h.latencyP50} / ${h.latencyP99} | ${r.rssMb.start} → ${r.rssMb.end} MB (${Math.min(...samples)}–${Math.max(...samples)}) |`);
  }
  out.push('');
  return out;
}

export function renderResults(): string {
  const sizes = Object.keys(SIZES) as SizeName[];
  const results = allResults(sizes);
  const machine = results.flatMap((r) => Object.values(r.stamps)).sort((a, b) => b.at.localeCompare(a.at))[0]?.machine;
  const lines = [
    '# Benchmark results',
    '',
    'Written by `npm run bench -- --size <10k|100k|1m>` (bench/run.ts); raw figures in bench/results/<size>.json. Do not edit by hand.',
    '',
    machine ? `Machine: ${machine.cpuModel}, ${machine.cores} cores, ${machine.memoryGb} GB RAM, Node ${machine.node}, ${machine.os}. The machine is shared: the load average at each measurement is given, and ratios to peers and to the HTTP ceiling are the figures to compare across runs.` : '',
    '',
    'How to reproduce: `npm run bench -- --size 10k` (then `100k`, `1m`); `--only index,open,queries,http,raw,peers` and `--peers sqlite,minisearch,orama,flexsearch` pick parts, `--committed` measures a snapshot of git HEAD, `--cpu-prof <dir>` profiles our worker processes (summarise with `npx tsx bench/profile-top.ts <file>`). `npm run load -- --size 100k --duration 600` is the soak test.',
    '',
    'Method: corpus generated from the Brown corpus press sections (bench/gen/), sentence-aligned passages of 40–120 words, proper nouns swapped for Zipf-drawn synthetic names so the vocabulary grows with size; tags Zipf-distributed (2,000 speakers, 40 topics, places, organisations), dates uniform over 2016–2025. Every engine gets the same queries in the same order, one at a time, each class under a time budget, after the same warm-up: 300 queries of 1–2 whole words that no measured query contains, as keywords and (where the engine counts facets) with all facet counts, so every engine is measured warmed up with no measured query primed (query set version 2; version 1, used up to commit a06f3aa, had 30 warm-up queries drawn from the measured queries’ passages, and our keyword class, measured first, then also paid for compiling hot code: its p50 was 5–9 ms in fresh processes, against 4.1–4.8 after this warm-up); a peer that cannot build within its bound is reported as not finished. Latencies are ms of wall time per query, top 20 hits, with exact totals where the engine gives them. Peers are used directly without our layer; each row says what a peer cannot do. The index files are read once before the open, query and HTTP sections (and the FTS5 database before its peer), since this machine drops file pages idle for about a minute (bench/page-cache.ts): sections measured before that step (commits up to b25aa08) may have read parts of the index from disk.',
    '',
    'What each engine does per query: **ours** — the Engine port with Meilisearch typing semantics (every word of 5+ letters also matches with one typo, title/speakers/topics searchable too, so it finds more hits than the peers\' plain AND), exact totals, match ranges for highlighting; **SQLite FTS5** — one plain FTS5 table (no prefix indexes), bm25 order, `count(*)` for totals, tags as tokens for filters, facet counts by `GROUP BY` over `json_each`, one query per facet (disjunctive); **MiniSearch** — AND, prefix on the last word while typing, fuzzy 1 for typos, facets counted by hand over all matches; **Orama** — threshold 0 (all words), `exact` for whole words, tolerance 1 for typos, `where` filters, its own facets (one extra search per filtered facet for disjunctive counts), `groupBy`; **FlexSearch** — Document index with forward tokenization (whole words also match as prefixes), tags for filters, facets counted by hand, no totals.',
    '',
  ];
  for (const r of results) lines.push(...sizeSection(r));
  lines.push(...loadSection(sizes));
  const md = lines.join('\n');
  writeFileSync(RESULTS_MD, md);
  return RESULTS_MD;
}
