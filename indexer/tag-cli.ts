/**
 * `npm run tag -- --input IN.jsonl [--output OUT.jsonl]`: tags articles, one JSON object a line
 * ({id, text, date?, title?, source?}), and writes one TagResult a line, exactly what the indexer
 * indexes. Rejected lines are reported as `path:line: reason` on stderr (exit 2); a fatal error
 * exits 1. With --output, a JSON summary goes to stdout; progress always goes to stderr.
 * The file is one run: titles and spellings learned in some articles apply to the others
 * (tagging/run-learning.ts), exactly as the indexer applies them.
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { createInterface } from 'node:readline';
import { Command } from 'commander';
import { createTagger } from './tagging/tagger.js';
import { RunLearning, secondPass } from './tagging/run-learning.js';
import type { TagInput, TagResult } from './tagging/types.js';

/** Why a parsed line is not a usable article, or null when it is. */
export function validateInput(v: unknown): string | null {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return 'not a JSON object';
  const o = v as Record<string, unknown>;
  if (typeof o.id !== 'string' || !o.id.trim()) return '"id" must be a non-empty string';
  if (typeof o.text !== 'string') return '"text" must be a string';
  if (o.date !== undefined && o.date !== null && (typeof o.date !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(o.date))) {
    return `"date" must be YYYY-MM-DD, got ${JSON.stringify(o.date)}`;
  }
  for (const k of ['title', 'source'] as const) {
    if (o[k] !== undefined && o[k] !== null && typeof o[k] !== 'string') return `"${k}" must be a string`;
  }
  return null;
}

async function run(): Promise<number> {
  const program = new Command()
    .name('tag')
    .requiredOption('--input <path>', 'articles, one JSON object per line')
    .option('--output <path>', 'where to write results (default: stdout)')
    .parse();
  const { input, output } = program.opts<{ input: string; output?: string }>();
  const tagger = createTagger();
  const learning = new RunLearning();
  // The first pass goes to a scratch file: what the run learns can still change some articles' tags.
  const scratchDir = mkdtempSync(join(tmpdir(), 'newsfacets-tag-'));
  const scratch = join(scratchDir, 'first-pass.jsonl');
  try {
    const started = Date.now();
    const first = createWriteStream(scratch);
    const counts = { lineNo: 0, articles: 0, bytes: 0, rejected: 0 };
    const lines = createInterface({ input: createReadStream(input, 'utf8'), crlfDelay: Infinity });
    for await (const line of lines) {
      counts.lineNo++;
      const a = parseLine(line, `${input}:${counts.lineNo}`);
      if (a === 'blank') continue;
      if (a === 'rejected') {
        counts.rejected++;
        continue;
      }
      const tagged = tagger.tagDetailed(a);
      learning.observe(a, tagged);
      counts.articles++;
      counts.bytes += Buffer.byteLength(a.text);
      await write(first, `${JSON.stringify(tagged.result)}\n`);
      if (counts.articles % 500 === 0) process.stderr.write(`tag: ${counts.articles} articles, ${(counts.bytes / 1e6).toFixed(1)} MB\n`);
    }
    await close(first);
    const outcome = await secondPass(learning, tagger);
    process.stderr.write(`tag: ${outcome.report.reResolved.retagged} articles tagged again with roles learned in this run\n`);

    const out: Writable = output ? createWriteStream(output) : process.stdout;
    const totals = { quotes: 0, passages: 0, speakers: new Set<string>() };
    for await (const line of createInterface({ input: createReadStream(scratch, 'utf8'), crlfDelay: Infinity })) {
      const result = outcome.finalize(JSON.parse(line) as TagResult);
      totals.quotes += result.quotes.length;
      totals.passages += result.passages.length;
      for (const q of result.quotes) if (q.speaker) totals.speakers.add(q.speaker);
      await write(out, outcome.changed.has(result.id) ? `${JSON.stringify(result)}\n` : `${line}\n`);
    }
    if (output) await close(out);
    const { learnedAliases, reResolved, variantMerges } = outcome.report;
    const summary = {
      articles: counts.articles,
      rejected: counts.rejected,
      quotes: totals.quotes,
      passages: totals.passages,
      speakers: totals.speakers.size,
      learnedRoles: learnedAliases,
      reResolved,
      variantMerges,
      megabytes: Number((counts.bytes / 1e6).toFixed(3)),
      seconds: Number(((Date.now() - started) / 1000).toFixed(3)),
    };
    process.stderr.write(`tag: done, ${counts.articles} articles, ${counts.rejected} rejected\n`);
    if (output) process.stdout.write(`${JSON.stringify(summary)}\n`);
    return counts.rejected ? 2 : 0;
  } finally {
    rmSync(scratchDir, { recursive: true, force: true });
  }
}

/** One input line as a tagger input; a bad line is reported on stderr as `path:line: reason`. */
function parseLine(line: string, where: string): TagInput | 'blank' | 'rejected' {
  if (!line.trim()) return 'blank';
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (err) {
    process.stderr.write(`${where}: invalid JSON (${(err as Error).message})\n`);
    return 'rejected';
  }
  const why = validateInput(parsed);
  if (why) {
    process.stderr.write(`${where}: ${why}\n`);
    return 'rejected';
  }
  const a = parsed as TagInput;
  return { id: a.id, text: a.text, date: a.date ?? null, title: a.title, source: a.source };
}

async function write(out: Writable, chunk: string): Promise<void> {
  if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
}

function close(out: Writable): Promise<void> {
  return new Promise<void>((res, rej) => {
    out.once('error', rej);
    out.end(() => res());
  });
}

run().then(
  (code) => {
    process.exitCode = code;
  },
  (err: Error) => {
    process.stderr.write(`tag: ${err.message}\n`);
    process.exitCode = 1;
  },
);
