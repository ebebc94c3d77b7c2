/**
 * `npm run tag -- --input IN.jsonl [--output OUT.jsonl]`: tags articles, one JSON object a line
 * ({id, text, date?, title?, source?}), and writes one TagResult a line, exactly what the indexer
 * indexes. Rejected lines are reported as `path:line: reason` on stderr (exit 2); a fatal error
 * exits 1. With --output, a JSON summary goes to stdout; progress always goes to stderr.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { createInterface } from 'node:readline';
import { Command } from 'commander';
import { createTagger } from './tagging/tagger.js';
import type { TagInput } from './tagging/types.js';

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
  const out: Writable = output ? createWriteStream(output) : process.stdout;
  const started = Date.now();
  let lineNo = 0;
  let articles = 0;
  let quotes = 0;
  let passages = 0;
  let bytes = 0;
  let rejected = 0;
  const speakers = new Set<string>();
  const lines = createInterface({ input: createReadStream(input, 'utf8'), crlfDelay: Infinity });
  for await (const line of lines) {
    lineNo++;
    if (!line.trim()) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (err) {
      rejected++;
      process.stderr.write(`${input}:${lineNo}: invalid JSON (${(err as Error).message})\n`);
      continue;
    }
    const why = validateInput(parsed);
    if (why) {
      rejected++;
      process.stderr.write(`${input}:${lineNo}: ${why}\n`);
      continue;
    }
    const a = parsed as TagInput;
    const result = tagger.tag({ id: a.id, text: a.text, date: a.date ?? null, title: a.title, source: a.source });
    articles++;
    quotes += result.quotes.length;
    passages += result.passages.length;
    bytes += Buffer.byteLength(a.text);
    for (const q of result.quotes) if (q.speaker) speakers.add(q.speaker);
    if (!out.write(`${JSON.stringify(result)}\n`)) await new Promise((r) => out.once('drain', r));
    if (articles % 500 === 0) process.stderr.write(`tag: ${articles} articles, ${(bytes / 1e6).toFixed(1)} MB\n`);
  }
  if (output) {
    await new Promise<void>((res, rej) => {
      out.once('error', rej);
      out.end(() => res());
    });
  }
  const summary = {
    articles,
    rejected,
    quotes,
    passages,
    speakers: speakers.size,
    learnedRoles: tagger.learned(),
    megabytes: Number((bytes / 1e6).toFixed(3)),
    seconds: Number(((Date.now() - started) / 1000).toFixed(3)),
  };
  process.stderr.write(`tag: done, ${articles} articles, ${rejected} rejected\n`);
  if (output) process.stdout.write(`${JSON.stringify(summary)}\n`);
  return rejected ? 2 : 0;
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
