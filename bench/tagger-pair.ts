/**
 * Paired tagging speed of two checkouts:
 *   git worktree add /tmp/base <commit> && ln -s "$PWD/node_modules" /tmp/base/node_modules
 *   npx tsx bench/tagger-pair.ts --base /tmp/base [--articles 6000]
 * Tags the first bench articles (bench/.work/100k, from `npm run bench -- --size 100k`) with the
 * base checkout's tagger and this one's in one process, alternating batches of 100 after a warm-up,
 * and prints old time / new time. In one process the tagger loaded second ran 4–5% faster in A/A
 * runs (1.037–1.054), so it measures twice, in fresh processes, once in each order, and reports
 * both ratios and their geometric mean. Timing the same batches back to back is what makes a 5%
 * change visible on this machine, whose speed drifts by more than that between runs.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, Option } from 'commander';
import { toArticle } from '../indexer/article.js';
import { tagInputOf } from '../indexer/rewrite.js';
import type { RawArticle } from '../indexer/types.js';
import type { Tagger } from '../indexer/tagging/tagger.js';

const here = resolve(fileURLToPath(new URL('..', import.meta.url)));
const opts = new Command('tagger-pair')
  .requiredOption('--base <dir>', 'checkout of the commit to compare against')
  .option('--articles <n>', 'bench articles to tag', (v) => Number(v), 6000)
  .addOption(new Option('--order <order>', 'one measurement (used by the two-order run)').choices(['base-first', 'this-first']))
  .parse(process.argv)
  .opts<{ base: string; articles: number; order?: 'base-first' | 'this-first' }>();

const corpus = resolve(here, 'bench/.work/100k/articles.jsonl');
if (!existsSync(corpus)) {
  process.stderr.write(`tagger-pair: no ${corpus}; run \`npm run bench -- --size 100k --only raw\` first\n`);
  process.exit(2);
}
if (!Number.isInteger(opts.articles) || opts.articles < 200) {
  process.stderr.write(`tagger-pair: option "--articles" must be an integer >= 200, got ${opts.articles}\n`);
  process.exit(2);
}

if (!opts.order) {
  const run = (order: string) => {
    const out = execFileSync('npx', ['tsx', fileURLToPath(import.meta.url), '--base', opts.base, '--articles', String(opts.articles), '--order', order], {
      cwd: here,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    return JSON.parse(out) as { ratio: number; oldS: number; newS: number; newFaster: string };
  };
  const a = run('base-first');
  const b = run('this-first');
  process.stdout.write(
    `| order | base s | this s | base / this | batches this faster |\n|---|---:|---:|---:|---:|\n` +
      `| base loaded first | ${a.oldS.toFixed(2)} | ${a.newS.toFixed(2)} | ${a.ratio.toFixed(3)} | ${a.newFaster} |\n` +
      `| this loaded first | ${b.oldS.toFixed(2)} | ${b.newS.toFixed(2)} | ${b.ratio.toFixed(3)} | ${b.newFaster} |\n\n` +
      `Geometric mean base / this: ${Math.sqrt(a.ratio * b.ratio).toFixed(3)} (> 1: this checkout tags faster). ${opts.articles} bench articles, Node ${process.version}.\n`,
  );
} else {
  const load = async (dir: string) => ((await import(resolve(dir, 'indexer/tagging/tagger.ts'))) as typeof import('../indexer/tagging/tagger.js')).createTagger();
  const taggers: Record<'old' | 'new', Tagger> = { old: null as unknown as Tagger, new: null as unknown as Tagger };
  if (opts.order === 'base-first') {
    taggers.old = await load(resolve(opts.base));
    taggers.new = await load(here);
  } else {
    taggers.new = await load(here);
    taggers.old = await load(resolve(opts.base));
  }
  const inputs = readFileSync(corpus, 'utf8')
    .split('\n')
    .slice(0, opts.articles)
    .filter(Boolean)
    .map((line, i) => {
      const o = toArticle({ origin: `${corpus}:${i + 1}`, ...(JSON.parse(line) as Omit<RawArticle, 'origin'>) });
      if (!o.ok) throw new Error(`tagger-pair: bench article ${i + 1} rejected: ${o.rejection.reason}`);
      return tagInputOf(o.article);
    });
  for (const t of [taggers.old, taggers.new]) for (const a of inputs.slice(0, 1000)) t.tagDetailed(a);
  const sum = { old: 0, new: 0 };
  const BATCH = 100;
  let wins = 0;
  let batches = 0;
  for (let pass = 0; pass < 2; pass++) {
    for (let i = 0; i < inputs.length; i += BATCH) {
      const batch = inputs.slice(i, i + BATCH);
      const order: Array<'old' | 'new'> = (i / BATCH + pass) % 2 ? ['old', 'new'] : ['new', 'old'];
      const took = { old: 0, new: 0 };
      for (const k of order) {
        const t0 = performance.now();
        for (const a of batch) taggers[k].tagDetailed(a);
        took[k] = performance.now() - t0;
        sum[k] += took[k];
      }
      batches++;
      if (took.new < took.old) wins++;
    }
  }
  process.stdout.write(JSON.stringify({ oldS: sum.old / 1000, newS: sum.new / 1000, ratio: sum.old / sum.new, newFaster: `${wins}/${batches}` }) + '\n');
}
