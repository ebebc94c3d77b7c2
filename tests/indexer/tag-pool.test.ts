import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createTaggerPool, type TaggerPool } from '../../indexer/tag-pool.js';
import { createTagger } from '../../indexer/tagging/tagger.js';
import { tagRun } from '../../indexer/tagging/run-learning.js';
import { article, BARE_TITLE, KHATTAK, teaches } from '../tagging/run-articles.js';

const inputs = readdirSync('seeds')
  .sort()
  .map((name) => ({ id: name, text: readFileSync(join('seeds', name), 'utf8'), date: null }));

let pool: TaggerPool;
beforeAll(async () => {
  pool = await createTaggerPool({ workers: 2 });
}, 120_000);
afterAll(() => pool?.close());

test('worker threads tag exactly like the in-process tagger, whatever the order results arrive in', async () => {
  const local = createTagger();
  const results = await Promise.all(inputs.map((input) => pool.tag(input)));
  expect(results).toEqual(inputs.map((input) => local.tag(input)));
  expect(pool.concurrency).toBe(2);
  // Learned titles are merged over the workers: the same entries as one tagger that saw everything.
  const byKey = (xs: { name: string; title: string; articles: number }[]) => xs.map((x) => `${x.name}|${x.title}|${x.articles}`).sort();
  expect(byKey(await pool.learned())).toEqual(byKey(local.learned()));
});

test('the run-level pass gives the same tags through the pool as in-process', async () => {
  const run = [teaches('a', '2024-05-10'), article('b', '2024-06-02', BARE_TITLE), ...KHATTAK];
  const local = await tagRun(createTagger(), run);
  expect(local.results[1].quotes.map((q) => q.speaker)).toEqual(['Jam Kamal Khan']);
  expect(local.results[5].quotes.map((q) => q.speaker)).toEqual(['Ataullah Khattak']);
  expect(await tagRun(pool, run)).toEqual(local);
});

test('a tagger error in a worker rejects that article only', async () => {
  await expect(pool.tag({ id: 'x', text: null as unknown as string })).rejects.toThrow();
  expect((await pool.tag(inputs[0])).id).toBe(inputs[0].id);
});

test('release stops the workers and keeps what they learned; the next article starts them again', async () => {
  const learnedBefore = await pool.learned();
  expect(learnedBefore.length).toBeGreaterThan(0);
  const busy = pool.tag(inputs[1]);
  await expect(pool.release()).rejects.toThrow('the tagger pool cannot release its workers while articles are being tagged');
  await busy;
  const threads = () => (existsSync('/proc/self/task') ? readdirSync('/proc/self/task').length : 0);
  const before = threads();
  await pool.release();
  // Two fewer threads when /proc is there to count them (Linux), the workers' heaps with them.
  if (before > 0) expect(threads()).toBeLessThanOrEqual(before - 2);
  expect(await pool.learned()).toEqual(learnedBefore);
  const local = createTagger();
  expect(await Promise.all(inputs.map((input) => pool.tag(input)))).toEqual(inputs.map((input) => local.tag(input)));
  expect(pool.concurrency).toBe(2);
});

test('options are validated', async () => {
  await expect(createTaggerPool({ workers: 0 })).rejects.toThrow('Indexer: option "workers" must be a positive integer, got 0');
});
