/**
 * One indexing run: load → article metadata → tags → passage documents → engine, streamed in
 * batches of whole articles inside one engine write. Nothing is visible to searches before the
 * final commit; any failure aborts the write, so the index that was serving keeps serving.
 */
import type { Engine, EngineStats, IndexWriter, WriteMode } from '../engine/types.js';
import { IndexNotFoundError } from '../engine/errors.js';
import type { TaggedArticle, TagInput, TagResult } from './tagging/types.js';
import type { LearnedRoleReport } from './tagging/tagger.js';
import { RunLearning, secondPass, type RunLearningReport } from './tagging/run-learning.js';
import { rewriteChanged, tagInputOf, type WrittenArticle } from './rewrite.js';
import type { Article, Rejection } from './types.js';
import { loadArticles, validateLoadOptions } from './load/index.js';
import { toArticle } from './article.js';
import { toPassageDocs } from './documents.js';
import { RunTally } from './run-tally.js';
import type { PassageDoc } from '../engine/types.js';

/** What the run needs of the tagger (indexer/tagging/tagger.ts implements it). */
export interface Tagger {
  tag(input: TagInput): TagResult | Promise<TagResult>;
  /**
   * tag() with what the article taught; when present, the run learns across articles
   * (tagging/run-learning.ts) exactly as `npm run tag` does, and rewrites the articles that changed.
   */
  tagDetailed?(input: TagInput): TaggedArticle | Promise<TaggedArticle>;
  /** Titles and aliases the tagger learned during the run, reported in the summary. */
  learned?(): LearnedRoleReport[] | Promise<LearnedRoleReport[]>;
  /** How many articles it tags at once (a worker pool); 1 when absent. */
  readonly concurrency?: number;
  /** Nothing more to tag for now: a pool stops its workers before the final build (the run's memory peak). */
  release?(): Promise<void>;
}

export interface RunProgress {
  articles: number;
  passages: number;
  rejected: number;
  elapsedMs: number;
}

export interface RunOptions {
  paths: readonly string[];
  engine: Engine;
  /** Default: 'replace' when the engine has no index yet, else 'incremental'. */
  mode?: WriteMode;
  /** Incremental runs: delete articles that are in the index but not in this input. */
  prune?: boolean;
  /** Default: the project's tagger (indexer/tagging/tagger.ts). */
  tagger?: Tagger;
  /** Passages per engine write (rounded up to whole articles). */
  batchPassages?: number;
  maxFileBytes?: number;
  /** Called at most every `progressIntervalMs` while the run goes, and once at the end. */
  onProgress?: (progress: RunProgress) => void;
  progressIntervalMs?: number;
  /** Called as each input is rejected (the CLI prints it at once). */
  onReject?: (rejection: Rejection) => void;
  /** Aborting stops the run and aborts the engine write. */
  signal?: AbortSignal;
}

export const RUN_DEFAULTS = { batchPassages: 2000, progressIntervalMs: 1000, prune: false } as const;

/** Articles handed to each tagging worker ahead of the one the run is waiting for. */
const TAG_AHEAD_PER_WORKER = 64;

export interface RunSummary {
  mode: WriteMode;
  /** Articles written in this run. */
  articles: number;
  passages: number;
  /** Distinct values over this run's passages. */
  speakers: number;
  topics: number;
  places: number;
  organisations: number;
  /** Articles by where their date came from. */
  dates: { header: number; inferred: number; unknown: number };
  /** Articles deleted by --prune. */
  pruned: number;
  rejected: Rejection[];
  /** The index after the commit. */
  index: EngineStats;
  /** What the tagger learned (titles bound to people not in its people file), when it reports it. */
  learnedAliases?: LearnedRoleReport[];
  /** Articles tagged again with titles learned elsewhere in the run, and what changed. */
  reResolved?: RunLearningReport['reResolved'] & { rewritten: number };
  /** Spellings of one unlisted person merged across the run's articles. */
  variantMerges?: RunLearningReport['variantMerges'];
  durationMs: number;
  passagesPerSecond: number;
}

/** A run that cannot go on (nothing to index, engine failure, aborted). The CLI exits 1. */
export class IndexerError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'IndexerError';
  }
}

