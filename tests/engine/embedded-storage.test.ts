/**
 * The embedded engine's storage guarantees: readers in another engine (or process) see the old
 * index or the new one, never half; abort and kill -9 leave the serving index intact; faults
 * become EngineUnavailableError / IndexNotFoundError and heal by themselves; incremental writes.
 */
import { spawn } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createEmbeddedEngine } from '../../engine/embedded/index.js';
import { hasIndex } from '../../indexer/run.js';
import type { Engine } from '../../engine/types.js';
import { FIXTURE, ids, indexDocs, passage, req } from './fixture.js';

const CHILD = path.resolve('tests/engine/writer-child.ts');

function child(args: string[]) {
  return spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
}

const corpus = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => passage(`${prefix}${Math.floor(i / 10)}`, i % 10, `${prefix} passage number ${i} about the border`));

async function browse(engine: Engine) {
  const r = await engine.search(req('', { limit: 100 }));
  return { total: r.totalHits, ids: ids(r) };
}

const dirs: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(path.join(tmpdir(), 'nf-storage-'));
  dirs.push(d);
  return d;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function build(dataDir: string, docs = corpus('x', 30)): Promise<Engine> {
  const engine = createEmbeddedEngine({ dataDir });
  const w = await engine.beginWrite('replace');
  await w.putArticles(docs);
  await w.commit();
  return engine;
}

test('a reader in this process sees whole generations while another process keeps replacing the index', async () => {
  const dataDir = tempDir();
  const reader = await build(dataDir);
  const proc = child(['flip', dataDir, '12']);
  const exited = new Promise<number | null>((resolve) => proc.on('exit', resolve));
  let running = true;
  void exited.then(() => (running = false));
  const seen = new Set<number>();
  while (running) {
    const { total, ids: got } = await browse(reader);
    seen.add(total);
    // x: 30 passages x0-0…; y: 40 passages y0-0…; a mix or a partial count would be a torn read.
    const prefix = total === 30 ? 'x' : 'y';
    expect([30, 40]).toContain(total);
    expect(got.every((id) => id.startsWith(prefix))).toBe(true);
    await new Promise((r) => setTimeout(r, 2));
  }
  expect(await exited).toBe(0);
  expect(seen.has(40)).toBe(true);
  expect(await browse(reader)).toMatchObject({ total: 30 });
  await reader.close();
});

test('abort leaves the serving index and no stray files', async () => {
  const dataDir = tempDir();
  const engine = await build(dataDir);
  const before = readdirSync(path.join(dataDir, 'passages')).sort();
  const w = await engine.beginWrite('replace');
  await w.putArticles(corpus('y', 40));
  await w.abort();
  expect(await browse(engine)).toMatchObject({ total: 30 });
  expect(readdirSync(path.join(dataDir, 'passages')).sort()).toEqual(before);
  await expect(w.commit()).rejects.toMatchObject({ code: 'engine_write_failed' });
  await engine.close();
});

test('a writer killed with SIGKILL mid-commit leaves the old index searchable, and the next write takes over', async () => {
  const dataDir = tempDir();
  const engine = await build(dataDir);
  const proc = child(['stage', dataDir, '20000']);
  const exited = new Promise<NodeJS.Signals | null>((resolve) => proc.on('exit', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve) =>
    proc.stdout.on('data', (b: Buffer) => {
      if (b.toString().includes('commit')) {
        proc.kill('SIGKILL');
        resolve();
      }
    }),
  );
  expect(await exited).toBe('SIGKILL');
  const after = await browse(engine);
  // Killed before the CURRENT flip (the build of 20,000 passages takes far longer than the kill).
  expect(after.total).toBe(30);
  const w = await engine.beginWrite('replace');
  await w.putArticles(corpus('y', 40));
  await w.commit();
  expect(await browse(engine)).toMatchObject({ total: 40 });
  // Only the new generation's two files remain: the killed writer's files were swept.
  expect(readdirSync(path.join(dataDir, 'passages')).filter((f) => f.startsWith('gen-')).sort()).toEqual(['gen-2.data', 'gen-2.sqlite']);
  await engine.close();
}, 60_000);

test('one writer at a time', async () => {
  const dataDir = tempDir();
  const engine = await build(dataDir);
  const w = await engine.beginWrite('incremental');
  await expect(engine.beginWrite('replace')).rejects.toMatchObject({ code: 'engine_write_failed' });
  await w.abort();
  await (await engine.beginWrite('replace')).abort();
  await engine.close();
});

