/**
 * An indexing run. Passages are staged in a scratch SQLite file (a copy of the serving index
 * for 'incremental'), and commit() builds a complete new generation from the staged passages in
 * id order, then flips CURRENT. Nothing a reader opens is ever written in place, so an abort or
 * a kill -9 at any point leaves the serving generation untouched; the next writer sweeps up.
 */
import Database from 'better-sqlite3';
import { rmSync } from 'node:fs';
import { EngineWriteError } from '../errors.js';
import type { EngineStats, IndexWriter, PassageDoc, WriteMode } from '../types.js';
import { GenerationBuilder, type BuildOptions } from './build.js';
import { STAGING_SCHEMA } from './schema.js';
import { fsyncFile, type IndexStore } from './store.js';
import { validatePassage } from './validate.js';

export class GenerationWriter implements IndexWriter {
  private readonly staging: Database.Database;
  private readonly generation: number;
  private done = false;
  private readonly put: Database.Statement;
  private readonly delId: Database.Statement;
  private readonly delArticle: Database.Statement;
  private readonly getJson: Database.Statement;
  private readonly articleRows: Database.Statement;
  /** Whether the staged passages differ from the serving index (always, for a replace run). */
  private dirty = true;
  private baseUpdatedAt: number | null = null;

  private constructor(
    private readonly store: IndexStore,
    private readonly release: () => void,
    private readonly buildOptions: BuildOptions,
  ) {
    const current = store.readCurrent();
    store.removeGenerationsExcept(current?.generation ?? null);
    this.generation = store.nextGeneration();
    this.staging = new Database(store.stagingFile(this.generation));
    this.staging.pragma('journal_mode = OFF');
    this.staging.pragma('synchronous = OFF');
    this.staging.exec(STAGING_SCHEMA);
    this.put = this.staging.prepare('INSERT OR REPLACE INTO staged(id, article_id, json) VALUES (?, ?, ?)');
    this.delId = this.staging.prepare('DELETE FROM staged WHERE id = ?');
    this.delArticle = this.staging.prepare('DELETE FROM staged WHERE article_id = ?');
    this.getJson = this.staging.prepare('SELECT json FROM staged WHERE id = ?').pluck();
    this.articleRows = this.staging.prepare('SELECT id, json FROM staged WHERE article_id = ?');
  }

  static open(store: IndexStore, mode: WriteMode, buildOptions: BuildOptions): GenerationWriter {
    const release = store.acquireWriteLock();
    try {
      const writer = new GenerationWriter(store, release, buildOptions);
      if (mode === 'incremental') writer.copyCurrent();
      return writer;
    } catch (err) {
      release();
      throw err instanceof EngineWriteError ? err : new EngineWriteError(`cannot start a write: ${String(err)}`, { cause: err });
    }
  }

  private copyCurrent(): void {
    const current = this.store.readCurrent();
    if (!current) return;
    this.staging.prepare('ATTACH DATABASE ? AS cur').run(current.file);
    this.staging.exec('INSERT INTO staged(id, article_id, json) SELECT id, article_id, json FROM cur.doc');
    this.baseUpdatedAt = Number(this.staging.prepare("SELECT value FROM cur.meta WHERE key = 'updatedAt'").pluck().get());
    this.staging.exec('DETACH DATABASE cur');
    this.dirty = false;
  }

  private run<T>(what: string, fn: () => T): T {
    if (this.done) throw new EngineWriteError(`${what}: this write was already committed or aborted`);
    try {
      return this.staging.transaction(fn)();
    } catch (err) {
      if (err instanceof EngineWriteError) throw err;
      throw new EngineWriteError(`${what} failed: ${String(err)}`, { cause: err });
    }
  }

  private insert(docs: PassageDoc[]): void {
    for (const doc of docs) {
      const json = JSON.stringify(doc);
      if (!this.dirty && this.getJson.get(doc.id) === json) continue;
      this.put.run(doc.id, doc.articleId, json);
      this.dirty = true;
    }
  }