function validate(options: RunOptions) {
  const batchPassages = options.batchPassages ?? RUN_DEFAULTS.batchPassages;
  const progressIntervalMs = options.progressIntervalMs ?? RUN_DEFAULTS.progressIntervalMs;
  if (!Number.isInteger(batchPassages) || batchPassages <= 0) {
    throw new Error(`Indexer: option "batchPassages" must be a positive integer, got ${batchPassages}`);
  }
  if (!(progressIntervalMs >= 0)) throw new Error(`Indexer: option "progressIntervalMs" must be >= 0, got ${progressIntervalMs}`);
  if (options.paths.length === 0) throw new Error('Indexer: option "paths" must name at least one file or directory');
  if (options.mode !== undefined && options.mode !== 'replace' && options.mode !== 'incremental') {
    throw new Error(`Indexer: option "mode" must be "replace" or "incremental", got ${String(options.mode)}`);
  }
  return { batchPassages, progressIntervalMs, ...validateLoadOptions(options) };
}

/** Whether the engine holds an index yet (decides the default mode). */
export async function hasIndex(engine: Engine): Promise<boolean> {
  try {
    await engine.stats();
    return true;
  } catch (err) {
    if (err instanceof IndexNotFoundError) return false;
    throw err;
  }
}

export async function loadDefaultTagger(): Promise<Tagger> {
  const { createTagger } = await import('./tagging/tagger.js');
  return createTagger();
}

