/**
 * Quote-attribution scoring as ../shared/eval/README.md defines it. For each gold direct or mixed
 * attribution: detected when a tagged quote overlaps one of its content spans (the largest overlap
 * is taken); speaker correct when that quote's mention overlaps one of the gold source spans.
 */
import type { Span, TaggedQuote } from '../tagging/types.js';

export type GoldType = 'direct' | 'mixed' | 'indirect';
export type SourceKind = 'named' | 'pronoun' | 'nominal';

export interface GoldAttribution {
  id: string;
  article_id: string;
  quote_type: GoldType;
  content_spans: Array<[number, number]>;
  source_spans: Array<[number, number]>;
  source_kind: SourceKind;
}

export interface Outcome {
  gold: GoldAttribution;
  detected: boolean;
  speakerCorrect: boolean;
  /** The tagged quote taken for this attribution, if any. */
  quote: TaggedQuote | null;
}

function overlap(a: Span, s: number, e: number): number {
  return Math.max(0, Math.min(a.end, e) - Math.max(a.start, s));
}

export function scoreAttribution(gold: GoldAttribution, quotes: TaggedQuote[]): Outcome {
  let best: TaggedQuote | null = null;
  let bestOverlap = 0;
  for (const q of quotes) {
    let o = 0;
    for (const [s, e] of gold.content_spans) o += overlap(q, s, e);
    if (o > bestOverlap) {
      bestOverlap = o;
      best = q;
    }
  }
  const m = best?.mention ?? null;
  const speakerCorrect = !!m && gold.source_spans.some(([s, e]) => overlap(m, s, e) > 0);
  return { gold, detected: !!best, speakerCorrect, quote: best };
}

export interface Row {
  label: string;
  total: number;
  detected: number;
  correct: number;
}

/** Rows of the report: overall (direct+mixed), by quote type, by source kind. */
export function summarize(outcomes: Outcome[]): Row[] {
  const scored = outcomes.filter((o) => o.gold.quote_type !== 'indirect');
  const row = (label: string, keep: (o: Outcome) => boolean): Row => {
    const xs = scored.filter(keep);
    return {
      label,
      total: xs.length,
      detected: xs.filter((o) => o.detected).length,
      correct: xs.filter((o) => o.speakerCorrect).length,
    };
  };
  return [
    row('direct + mixed', () => true),
    row('direct', (o) => o.gold.quote_type === 'direct'),
    row('mixed', (o) => o.gold.quote_type === 'mixed'),
    row('source: named', (o) => o.gold.source_kind === 'named'),
    row('source: pronoun', (o) => o.gold.source_kind === 'pronoun'),
    row('source: nominal', (o) => o.gold.source_kind === 'nominal'),
  ];
}

const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(1)}%` : '–');

export function markdownTable(rows: Row[]): string {
  const lines = ['| attributions | gold | detected | speaker accuracy |', '|---|---:|---:|---:|'];
  for (const r of rows) lines.push(`| ${r.label} | ${r.total} | ${pct(r.detected, r.total)} | ${pct(r.correct, r.total)} |`);
  return lines.join('\n');
}
