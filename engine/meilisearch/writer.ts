/**
 * IndexWriter on Meilisearch.
 *
 * 'replace': settings first, then documents, into `${index}__next` (and `${index}_words__next`);
 * commit swaps both pairs in ONE swapIndexes task (atomic), then deletes the old indexes. A
 * search during the run sees the old index; abort() or a crash leaves it serving.
 *
 * 'incremental': Meilisearch has no multi-task transaction, so operations are buffered and applied
 * on commit(); each task is atomic, the run as a whole is not (a search may see some articles
 * updated and others not yet). putArticles adds the new passages first and then deletes the ids
 * that vanished, so an article is never missing in between.
 *
 * Word counts (completeWord) follow every change through a ledger: the text of each passage
 * replaced or deleted is read back before it goes, so counts stay exact across incremental runs.
 */
import type { EngineStats, IndexWriter, PassageDoc, WriteMode } from '../types.js';
import { EngineWriteError } from '../errors.js';
import { passageIndexSettings, wordIndexSettings } from './settings.js';
import { addDocuments, deleteDocumentIds, fetchAll, fetchByArticle, fetchByIds, storedPassage, chunks, LOOKUP_CHUNK } from './documents.js';
import { applyLedger, wordId, wordIndexName, WordLedger, type WordDoc } from './words.js';
import type { Transport } from './transport.js';

export interface WriterContext {
  transport: Transport;
  indexName: string;
  batchSize: number;
  stats: () => Promise<EngineStats>;
}

export const BUILD_SUFFIX = '__next';

type Op =
  | { kind: 'put'; docs: PassageDoc[] }
  | { kind: 'upsert'; docs: PassageDoc[] }
  | { kind: 'deletePassages'; ids: string[] }
  | { kind: 'deleteArticles'; articleIds: string[] };

type Raw = Record<string, unknown>;
const OLD_FIELDS = ['id', 'articleId', 'text'];

/**
 * Meilisearch breaks the last ties by internal document id, given in insertion order; the
 * embedded engine by passage id. Inserting in id order makes a fresh build tie-break the same.
 */