  async putArticles(docs: PassageDoc[]): Promise<void> {
    docs.forEach(validatePassage);
    this.run('putArticles', () => {
      const byArticle = new Map<string, PassageDoc[]>();
      for (const d of docs) byArticle.set(d.articleId, [...(byArticle.get(d.articleId) ?? []), d]);
      for (const [a, passages] of byArticle) {
        // Re-indexing unchanged input must not cost a rebuild: skip articles that are already as given.
        if (!this.dirty && this.sameArticle(a, passages)) continue;
        if (this.delArticle.run(a).changes > 0) this.dirty = true;
        this.insert(passages);
      }
    });
  }

  private sameArticle(articleId: string, docs: PassageDoc[]): boolean {
    const stored = new Map((this.articleRows.all(articleId) as { id: string; json: string }[]).map((r) => [r.id, r.json]));
    return stored.size === docs.length && docs.every((d) => stored.get(d.id) === JSON.stringify(d));
  }

  async upsertPassages(docs: PassageDoc[]): Promise<void> {
    docs.forEach(validatePassage);
    this.run('upsertPassages', () => this.insert(docs));
  }

  async deletePassages(ids: string[]): Promise<void> {
    this.run('deletePassages', () => ids.forEach((id) => this.delId.run(id).changes > 0 && (this.dirty = true)));
  }

  async deleteArticles(articleIds: string[]): Promise<void> {
    this.run('deleteArticles', () => articleIds.forEach((a) => this.delArticle.run(a).changes > 0 && (this.dirty = true)));
  }

  async listArticleIds(): Promise<string[]> {
    return this.run('listArticleIds', () =>
      (this.staging.prepare('SELECT DISTINCT article_id AS a FROM staged ORDER BY article_id').pluck().all() as string[]),
    );
  }

  async commit(): Promise<EngineStats> {
    if (this.done) throw new EngineWriteError('commit: this write was already committed or aborted');
    const current = this.store.readCurrent();
    if (!this.dirty && current) return this.commitUnchanged(current.file, current.dataFile);
    const file = this.store.generationFile(this.generation);
    const dataFile = this.store.dataFile(this.generation);
    const builder = new GenerationBuilder(file, dataFile, this.buildOptions);
    try {
      for (const row of this.staging.prepare('SELECT json FROM staged ORDER BY id').pluck().iterate() as IterableIterator<string>) {
        builder.add(JSON.parse(row) as PassageDoc, row);
      }
      const summary = builder.finish();
      fsyncFile(file);
      this.store.writeCurrent(this.generation);
      this.done = true;
      this.staging.close();
      // Still under the lock, so no other writer's files are swept.
      this.store.removeGenerationsExcept(this.generation);
      this.finish();
      return { passages: summary.passages, articles: summary.articles, sizeBytes: (this.store.fileSize(file) ?? 0) + (this.store.fileSize(dataFile) ?? 0), updatedAt: summary.updatedAt };
    } catch (err) {
      builder.discard();
      this.finish();
      rmSync(file, { force: true });
      rmSync(dataFile, { force: true });
      throw new EngineWriteError(`commit failed, the serving index is unchanged: ${String(err)}`, { cause: err });
    }
  }

  /** An incremental run that changed nothing keeps the serving generation. */
  private commitUnchanged(file: string, dataFile: string): EngineStats {
    const counts = this.staging.prepare('SELECT count(*) AS passages, count(DISTINCT article_id) AS articles FROM staged').get() as { passages: number; articles: number };
    const at = Date.now();
    this.store.confirm(at);
    this.finish();
    return { ...counts, sizeBytes: (this.store.fileSize(file) ?? 0) + (this.store.fileSize(dataFile) ?? 0), updatedAt: Math.max(at, this.baseUpdatedAt ?? 0) };
  }

  async abort(): Promise<void> {
    if (this.done) return;
    this.finish();
  }

  private finish(): void {
    this.done = true;
    if (this.staging.open) this.staging.close();
    rmSync(this.store.stagingFile(this.generation), { force: true });
    this.release();
  }
}