describe('faults', () => {
  test('no index yet: IndexNotFoundError and not ready', async () => {
    const engine = createEmbeddedEngine({ dataDir: tempDir() });
    await expect(engine.search(req('x'))).rejects.toMatchObject({ code: 'index_not_found' });
    expect(await engine.ready()).toMatchObject({ ready: false });
    await engine.close();
  });

  test('an unreadable or corrupt file: EngineUnavailableError, then recovery by itself', async () => {
    const dataDir = tempDir();
    const engine = await build(dataDir);
    const dir = path.join(dataDir, 'passages');
    const gen = path.join(dir, readFileSync(path.join(dir, 'CURRENT'), 'utf8').trim());

    chmodSync(gen, 0o000);
    await expect(engine.search(req('border'))).rejects.toMatchObject({ code: 'engine_unavailable' });
    expect(await engine.ready()).toMatchObject({ ready: false });
    chmodSync(gen, 0o644);
    expect(await browse(engine)).toMatchObject({ total: 30 });

    copyFileSync(gen, `${gen}.bak`);
    writeFileSync(gen, Buffer.alloc(8192, 7));
    await expect(engine.search(req('border'))).rejects.toMatchObject({ code: 'engine_unavailable' });
    await expect(engine.stats()).rejects.toMatchObject({ code: 'engine_unavailable' });
    copyFileSync(`${gen}.bak`, gen);
    expect(await browse(engine)).toMatchObject({ total: 30 });
    expect(await engine.ready()).toEqual({ ready: true });
    await engine.close();
    await expect(engine.search(req(''))).rejects.toMatchObject({ code: 'engine_unavailable' });
  });

  test('an index in an older format counts as none, so the indexer replaces it', async () => {
    const dataDir = tempDir();
    const engine = await build(dataDir);
    const dir = path.join(dataDir, 'passages');
    const gen = path.join(dir, readFileSync(path.join(dir, 'CURRENT'), 'utf8').trim());
    await engine.close();
    const db = new Database(gen);
    db.prepare("UPDATE meta SET value = '3' WHERE key = 'format'").run();
    db.close();

    const reopened = createEmbeddedEngine({ dataDir });
    await expect(reopened.search(req('border'))).rejects.toMatchObject({ code: 'index_not_found', message: expect.stringContaining('format 3') });
    expect(await hasIndex(reopened)).toBe(false);
    const w = await reopened.beginWrite('replace');
    await w.putArticles(corpus('y', 40));
    await w.commit();
    expect(await browse(reopened)).toMatchObject({ total: 40 });
    await reopened.close();
  });
});

test('incremental writes: replace an article, upsert, delete, list', async () => {
  const index = await indexDocs(FIXTURE);
  const w = await index.engine.beginWrite('incremental');
  expect(await w.listArticleIds()).toEqual(['a1', 'b2', 'c3', 'd4', 'e5']);
  await w.putArticles([passage('a1', 0, 'A single rewritten passage about sanctuaries.')]);
  await w.upsertPassages([passage('c3', 1, 'The assembly passed the budget.'), passage('f6', 0, 'A new sanctuaries story.')]);
  await w.deletePassages(['e5-1']);
  await w.deleteArticles(['d4']);
  // Nothing visible before commit.
  expect((await index.engine.search(req(''))).totalHits).toBe(11);
  const stats = await w.commit();
  expect({ passages: stats.passages, articles: stats.articles }).toEqual({ passages: 7, articles: 5 });
  expect(ids(await index.engine.search(req('', { limit: 100 })))).toEqual(['a1-0', 'b2-0', 'b2-1', 'c3-0', 'c3-1', 'e5-0', 'f6-0']);
  expect(ids(await index.engine.search(req('sanctuaries')))).toEqual(['a1-0', 'f6-0']);
  expect(ids(await index.engine.search(req('inflation')))).toEqual(['b2-0']);
  await index.cleanup();
});

test('an incremental run over unchanged input keeps the serving generation; a change makes a new one', async () => {
  const dataDir = tempDir();
  const docs = corpus('x', 30);
  const engine = await build(dataDir, docs);
  const current = () => readFileSync(path.join(dataDir, 'passages', 'CURRENT'), 'utf8').trim();
  const before = current();
  const w = await engine.beginWrite('incremental');
  await w.putArticles(docs);
  expect(await w.commit()).toMatchObject({ passages: 30, articles: 3 });
  expect(current()).toBe(before);
  const w2 = await engine.beginWrite('incremental');
  await w2.putArticles([...docs.slice(0, 9), { ...docs[9], text: 'changed' }]);
  expect(await w2.commit()).toMatchObject({ passages: 30, articles: 3 });
  expect(current()).not.toBe(before);
  expect(ids(await engine.search(req('changed')))).toEqual(['x0-9']);
  await engine.close();
});