function inIdOrder(docs: readonly PassageDoc[]): PassageDoc[] {
  for (const d of docs) {
    // Checked here so a bad id fails its own call, not a batch task (or a lookup) later.
    if (typeof d.id !== 'string' || !DOCUMENT_ID.test(d.id)) {
      throw new EngineWriteError(`passage ${JSON.stringify(d.id)}: Meilisearch ids must match [A-Za-z0-9_-]{1,511}`);
    }
    if (typeof d.articleId !== 'string' || d.articleId.length === 0) throw new EngineWriteError(`passage ${JSON.stringify(d.id)}: "articleId" must be a non-empty string`);
  }
  return docs.map(storedPassage).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

const DOCUMENT_ID = /^[A-Za-z0-9_-]{1,511}$/;

/** Creates `uid` (tolerating "already exists") and applies its settings, both awaited. */
export async function prepareIndex(t: Transport, uid: string, words: boolean): Promise<void> {
  await t.task(`create index ${uid}`, (c) => c.createIndex(uid, { primaryKey: 'id' }), ['index_already_exists']);
  await t.task(`settings of ${uid}`, (c) => c.index(uid).updateSettings(words ? wordIndexSettings() : passageIndexSettings()));
}

export async function deleteIndex(t: Transport, uid: string): Promise<void> {
  await t.task(`delete index ${uid}`, (c) => c.deleteIndex(uid), ['index_not_found']);
}

export async function beginMeilisearchWrite(ctx: WriterContext, mode: WriteMode): Promise<IndexWriter> {
  const live = ctx.indexName;
  const liveWords = wordIndexName(live);
  if (mode === 'replace') {
    const target = live + BUILD_SUFFIX;
    const targetWords = liveWords + BUILD_SUFFIX;
    // Leftovers of a crashed run would mix old documents into the new index.
    await deleteIndex(ctx.transport, target);
    await deleteIndex(ctx.transport, targetWords);
    await prepareIndex(ctx.transport, target, false);
    await prepareIndex(ctx.transport, targetWords, true);
    return new MeilisearchIndexWriter(ctx, mode, target, targetWords);
  }
  await prepareIndex(ctx.transport, live, false);
  await prepareIndex(ctx.transport, liveWords, true);
  return new MeilisearchIndexWriter(ctx, mode, live, liveWords);
}

class MeilisearchIndexWriter implements IndexWriter {
  readonly #ctx: WriterContext;
  readonly #mode: WriteMode;
  readonly #uid: string;
  readonly #wordsUid: string;
  readonly #ledger = new WordLedger();
  readonly #ops: Op[] = [];
  /** replace mode: what the fresh target index holds, so lookups of old text are skipped when nothing can be old. */
  readonly #written = new Map<string, Set<string>>();
  readonly #writtenIds = new Set<string>();
  #state: 'open' | 'committed' | 'aborted' = 'open';

  constructor(ctx: WriterContext, mode: WriteMode, uid: string, wordsUid: string) {
    this.#ctx = ctx;
    this.#mode = mode;
    this.#uid = uid;
    this.#wordsUid = wordsUid;
  }

  async putArticles(docs: PassageDoc[]): Promise<void> {
    await this.#submit({ kind: 'put', docs: inIdOrder(docs) });
  }
  async upsertPassages(docs: PassageDoc[]): Promise<void> {
    await this.#submit({ kind: 'upsert', docs: inIdOrder(docs) });
  }
  async deletePassages(ids: string[]): Promise<void> {
    await this.#submit({ kind: 'deletePassages', ids: [...ids] });
  }
  async deleteArticles(articleIds: string[]): Promise<void> {
    await this.#submit({ kind: 'deleteArticles', articleIds: [...articleIds] });
  }

  async listArticleIds(): Promise<string[]> {
    this.#assertOpen();
    if (this.#mode === 'replace') return [...this.#written.keys()].filter((a) => (this.#written.get(a)?.size ?? 0) > 0).sort();
    const ids = new Set((await fetchAll(this.#ctx.transport, this.#uid, { fields: ['articleId'] })).map((d) => String(d.articleId)));
    for (const op of this.#ops) {
      if (op.kind === 'put' || op.kind === 'upsert') op.docs.forEach((d) => ids.add(d.articleId));
      if (op.kind === 'deleteArticles') op.articleIds.forEach((a) => ids.delete(a));
    }
    return [...ids].sort();
  }

  async commit(): Promise<EngineStats> {
    this.#assertOpen();
    this.#state = 'committed';
    const t = this.#ctx.transport;
    if (this.#mode === 'incremental') {
      for (const op of this.#ops) await this.#apply(op);
      await this.#writeWordCounts(await this.#currentCounts());
      return this.#ctx.stats();
    }
    await this.#writeWordCounts(new Map());
    const live = this.#ctx.indexName;
    const liveWords = wordIndexName(live);
    // swapIndexes needs both sides to exist; an empty stand-in is swapped out and deleted below.
    await t.task(`create index ${live}`, (c) => c.createIndex(live, { primaryKey: 'id' }), ['index_already_exists']);
    await t.task(`create index ${liveWords}`, (c) => c.createIndex(liveWords, { primaryKey: 'id' }), ['index_already_exists']);
    await t.task(`swap ${live} with ${this.#uid}`, (c) =>
      c.swapIndexes([
        { indexes: [live, this.#uid], rename: false },
        { indexes: [liveWords, this.#wordsUid], rename: false },
      ]),
    );
    // After the swap the build names hold the previous generation.
    await deleteIndex(t, this.#uid);
    await deleteIndex(t, this.#wordsUid);
    return this.#ctx.stats();
  }

  async abort(): Promise<void> {
    if (this.#state !== 'open') return;
    this.#state = 'aborted';
    this.#ops.length = 0;
    if (this.#mode === 'replace') {
      await deleteIndex(this.#ctx.transport, this.#uid);
      await deleteIndex(this.#ctx.transport, this.#wordsUid);
    }
  }

  #assertOpen(): void {
    if (this.#state !== 'open') throw new EngineWriteError(`index writer already ${this.#state}`);
  }

  async #submit(op: Op): Promise<void> {
    this.#assertOpen();
    if (this.#mode === 'incremental') this.#ops.push(op);
    else await this.#apply(op);
  }

  /** Old passages an operation replaces or removes (their words leave the counts). */
  async #oldPassages(op: Op): Promise<Raw[]> {
    const t = this.#ctx.transport;
    const fresh = this.#mode === 'replace';
    if (op.kind === 'put' || op.kind === 'deleteArticles') {
      const articles = op.kind === 'put' ? [...new Set(op.docs.map((d) => d.articleId))] : op.articleIds;
      const wanted = fresh ? articles.filter((a) => this.#written.has(a)) : articles;
      return wanted.length ? fetchByArticle(t, this.#uid, wanted, OLD_FIELDS) : [];
    }
    const ids = op.kind === 'upsert' ? op.docs.map((d) => d.id) : op.ids;
    const wanted = fresh ? ids.filter((id) => this.#writtenIds.has(id)) : ids;
    return wanted.length ? fetchByIds(t, this.#uid, wanted, OLD_FIELDS) : [];
  }

  async #apply(op: Op): Promise<void> {
    const { transport: t, batchSize } = this.#ctx;
    const old = await this.#oldPassages(op);
    for (const d of old) this.#ledger.add(String(d.text ?? ''), -1);
    if (op.kind === 'put' || op.kind === 'upsert') {
      for (const d of op.docs) this.#ledger.add(d.text, 1);
      await addDocuments(t, this.#uid, op.docs, batchSize);
      for (const d of op.docs) this.#track(d.articleId, d.id, true);
    }
    let gone: string[];
    if (op.kind === 'put') {
      const kept = new Set(op.docs.map((d) => d.id));
      gone = old.map((d) => String(d.id)).filter((id) => !kept.has(id));
    } else if (op.kind === 'upsert') gone = [];
    else gone = old.map((d) => String(d.id));
    if (gone.length > 0) await deleteDocumentIds(t, this.#uid, gone, batchSize);
    const goneSet = new Set(gone);
    for (const d of old) if (goneSet.has(String(d.id))) this.#track(String(d.articleId), String(d.id), false);
  }

  #track(articleId: string, id: string, present: boolean): void {
    if (this.#mode !== 'replace') return;
    let ids = this.#written.get(articleId);
    if (!ids) this.#written.set(articleId, (ids = new Set()));
    if (present) {
      ids.add(id);
      this.#writtenIds.add(id);
    } else {
      ids.delete(id);
      this.#writtenIds.delete(id);
    }
  }

  /** Current counts of the words the ledger touches (incremental runs start from the live counts). */
  async #currentCounts(): Promise<Map<string, number>> {
    const words = this.#ledger.words();
    const docs: Raw[] = [];
    for (const group of chunks(words, LOOKUP_CHUNK)) {
      docs.push(...(await fetchByIds(this.#ctx.transport, this.#wordsUid, group.map(wordId), ['word', 'count'])));
    }
    return new Map(docs.map((d) => [String(d.word), Number(d.count)]));
  }

  async #writeWordCounts(current: Map<string, number>): Promise<void> {
    const { upserts, deletes } = applyLedger(this.#ledger, current);
    await addDocuments<WordDoc>(this.#ctx.transport, this.#wordsUid, upserts, this.#ctx.batchSize);
    await deleteDocumentIds(this.#ctx.transport, this.#wordsUid, deletes, this.#ctx.batchSize);
  }
}
