/**
 * The indexer's second pass over its input: articles whose tags changed once the whole run was
 * seen (a title learned in another article, a spelling merged across articles) are written again
 * in the same engine write. putArticles replaces all of an article's passages, so nothing of the
 * first version survives. The input is read again rather than kept: only the few changed articles
 * are parsed, tagged or rebuilt (the rest of an NDJSON file is skipped line by line), and memory
 * stays one file at a time.
 */
import type { IndexWriter, PassageDoc } from '../engine/types.js';
import { loadArticlesAt } from './load/index.js';
import { toArticle } from './article.js';
import { toPassageDocs } from './documents.js';
import type { RunTally } from './run-tally.js';
import type { RunOutcome } from './tagging/run-learning.js';
import type { TagInput, TagResult } from './tagging/types.js';
import type { Article } from './types.js';

export interface RewriteInput {
  paths: readonly string[];
  maxFileBytes: number;
  batchPassages: number;
  outcome: RunOutcome;
  tag(input: TagInput): TagResult | Promise<TagResult>;
  writer: IndexWriter;
  /** What the first pass wrote: article id → its origin (a later duplicate id is not it) and passage count. */
  written: ReadonlyMap<string, WrittenArticle>;
  tally: RunTally;
  checkAborted(): void;
}

export interface WrittenArticle {
  origin: string;
  passages: number;
}

export function tagInputOf(article: Article): TagInput {
  return { id: article.id, text: article.text, date: article.publishedDate, title: article.title, source: article.source ?? undefined };
}

/** Rewrites the changed articles; returns how many were written again. */
export async function rewriteChanged(o: RewriteInput): Promise<number> {
  const todo = new Set([...o.outcome.changed].filter((id) => o.written.has(id)));
  if (!todo.size) return 0;
  // Only where the first pass read them: at 1M the rest of the input is ~500 MB to parse again.
  const origins = new Set([...todo].map((id) => o.written.get(id)!.origin));
  let batch: PassageDoc[] = [];
  let rewritten = 0;
  for await (const item of loadArticlesAt(o.paths, origins, { maxFileBytes: o.maxFileBytes })) {
    if (item.kind !== 'article') continue;
    const outcome = toArticle(item.article);
    const first = outcome.ok ? o.written.get(outcome.article.id) : undefined;
    if (!outcome.ok || !first || !todo.has(outcome.article.id) || first.origin !== outcome.article.origin) continue;
    o.checkAborted();
    const { article } = outcome;
    todo.delete(article.id);
    const tags = o.outcome.retagged(article.id) ?? o.outcome.finalize(await o.tag(tagInputOf(article)));
    const docs = toPassageDocs(article, tags);
    o.tally.revise(docs, first.passages);
    batch.push(...docs);
    rewritten++;
    if (batch.length >= o.batchPassages) {
      await o.writer.putArticles(batch);
      batch = [];
    }
    if (!todo.size) break;
  }
  if (batch.length) await o.writer.putArticles(batch);
  return rewritten;
}
