import { cpSync, mkdtempSync, readdirSync, rmSync, unlinkSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { createEngine } from '../../engine/index.js';
import { FORMAT_VERSION } from '../../engine/embedded/schema.js';
import { checkFreshness, ensureIndexed, needsIndex } from '../../indexer/freshness.js';
import { createTagger } from '../../indexer/tagging/tagger.js';

const tagger = createTagger();
let root: string;
let inputs: string;
let options: { dataDir: string; indexName: string; inputs: string[] };
const setMtime = (path: string, secondsFromNow: number) => setMtimeMs(path, Date.now() + secondsFromNow * 1000);
const setMtimeMs = (path: string, ms: number) => utimesSync(path, ms / 1000, ms / 1000);

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'nf-fresh-'));
  inputs = join(root, 'seeds');
  cpSync('seeds', inputs, { recursive: true });
  for (const name of readdirSync(inputs)) setMtime(join(inputs, name), -60);
  setMtime(inputs, -60);
  options = { dataDir: join(root, 'data'), indexName: 'passages', inputs: [inputs] };
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

test('missing → indexed (replace); then fresh; a newer input → incremental; a deleted input → pruned', async () => {
  expect(await needsIndex(options)).toBe(true);
  expect((await checkFreshness(options)).reason).toBe('missing');

  const first = await ensureIndexed({ ...options, tagger });
  expect(first.verdict.reason).toBe('missing');
  expect(first.summary).toMatchObject({ mode: 'replace', articles: 5, rejected: [] });
  expect(await needsIndex(options)).toBe(false);
  expect(await ensureIndexed({ ...options, tagger })).toMatchObject({ verdict: { reason: 'fresh' }, summary: null });

  // Edited just after the index was committed.
  setMtimeMs(join(inputs, '002_9ed90721f07426c1.txt'), (first.summary?.index.updatedAt as number) + 1);
  expect((await checkFreshness(options)).reason).toBe('stale');
  const second = await ensureIndexed({ ...options, tagger });
  expect(second.summary).toMatchObject({ mode: 'incremental', articles: 5, pruned: 0 });
  expect(await needsIndex(options)).toBe(false);

  unlinkSync(join(inputs, '003_2c0e9143ce19bf27.txt'));
  setMtimeMs(inputs, (second.summary?.index.updatedAt as number) + 1);
  expect(await needsIndex(options)).toBe(true);
  const third = await ensureIndexed({ ...options, tagger });
  expect(third.summary).toMatchObject({ mode: 'incremental', articles: 4, pruned: 1 });

  const engine = await createEngine({ kind: 'embedded', ...options });
  try {
    expect((await engine.stats()).articles).toBe(4);
  } finally {
    await engine.close();
  }
});

test('an input touched without a change is re-checked once, then the index counts as fresh again', async () => {
  const dataDir = join(root, 'touched');
  const opts = { dataDir, indexName: 'passages', inputs: [inputs] };
  const first = await ensureIndexed({ ...opts, tagger });
  setMtimeMs(join(inputs, '000_9153a9bdaae7da52.txt'), (first.summary?.index.updatedAt as number) + 1);
  expect((await checkFreshness(opts)).reason).toBe('stale');
  const again = await ensureIndexed({ ...opts, tagger });
  expect(again.summary).toMatchObject({ mode: 'incremental' });
  expect(await checkFreshness(opts)).toMatchObject({ needed: false, reason: 'fresh' });
});

test('an index written in another format version counts as missing: it is rebuilt (replace) and then serves', async () => {
  const own = join(root, 'format-seeds');
  cpSync('seeds', own, { recursive: true });
  const opts = { dataDir: join(root, 'format'), indexName: 'passages', inputs: [own] };
  expect((await ensureIndexed({ ...opts, tagger })).summary).toMatchObject({ mode: 'replace', articles: 5 });
  // What the previous release left behind: the same files, an older format in the generation's meta.
  const dir = join(opts.dataDir, 'passages');
  const gen = readdirSync(dir).find((f) => f.endsWith('.sqlite'))!;
  const db = new Database(join(dir, gen));
  db.prepare("UPDATE meta SET value = ? WHERE key = 'format'").run(String(FORMAT_VERSION - 1));
  db.close();
  expect(await checkFreshness(opts)).toMatchObject({ needed: true, reason: 'missing' });
  expect((await ensureIndexed({ ...opts, tagger })).summary).toMatchObject({ mode: 'replace', articles: 5, rejected: [] });
  const engine = await createEngine({ kind: 'embedded', ...opts });
  try {
    expect(await engine.stats()).toMatchObject({ passages: 37, articles: 5 });
    expect((await engine.search({ q: 'sanctuaries', filters: { speakers: ['Khawaja Asif'] }, facets: [], sort: 'relevance', offset: 0, limit: 20, groupByArticle: false })).totalHits).toBe(11);
  } finally {
    await engine.close();
  }
});
