/**
 * Runs every query class of a query set against one engine (ours in-process, a peer, or our HTTP API)
 * with the same inputs in the same order, so rows of the results table compare like with like.
 */
import { timeSequential, summarize, type ClassOutcome, type LatencyStats } from './measure.js';
import type { QuerySet, TypingQuery } from './queries.js';
import { QUERY_CLASSES, type QueryClass, type QueryRunner } from './targets/types.js';

export interface ClassResults {
  /** Set when the process was stopped before every class ran: the classes present are complete. */
  incomplete?: string;
  classes: Partial<Record<QueryClass | 'suggest', ClassOutcome>>;
  /** As-you-type latency by letters typed: short prefixes are the hard case. */
  typingByLetters?: Record<string, LatencyStats>;
}

export function inputsFor(cls: QueryClass, qs: QuerySet): readonly unknown[] {
  switch (cls) {
    case 'keyword':
    case 'grouped':
      return qs.keyword;
    case 'typing':
    case 'typingFacets':
      return qs.typing;
    case 'typo':
      return qs.typo.map((t) => t.q);
    case 'filtered':
      return qs.filtered;
    case 'facetSearch':
      return qs.facetSearch;
  }
}

export function byLetters(typing: readonly TypingQuery[], times: number[]): Record<string, LatencyStats> {
  const buckets = new Map<string, number[]>();
  times.forEach((t, i) => {
    const n = typing[i].letters;
    const key = n >= 4 ? '4+' : String(n);
    if (!buckets.has(key)) buckets.set(key, []);
    buckets.get(key)!.push(t);
  });
  return Object.fromEntries([...buckets].map(([k, ts]) => [k, summarize(ts, ts.length, 0, 0, false)]));
}

/** The warm-up queries as keywords and, where the engine counts facets, with all facet counts. */
export async function warmUp(queries: readonly string[], keyword: (q: string) => unknown, withFacets?: (q: string) => unknown): Promise<void> {
  for (const q of queries) {
    await keyword(q);
    await withFacets?.(q);
  }
}

export async function runClasses(
  runner: QueryRunner,
  qs: QuerySet,
  opts: {
    budgetMs: number;
    unsupported?: Partial<Record<QueryClass, string>>;
    only?: readonly QueryClass[];
    log?: (m: string) => void;
    /** After each class: lets the worker save what it has in case it is stopped at its bound. */
    onClass?: (sofar: ClassResults) => void;
  },
): Promise<ClassResults> {
  const out: ClassResults = { classes: {} };
  await warmUp(qs.warmup, (q) => runner.keyword?.(q), opts.unsupported?.typingFacets ? undefined : (q) => runner.typingFacets?.({ q: `${q} `, letters: 0 }));
  for (const cls of opts.only ?? QUERY_CLASSES) {
    const fn = runner[cls] as ((x: unknown) => Promise<number> | number) | undefined;
    const reason = opts.unsupported?.[cls];
    if (!fn || reason) {
      out.classes[cls] = { unsupported: reason ?? 'not supported' };
      continue;
    }
    const inputs = inputsFor(cls, qs);
    const { perInput, ...stats } = await timeSequential(inputs, fn.bind(runner), opts.budgetMs);
    out.classes[cls] = stats;
    if (cls === 'typing') out.typingByLetters = byLetters(qs.typing, perInput);
    opts.onClass?.(out);
    opts.log?.(`${cls}: n=${stats.n}/${stats.planned} p50=${stats.p50} p99=${stats.p99} ms hits=${stats.hitsMean}${stats.errors ? ` errors=${stats.errors} (${stats.firstError})` : ''}`);
  }
  return out;
}
