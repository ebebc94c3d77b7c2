/**
 * `npm run tag`: JSONL in, one TagResult per article out; bad lines reported as path:line and exit 2.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createTagger } from '../../indexer/tagging/tagger.js';
import { tagRun } from '../../indexer/tagging/run-learning.js';
import { article as runArticle, BARE_TITLE, KHATTAK, teaches } from './run-articles.js';

const run = promisify(execFile);
const root = fileURLToPath(new URL('../../', import.meta.url));
const tsx = join(root, 'node_modules/tsx/dist/cli.mjs');

async function tagCli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [tsx, join(root, 'indexer/tag-cli.ts'), ...args], { cwd: root });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

const article = {
  id: 'a1',
  date: '2024-03-18',
  text: '“Terrorism is being conducted mostly from Afghanistan against us,” Khawaja Asif told reporters on Sunday.',
};

test('tags each line, reports bad lines as path:line and exits 2', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tag-cli-'));
  const input = join(dir, 'in.jsonl');
  const output = join(dir, 'out.jsonl');
  writeFileSync(input, [JSON.stringify(article), '{not json', JSON.stringify({ id: 'b2', text: 'x', date: 'March 1' }), ''].join('\n'));
  const { code, stdout, stderr } = await tagCli(['--input', input, '--output', output]);
  expect(code).toBe(2);
  expect(stderr).toContain(`${input}:2: invalid JSON`);
  expect(stderr).toContain(`${input}:3: "date" must be YYYY-MM-DD, got "March 1"`);
  const lines = readFileSync(output, 'utf8').trim().split('\n');
  expect(lines).toHaveLength(1);
  const result = JSON.parse(lines[0]);
  expect(result).toEqual(createTagger().tag(article));
  expect(Object.keys(result)).toEqual(['id', 'quotes', 'passages']);
  expect(result.quotes).toEqual([
    { start: 0, end: 66, kind: 'direct', speaker: 'Khawaja Asif', mention: { start: 67, end: 79 }, cue: { start: 80, end: 84 }, date: '2024-03-17' },
  ]);
  expect(result.passages[0]).toMatchObject({ start: 0, end: article.text.length, speakers: ['Khawaja Asif'], places: ['Afghanistan'], dates: ['2024-03-17'] });
  const summary = JSON.parse(stdout);
  expect(summary).toMatchObject({ articles: 1, rejected: 2, quotes: 1, passages: 1, speakers: 1 });
});

test('the file is one run: what one article teaches resolves another, spellings merge, and the summary says so', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tag-cli-'));
  const input = join(dir, 'in.jsonl');
  const output = join(dir, 'out.jsonl');
  const inputs = [teaches('a', '2024-05-10'), runArticle('b', '2024-06-02', BARE_TITLE), ...KHATTAK];
  writeFileSync(input, inputs.map((a) => JSON.stringify(a)).join('\n'));
  const { code, stdout } = await tagCli(['--input', input, '--output', output]);
  expect(code).toBe(0);
  const lines = readFileSync(output, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const { results } = await tagRun(createTagger(), inputs);
  expect(lines).toEqual(results);
  expect(lines[1].quotes[0].speaker).toBe('Jam Kamal Khan');
  expect(JSON.parse(stdout)).toMatchObject({
    articles: 6,
    speakers: 2,
    learnedRoles: [{ name: 'Jam Kamal Khan', title: 'commerce minister', articles: 1, firstArticle: 'a', appliedArticles: 1 }],
    reResolved: { retagged: 1, articles: 1, mentions: 1 },
    variantMerges: [{ canonical: 'Ataullah Khattak', variants: ['Ata Khattak', 'Attaullah Khattak'], articles: 2 }],
  });
});

test('a missing input file is fatal: exit 1', async () => {
  const { code, stderr } = await tagCli(['--input', join(tmpdir(), 'does-not-exist.jsonl')]);
  expect(code).toBe(1);
  expect(stderr).toMatch(/tag: .*does-not-exist\.jsonl/);
});

test('options are validated at construction', () => {
  expect(() => createTagger({ minWords: -1 })).toThrow('Tagger: option "minWords" must be a positive integer, got -1');
  expect(() => createTagger({ minWords: 200, maxWords: 120 })).toThrow('Tagger: option "minWords" must be <= maxWords (120), got 200');
  expect(() => createTagger({ taxonomyPath: '/nonexistent/taxonomy.json' })).toThrow(/cannot read taxonomy file \/nonexistent\/taxonomy\.json/);
});