export async function runIndex(options: RunOptions): Promise<RunSummary> {
  const settings = validate(options);
  const started = performance.now();
  const { engine, signal } = options;
  const tagger = options.tagger ?? (await loadDefaultTagger());
  const mode: WriteMode = options.mode ?? ((await hasIndex(engine)) ? 'incremental' : 'replace');
  const prune = options.prune ?? RUN_DEFAULTS.prune;
  // Enough articles in flight to keep every tagging worker busy while results are taken in order,
  // through the indexing thread's pauses: staging a batch of 2,000 passages takes ~40 ms, and an
  // article takes a worker ~1 ms to tag, so 4 per worker (as before) left both workers idle for most
  // of each staging call.
  const maxInFlight = Math.max(1, (tagger.concurrency ?? 1) * TAG_AHEAD_PER_WORKER);

  const rejected: Rejection[] = [];
  const reject = (r: Rejection) => {
    rejected.push(r);
    options.onReject?.(r);
  };
  /** article id → origin: a second article with the same id is reported, not silently merged. */
  const seen = new Map<string, string>();
  /** Articles still in the input but rejected this time (e.g. a bad date): --prune keeps what was indexed. */
  const keepOnPrune = new Set<string>();
  const tally = new RunTally();
  const learning = tagger.tagDetailed ? new RunLearning() : null;
  /** Articles written: the ones the second pass may write again. */
  const written = new Map<string, WrittenArticle>();
  /** Articles being tagged, in input order: results are taken from the front, so output order is input order. */
  const inFlight: Array<{ article: Article; tags: Promise<TagOutcome> }> = [];
  let batch: PassageDoc[] = [];
  let lastProgress = started;
  let lastYield = started;
  const progress = (): RunProgress => ({ articles: tally.articles, passages: tally.passages, rejected: rejected.length, elapsedMs: performance.now() - started });
  const checkAborted = () => {
    if (signal?.aborted) throw new IndexerError('Indexer: run aborted', { cause: signal.reason });
  };

  const writer: IndexWriter = await engine.beginWrite(mode);
  const settleOldest = async (): Promise<void> => {
    const { article, tags } = inFlight.shift() as (typeof inFlight)[number];
    const outcome = await tags;
    let docs: PassageDoc[];
    try {
      if (!outcome.ok) throw outcome.error;
      docs = toPassageDocs(article, outcome.tagged.result);
    } catch (err) {
      // One article the tagger cannot handle should not cost the other 10^5; it is reported instead.
      reject({ origin: article.origin, reason: `tagging failed: ${err instanceof Error ? err.message : String(err)}` });
      return;
    }
    if (docs.length === 0) {
      reject({ origin: article.origin, reason: 'no passages (article text too short or empty)' });
      return;
    }
    tally.addArticle(article.dateSource, docs);
    written.set(article.id, { origin: article.origin, passages: docs.length });
    learning?.observe(tagInputOf(article), outcome.tagged);
    // Batches hold whole articles: putArticles replaces an article's passages, so splitting one
    // across two calls would delete its first half.
    batch.push(...docs);
    if (batch.length >= settings.batchPassages) {
      await writer.putArticles(batch);
      batch = [];
    }
  };

  try {
    for await (const item of loadArticles(options.paths, settings)) {
      checkAborted();
      if (item.kind === 'rejection') {
        reject(item.rejection);
        continue;
      }
      const outcome = toArticle(item.article);
      if (!outcome.ok) {
        reject(outcome.rejection);
        if (outcome.articleId !== null) keepOnPrune.add(outcome.articleId);
        continue;
      }
      const { article } = outcome;
      const firstOrigin = seen.get(article.id);
      if (firstOrigin !== undefined) {
        reject({ origin: article.origin, reason: `duplicate article id "${article.id}" (first seen in ${firstOrigin}); skipped` });
        continue;
      }
      seen.set(article.id, article.origin);
      inFlight.push({ article, tags: tagArticle(tagger, article) });
      while (inFlight.length >= maxInFlight) await settleOldest();

      const now = performance.now();
      // Tagging in-process and staging are synchronous; giving the event loop a turn now and then
      // lets a SIGINT/SIGTERM be handled within ~50 ms instead of at the next file read.
      if (now - lastYield >= 50) {
        lastYield = now;
        await new Promise((resolve) => setImmediate(resolve));
      }
      if (options.onProgress && now - lastProgress >= settings.progressIntervalMs) {
        lastProgress = now;
        options.onProgress(progress());
      }
    }
    while (inFlight.length > 0) {
      checkAborted();
      await settleOldest();
    }
    if (batch.length > 0) await writer.putArticles(batch);
    batch = [];
    if (tally.articles === 0) {
      throw new IndexerError('Indexer: no article could be indexed from the input; the index is left as it was');
    }
    let learned: { report: RunLearningReport; rewritten: number } | null = null;
    if (learning && tagger.tagDetailed) {
      const outcome = await secondPass(learning, { tagDetailed: (input) => tagger.tagDetailed!(input) });
      const rewritten = await rewriteChanged({
        paths: options.paths,
        maxFileBytes: settings.maxFileBytes,
        batchPassages: settings.batchPassages,
        outcome,
        tag: (input) => tagger.tag(input),
        writer,
        written,
        tally,
        checkAborted,
      });
      tally.forgetSpeakers(outcome.report.variantMerges.flatMap((m) => m.variants));
      learned = { report: outcome.report, rewritten };
    }
    written.clear();
    let pruned = 0;
    if (prune && mode === 'incremental') {
      const stale = (await writer.listArticleIds()).filter((id) => !seen.has(id) && !keepOnPrune.has(id));
      for (let i = 0; i < stale.length; i += 1000) await writer.deleteArticles(stale.slice(i, i + 1000));
      pruned = stale.length;
    }
    checkAborted();
    // The tagging workers' heaps (~240 MB for two after 6,000 articles) would sit idle through the build.
    await tagger.release?.();
    const index = await writer.commit();
    options.onProgress?.(progress());
    const learnedAliases = learned ? learned.report.learnedAliases : tagger.learned ? await tagger.learned() : undefined;
    const durationMs = performance.now() - started;
    return {
      mode,
      articles: tally.articles,
      passages: tally.passages,
      ...tally.distinct(),
      dates: tally.dates,
      pruned,
      rejected,
      index,
      ...(learnedAliases ? { learnedAliases } : {}),
      ...(learned ? { reResolved: { ...learned.report.reResolved, rewritten: learned.rewritten }, variantMerges: learned.report.variantMerges } : {}),
      durationMs: Math.round(durationMs),
      passagesPerSecond: Math.round(tally.passages / Math.max(durationMs / 1000, 1e-3)),
    };
  } catch (err) {
    await writer.abort().catch(() => undefined);
    throw err;
  }
}

type TagOutcome = { ok: true; tagged: TaggedArticle } | { ok: false; error: unknown };

/** Never rejects: a failure is kept as a value until its turn, so no rejection goes unhandled meanwhile. */
function tagArticle(tagger: Tagger, article: Article): Promise<TagOutcome> {
  const input = tagInputOf(article);
  return Promise.resolve()
    .then(async (): Promise<TaggedArticle> => (tagger.tagDetailed ? tagger.tagDetailed(input) : { result: await tagger.tag(input), notes: NO_NOTES }))
    .then(
      (tagged): TagOutcome => ({ ok: true, tagged }),
      (error: unknown): TagOutcome => ({ ok: false, error }),
    );
}

const NO_NOTES: TaggedArticle['notes'] = Object.freeze({ learned: [], unresolvedTitles: [], appliedRoles: [], unlistedSpeakers: [] });
