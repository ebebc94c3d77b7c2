/**
 * Faults: with the engine gone, broken or slow, requests get 503/504 problems, /ready says so,
 * the process stays up, and it serves again by itself when the engine is back.
 */
import Database from 'better-sqlite3';
import { copyFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { createMeilisearchEngine } from '../../engine/meilisearch/index.js';
import type { Engine } from '../../engine/types.js';
import { buildSeedIndex, testApp, TEST_CONFIG, type SeedIndex } from '../helpers/seed-index.js';

let seeds: SeedIndex;
beforeAll(async () => {
  seeds = await buildSeedIndex();
});
afterAll(async () => {
  await seeds.cleanup();
});

async function expectProblem(app: ReturnType<typeof testApp>, url: string, status: number, code: string) {
  const res = await request(app).get(url).expect(status);
  expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(res.body.code).toBe(code);
  expect(JSON.stringify(res.body)).not.toMatch(/sqlite|gen-\d|SQLITE_|\/tmp\//i);
  return res;
}

test('index directory gone → 503 + not ready; back → serving again, same process', async () => {
  const app = testApp(seeds.engine);
  await request(app).get('/search?q=kashmir').expect(200);
  const dir = path.join(seeds.dataDir, 'passages');
  renameSync(dir, `${dir}.away`);
  try {
    const res = await expectProblem(app, '/search?q=kashmir', 503, 'index_not_ready');
    expect(res.headers['retry-after']).toBe('5');
    await expectProblem(app, '/ready', 503, 'not_ready');
    await request(app).get('/health').expect(200);
  } finally {
    renameSync(`${dir}.away`, dir);
  }
  await request(app).get('/search?q=kashmir').expect(200);
  await request(app).get('/ready').expect(200);
});

test('index file unreadable (garbage) → 503 engine_unavailable; restored → serving again', async () => {
  const app = testApp(seeds.engine);
  const dir = path.join(seeds.dataDir, 'passages');
  const gen = readdirSync(dir).find((f) => /^gen-\d+\.sqlite$/.test(f));
  expect(gen).toBeDefined();
  const file = path.join(dir, gen as string);
  copyFileSync(file, `${file}.bak`);
  try {
    writeFileSync(file, Buffer.alloc(64 * 1024, 0x5a));
    await expectProblem(app, '/search?q=kashmir', 503, 'engine_unavailable');
    await expectProblem(app, '/ready', 503, 'not_ready');
  } finally {
    renameSync(`${file}.bak`, file);
  }
  const back = await request(app).get('/search?q=kashmir').expect(200);
  expect(back.body.totalHits).toBeGreaterThan(0);
});

test('index file locked by another process → 503 engine_unavailable; lock released → serving again', async () => {
  const app = testApp(seeds.engine);
  const dir = path.join(seeds.dataDir, 'passages');
  const gen = readdirSync(dir).find((f) => /^gen-\d+\.sqlite$/.test(f)) as string;
  const locker = new Database(path.join(dir, gen));
  locker.pragma('locking_mode = EXCLUSIVE');
  locker.exec('BEGIN EXCLUSIVE');
  try {
    await expectProblem(app, '/search?q=afghanistan', 503, 'engine_unavailable');
    await expectProblem(app, '/ready', 503, 'not_ready');
  } finally {
    locker.exec('COMMIT');
    locker.close();
  }
  await request(app).get('/search?q=afghanistan').expect(200);
  await request(app).get('/ready').expect(200);
});

test('an engine call past its deadline → 504 problem with Retry-After', async () => {
  // The real engine, made slow: fault injection around it, not a stand-in for it.
  const slow: Engine = Object.create(seeds.engine, {
    search: { value: (req: Parameters<Engine['search']>[0]) => new Promise((r) => setTimeout(r, 300)).then(() => seeds.engine.search(req)) },
  });
  const app = testApp(slow, { config: { ...TEST_CONFIG, ENGINE_TIMEOUT_MS: 50 } });
  const res = await expectProblem(app, '/search?q=kashmir', 504, 'engine_timeout');
  expect(res.headers['retry-after']).toBe('1');
  const metrics = await request(app).get('/metrics').expect(200);
  expect(metrics.text).toMatch(/newsfacets_engine_call_duration_seconds_count\{op="search",outcome="timeout"\} 1/);
  expect(metrics.text).toMatch(/newsfacets_errors_total\{code="engine_timeout"\} 1/);
});

test('Meilisearch at a closed port → 503 problems and not ready, no engine text leaked', async () => {
  const engine = createMeilisearchEngine({ url: 'http://127.0.0.1:9', apiKey: 'search-key-SECRET', indexName: 'passages', timeoutMs: 500 });
  const app = testApp(engine);
  const res = await expectProblem(app, '/search?q=kashmir', 503, 'engine_unavailable');
  expect(JSON.stringify(res.body)).not.toMatch(/SECRET|ECONNREFUSED|meili/i);
  await expectProblem(app, '/ready', 503, 'not_ready');
  await expectProblem(app, '/suggest?q=kash', 503, 'engine_unavailable');
  await request(app).get('/health').expect(200);
  await engine.close();
});
