/**
 * The CLI as a user runs it: a child process, its exit code, stderr lines and stdout summary.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../../engine/index.js';
import { writeGeneratedNdjson } from './generate-input.js';

const CLI = ['--import', 'tsx', 'indexer/cli.ts'];

function runCli(args: string[], dataDir: string) {
  const r = spawnSync(process.execPath, [...CLI, ...args], {
    encoding: 'utf8',
    env: { ...process.env, DATA_DIR: dataDir, ENGINE: 'embedded', MEILI_INDEX: 'passages', DEBUG: '' },
    timeout: 55_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'nf-cli-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

test('seeds: exit 0, progress on stderr, JSON summary on stdout', () => {
  const r = runCli(['--full', 'seeds'], join(root, 'seeds-data'));
  expect(r.code).toBe(0);
  const summary = JSON.parse(r.stdout);
  expect(summary).toMatchObject({ mode: 'replace', articles: 5, rejected: [], dates: { header: 1, inferred: 1, unknown: 3 } });
  expect(Object.keys(summary).sort()).toEqual(
    [
      ...['articles', 'dates', 'durationMs', 'index', 'learnedAliases', 'mode', 'organisations', 'passages', 'passagesPerSecond', 'places', 'pruned'],
      ...['reResolved', 'rejected', 'speakers', 'topics', 'variantMerges'],
    ].sort(),
  );
  // The seeds teach no title another seed needs, and write no unlisted name two ways.
  expect(summary).toMatchObject({ reResolved: { retagged: 0, articles: 0, mentions: 0, rewritten: 0 }, variantMerges: [] });
  expect(r.stderr).toMatch(/^indexing: 5 articles, \d+ passages, 0 rejected \(\d+ passages\/s\)$/m);
}, 60_000);

test('bad inputs: one stderr line each as path[:line]: reason, exit 2, good files indexed, rejects in the summary', () => {
  const dir = join(root, 'bad');
  mkdirSync(dir);
  const f = (name: string, content: string | Buffer) => {
    writeFileSync(join(dir, name), content);
    return join(dir, name);
  };
  f('empty.txt', '');
  f('binary.txt', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]));
  f('latin1.txt', Buffer.from('Caf\xe9 au lait, the minister said.', 'latin1'));
  truncateSync(f('huge.txt', ''), 50 * 1024 * 1024);
  f('feed.ndjson', ['{"id":"n1","text":"The mayor said the bridge would reopen."}', '{"id":"n2","text": oops}', '{"id":"n3","title":"no text"}', '{"id":"n4","date":"2025-02-30","text":"A date that does not exist."}'].join('\n'));
  f('impossible.txt', 'date 2025-02-30\nThe council met.');
  f('good.md', '---\ntitle: Good one\ndate: 2024-04-01\n---\nThe governor said the dam was safe.');
  const r = runCli([dir], join(root, 'bad-data'));
  expect(r.code).toBe(2);
  const expected = [
    `${join(dir, 'binary.txt')}: binary content (NUL byte at offset 8)`,
    `${join(dir, 'empty.txt')}: empty file`,
    `${join(dir, 'feed.ndjson')}:2: malformed JSON line: Unexpected token 'o'`,
    `${join(dir, 'feed.ndjson')}:3: record has no "text"`,
    `${join(dir, 'feed.ndjson')}:4: date "2025-02-30" does not exist (February 2025 has 28 days)`,
    `${join(dir, 'huge.txt')}: file too large (50.0 MB; the limit is 10.0 MB)`,
    `${join(dir, 'impossible.txt')}: date "2025-02-30" does not exist (February 2025 has 28 days)`,
    `${join(dir, 'latin1.txt')}: not valid UTF-8 text`,
  ];
  const reasonLines = r.stderr.split('\n').filter((l) => l.startsWith(dir));
  expect(reasonLines).toEqual(expected);
  const summary = JSON.parse(r.stdout);
  expect(summary.rejected.map((x: { origin: string; reason: string }) => `${x.origin}: ${x.reason}`)).toEqual(expected);
  expect(summary.articles).toBe(2);
}, 60_000);

test('fatal errors exit 1 with a one-line message and no stack', () => {
  const none = runCli([join(root, 'does-not-exist')], join(root, 'none-data'));
  expect(none.code).toBe(1);
  expect(none.stderr).toBe(
    `${join(root, 'does-not-exist')}: no such file or directory\nindexer: no article could be indexed from the input; the index is left as it was\n`,
  );
  expect(none.stdout).toBe('');
  const badOption = runCli(['--engine', 'lucene', 'seeds'], join(root, 'none-data'));
  expect(badOption.code).toBe(1);
  expect(badOption.stderr).toContain("error: option '--engine <kind>' argument 'lucene' is invalid. Allowed choices are embedded, meilisearch.");
}, 60_000);

/** Starts a --full run of a large input over an index of the seeds; resolves once it reports passages. */
async function startBigRun(name: string, workers: number) {
  const dataDir = join(root, `${name}-data`);
  const seeds = join(root, `${name}-seeds`);
  cpSync('seeds', seeds, { recursive: true });
  expect(runCli([seeds], dataDir).code).toBe(0);
  const big = join(root, `${name}.ndjson`);
  writeGeneratedNdjson(big, 1500);
  const child = spawn(process.execPath, [...CLI, '--full', '--batch', '200', '--workers', String(workers), big], {
    env: { ...process.env, DATA_DIR: dataDir, MEILI_INDEX: 'passages' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  // Progress comes about once a second; the first line with passages means the write is under way.
  const progressed = await new Promise<boolean>((resolve) => {
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (/indexing: \d+ articles, [1-9]\d* passages/.test(stderr)) resolve(true);
    });
    child.on('exit', () => resolve(false));
  });
  expect(progressed).toBe(true);
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  return { child, dataDir, seeds, exited, stderr: () => stderr };
}

/** The index still holds exactly the seeds and answers searches. */
async function expectSeedIndex(dataDir: string) {
  const engine = await createEngine({ kind: 'embedded', dataDir, indexName: 'passages' });
  try {
    expect((await engine.stats()).articles).toBe(5);
    const found = await engine.search({ q: 'sanctuaries', filters: {}, facets: [], sort: 'relevance', offset: 0, limit: 20, groupByArticle: false });
    expect(found.totalHits).toBeGreaterThan(0);
    expect(found.hits.every((h) => !h.doc.articleId.startsWith('gen-'))).toBe(true);
  } finally {
    await engine.close();
  }
}

test('kill -9 in the middle of a run leaves the previous index serving, and the next run works', async () => {
  // Tagging on two worker threads: the kill takes them down with the process.
  const run = await startBigRun('kill', 2);
  run.child.kill('SIGKILL');
  await run.exited;
  expect(run.child.signalCode).toBe('SIGKILL');
  await expectSeedIndex(run.dataDir);
  // The killed writer's leftovers (staging file, lock of a dead pid) do not block the next run.
  const next = runCli([run.seeds], run.dataDir);
  expect(next.code).toBe(0);
  expect(JSON.parse(next.stdout).index.articles).toBe(5);
}, 120_000);

test('SIGTERM in the middle of a run aborts it: exit 1, a message, the previous index serving', async () => {
  const run = await startBigRun('term', 0);
  run.child.kill('SIGTERM');
  await run.exited;
  expect(run.child.exitCode).toBe(1);
  expect(run.stderr()).toMatch(/indexer: SIGTERM received, aborting \(the serving index is unchanged\)\nindexer: run aborted\n$/);
  await expectSeedIndex(run.dataDir);
}, 120_000);
