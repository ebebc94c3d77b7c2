/**
 * `npm run eval:quotes [-- --data DIR] [--errors N] [--json]`: scores the tagger's speaker
 * attribution on the PolNeAR dev split (read at run time from ../shared/eval, never copied here)
 * and prints a Markdown table. --errors N prints N misattributions to stderr, for diagnosis.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { createTagger } from '../tagging/tagger.js';
import { tagRun } from '../tagging/run-learning.js';
import type { TaggedQuote } from '../tagging/types.js';
import { markdownTable, scoreAttribution, summarize, type GoldAttribution, type Outcome } from './score.js';

interface EvalArticle {
  article_id: string;
  publication_date: string;
  title: string;
  text: string;
}

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

function readJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

async function main(): Promise<void> {
  const program = new Command()
    .name('eval:quotes')
    .option('--data <dir>', 'PolNeAR split directory', resolve(repoRoot, '../shared/eval/polnear-dev'))
    .option('--errors <n>', 'print this many misattributions to stderr', '0')
    .option('--json', 'print the rows as JSON instead of Markdown')
    .parse();
  const opts = program.opts<{ data: string; errors: string; json?: boolean }>();
  const articles = readJsonl<EvalArticle>(resolve(opts.data, 'articles.jsonl'));
  const gold = readJsonl<GoldAttribution>(resolve(opts.data, 'quotes.jsonl'));
  // The split is one month of one corpus: it is tagged as one run, as `npm run tag` would tag the file.
  const { results, report } = await tagRun(
    createTagger(),
    articles.map((a) => ({ id: a.article_id, text: a.text, date: a.publication_date, title: a.title })),
  );
  const byArticle = new Map<string, { text: string; quotes: TaggedQuote[] }>();
  articles.forEach((a, i) => byArticle.set(a.article_id, { text: a.text, quotes: results[i].quotes }));
  const outcomes: Outcome[] = gold.map((g) => scoreAttribution(g, byArticle.get(g.article_id)?.quotes ?? []));
  const rows = summarize(outcomes);
  const indirect = outcomes.filter((o) => o.gold.quote_type === 'indirect');
  if (opts.json) {
    process.stdout.write(`${JSON.stringify({ rows, indirectDetected: indirect.filter((o) => o.detected).length, indirectTotal: indirect.length })}\n`);
  } else {
    const all = rows[0];
    process.stdout.write(`${markdownTable(rows)}\n\n`);
    process.stdout.write(
      `Detection rate (direct + mixed): ${((100 * all.detected) / all.total).toFixed(1)}% of ${all.total}; ` +
        `indirect detected (not scored): ${indirect.filter((o) => o.detected).length}/${indirect.length}; ` +
        `${articles.length} articles.\n`,
    );
    process.stdout.write(
      `Run-level learning: ${report.reResolved.retagged} of ${articles.length} articles tagged again, ` +
        `${report.reResolved.mentions} quotes in ${report.reResolved.articles} articles re-resolved, ` +
        `${report.variantMerges.length} spelling-variant merges.\n`,
    );
  }
  let shown = Number(opts.errors);
  for (const o of outcomes) {
    if (shown <= 0) break;
    if (o.gold.quote_type === 'indirect' || o.speakerCorrect) continue;
    shown--;
    const art = byArticle.get(o.gold.article_id)!;
    const [cs, ce] = o.gold.content_spans[0];
    const [ss, se] = o.gold.source_spans[0] ?? [0, 0];
    const m = o.quote?.mention;
    process.stderr.write(
      `--- ${o.gold.id} ${o.gold.quote_type}/${o.gold.source_kind} gold=«${art.text.slice(ss, se)}» got=«${m ? art.text.slice(m.start, m.end) : o.detected ? '(none)' : '(undetected)'}»\n` +
        `    ${art.text.slice(Math.max(0, Math.min(cs, ss) - 80), Math.max(ce, se) + 60).replace(/\n/g, ' ¶ ')}\n`,
    );
  }
}

main().catch((err: Error) => {
  process.stderr.write(`eval:quotes: ${err.message}\n`);
  process.exitCode = 1;
});
