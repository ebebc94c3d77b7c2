/**
 * The speed targets of issue 6, checked against one size's results. They are set for 1M passages;
 * at smaller sizes the same rows show where we stand on the way.
 */
import { isUnsupported, type LatencyStats } from './measure.js';
import { finished, type Maybe, type NotFinished, type SizeResults } from './results-store.js';
import { QUERY_CLASSES, QUERY_CLASS_LABELS } from './targets/types.js';

export interface TargetCheck {
  target: string;
  measured: string;
  /** null: not measured in this size's results. */
  pass: boolean | null;
}

export const TARGETS = {
  typingP99InProcessMs: 10,
  typingP99HttpMs: 20,
  filteredP99InProcessMs: 15,
  searchesPerSec: 3000,
  ceilingShare: 0.55,
  indexingPassagesPerSec: 5000,
  peakRssMb: 2048,
  openColdMs: 1000,
} as const;

function stats(o: unknown): LatencyStats | null {
  return o && !isUnsupported(o as never) ? (o as LatencyStats) : null;
}

function check(target: string, value: number | null | undefined, ok: (v: number) => boolean, show: (v: number) => string): TargetCheck {
  if (value === null || value === undefined || Number.isNaN(value)) return { target, measured: 'not measured', pass: null };
  return { target, measured: show(value), pass: ok(value) };
}

/** Passages per second of a run stopped at its bound (it was indexing at that rate when stopped). */
function partialRate(m: Maybe<object> | undefined): number | null {
  if (!m || finished(m)) return null;
  const nf = m as NotFinished;
  return nf.progress && nf.elapsedS ? Math.round(nf.progress / nf.elapsedS) : null;
}

export function evaluateTargets(r: SizeResults): TargetCheck[] {
  const inProc = finished(r.ours.inProcess) ? r.ours.inProcess : null;
  const http = finished(r.ours.http) ? r.ours.http : null;
  const tp = finished(r.ours.throughput) ? r.ours.throughput : null;
  const ceil = finished(r.ours.ceiling) ? r.ours.ceiling : null;
  const replay = r.ours.replayCeiling && finished(r.ours.replayCeiling) ? r.ours.replayCeiling : null;
  // The best any engine could do behind Express with our answers' bodies, measured in the same run.
  const bound = (share: boolean): string =>
    replay ? `; replaying our answers with no engine: ${share && ceil ? `${((replay.requestsPerSec / ceil.requestsPerSec) * 100).toFixed(0)}%` : `${replay.requestsPerSec.toLocaleString('en-US')} /s`}` : '';
  const raw = finished(r.ours.indexRaw) ? r.ours.indexRaw : null;
  const docs = finished(r.ours.indexDocs) ? r.ours.indexDocs : null;
  const open = finished(r.ours.openCold) ? r.ours.openCold : null;
  const ms = (v: number): string => `${v.toFixed(2)} ms`;
  const T = TARGETS;
  const out: TargetCheck[] = [
    check(`As-you-type p99 ≤ ${T.typingP99InProcessMs} ms per keystroke in-process`, stats(inProc?.classes.typing)?.p99, (v) => v <= T.typingP99InProcessMs, ms),
    check(`As-you-type p99 ≤ ${T.typingP99HttpMs} ms over HTTP with facet counts`, stats(http?.classes.typingFacets)?.p99, (v) => v <= T.typingP99HttpMs, ms),
    check(`Keyword + filters + all facet counts p99 ≤ ${T.filteredP99InProcessMs} ms in-process`, stats(inProc?.classes.filtered)?.p99, (v) => v <= T.filteredP99InProcessMs, ms),
    check(`≥ ${T.searchesPerSec.toLocaleString('en-US')} real searches/s over HTTP`, tp?.requestsPerSec, (v) => v >= T.searchesPerSec, (v) => `${v.toLocaleString('en-US')} /s${bound(false)}`),
    check(`≥ ${Math.round(T.ceilingShare * 100)}% of the bare-Express ceiling`, tp && ceil ? tp.requestsPerSec / ceil.requestsPerSec : null, (v) => v >= T.ceilingShare, (v) => `${(v * 100).toFixed(0)}% (${tp!.requestsPerSec} / ${ceil!.requestsPerSec})${bound(true)}`),
    check(`Indexing ≥ ${T.indexingPassagesPerSec.toLocaleString('en-US')} passages/s end to end with tagging`, raw?.passagesPerSec ?? partialRate(r.ours.indexRaw), (v) => v >= T.indexingPassagesPerSec,
      (v) => `${v.toLocaleString('en-US')} /s${raw ? '' : ' (rate until the run was stopped at its time bound)'}`),
    check(`Peak RSS ≤ 2 GB (indexing)`, raw || docs ? Math.max(raw?.peakRssMb ?? 0, docs?.peakRssMb ?? 0) : null, (v) => v <= T.peakRssMb, (v) => `${v.toLocaleString('en-US')} MB`),
    check(`Open cold ≤ 1 s`, open?.openAndFirstQueryMs, (v) => v <= T.openColdMs, ms),
  ];
  // Ahead of every peer on every query class: p50 and p99 both at or below the peer's.
  const behind: string[] = [];
  let compared = 0;
  for (const [name, m] of Object.entries(r.peers)) {
    if (!finished(m) || !inProc) continue;
    for (const c of QUERY_CLASSES) {
      const a = stats(inProc.classes[c]);
      const b = stats(m.classes[c]);
      if (!a || !b) continue;
      compared++;
      if (a.p50 > b.p50 || a.p99 > b.p99) behind.push(`${QUERY_CLASS_LABELS[c]} vs ${m.name} (${a.p50}/${a.p99} vs ${b.p50}/${b.p99} ms)`);
    }
  }
  out.push({
    target: 'Ahead of every peer on every query class (p50 and p99)',
    measured: compared === 0 ? 'not measured' : behind.length === 0
        ? `ahead in all ${compared} comparisons`
        : `behind in ${behind.length}/${compared}: ${behind.slice(0, 5).join('; ')}${behind.length > 5 ? `; and ${behind.length - 5} more (see the ratio table)` : ''}`,
    pass: compared === 0 ? null : behind.length === 0,
  });
  return out;
}
