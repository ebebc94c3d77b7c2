/**
 * Tagging speed on one core: `npx tsx bench/tagger.ts [--mb 8]`. Tags the PolNeAR dev articles
 * (read from ../shared/eval at run time, when present) and the seeds, each set repeated until it
 * reaches the target size, after one warm-up pass, and prints MB/s as a Markdown table.
 * Target: ≥ 1 MB of article text per second.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createTagger } from '../indexer/tagging/tagger.js';
import type { TagInput } from '../indexer/tagging/types.js';

const root = fileURLToPath(new URL('../', import.meta.url));
const mbArg = process.argv.indexOf('--mb');
const targetBytes = (mbArg > 0 ? Number(process.argv[mbArg + 1]) : 8) * 1e6;

function evalArticles(): TagInput[] {
  const path = resolve(root, '../shared/eval/polnear-dev/articles.jsonl');
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => {
      const a = JSON.parse(l) as { article_id: string; text: string; publication_date: string };
      return { id: a.article_id, text: a.text, date: a.publication_date };
    });
}

function seedArticles(): TagInput[] {
  const dir = resolve(root, 'seeds');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .map((f) => {
      const raw = readFileSync(resolve(dir, f), 'utf8');
      const m = /^\s*date (\d{4}-\d{2}-\d{2})[^\n]*\n/.exec(raw);
      return { id: f, text: m ? raw.slice(m[0].length) : raw, date: m ? m[1] : null };
    });
}

interface Row {
  corpus: string;
  articles: number;
  megabytes: number;
  /** Wall-clock seconds (includes waiting for the CPU when other processes share it). */
  seconds: number;
  /** CPU seconds of this process: what one core spent, the figure comparable across loaded machines. */
  cpuSeconds: number;
}

function measure(corpus: string, set: TagInput[]): Row | null {
  if (!set.length) return null;
  const tagger = createTagger();
  for (const a of set) tagger.tag(a); // warm-up: JIT and caches
  let bytes = 0;
  let articles = 0;
  const started = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  while (bytes < targetBytes) {
    for (const a of set) {
      // A fresh id per pass, as a real run would have.
      tagger.tag({ ...a, id: `${a.id}#${articles}` });
      bytes += Buffer.byteLength(a.text);
      articles++;
    }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  return { corpus, articles, megabytes: bytes / 1e6, seconds, cpuSeconds: (used.user + used.system) / 1e6 };
}

const rows = [measure('PolNeAR dev (84 US news articles, repeated)', evalArticles()), measure('seeds (5 articles, repeated)', seedArticles())].filter(
  (r): r is Row => r !== null,
);
const lines = [
  '| corpus | articles | MB | CPU s | MB/s (CPU) | wall s | MB/s (wall) |',
  '|---|---:|---:|---:|---:|---:|---:|',
];
for (const r of rows) {
  const f = (n: number) => n.toFixed(2);
  lines.push(
    `| ${r.corpus} | ${r.articles} | ${r.megabytes.toFixed(1)} | ${f(r.cpuSeconds)} | ${f(r.megabytes / r.cpuSeconds)} | ${f(r.seconds)} | ${f(r.megabytes / r.seconds)} |`,
  );
}
process.stdout.write(
  `${lines.join('\n')}\n\nOne thread, Node ${process.version}. MB/s (CPU) is per CPU-second of this process; wall-clock is lower when the machine is shared. Target ≥ 1 MB/s.\n`,
);
