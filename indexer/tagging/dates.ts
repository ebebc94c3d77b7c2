/**
 * Statement dates: chrono-node finds the expressions, our refiners make them news-like.
 * A news report speaks of the past: "on Saturday" is the last Saturday, "March 27" the last one,
 * "a day earlier" is before the publication date (chrono reads it forwards). Vague expressions
 * ("last year", "now") give no date; "last month" gives the month's first day. Without a
 * publication date only expressions that carry their own year resolve.
 */
import * as chrono from 'chrono-node';
import type { ParsingResult, Refiner } from 'chrono-node';
import type { Span } from './types.js';

export interface FoundDate extends Span {
  /** YYYY-MM-DD */
  date: string;
}

const DAY_MS = 86_400_000;
/** Cheap gate: chrono is only worth running where one of these words occurs. */
const DATE_WORD =
  /\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sept?|oct|nov|dec)[a-z]*\.?\s+\d|\b(?:january|february|march|april|june|july|august|september|october|november|december)\b|\b(?:today|yesterday|tonight|week|month|earlier|ago)\b|\b\d{4}-\d\d-\d\d\b|\b\d{1,2}\/\d{1,2}\/\d{2,4}\b/i;

function iso(d: Date): string {
  return d.toISOString().slice(0, 10);
}

/** Past bias and vagueness rules, applied to chrono's results in place. */
const newsRefiner: Refiner = {
  refine(context, results: ParsingResult[]) {
    const ref = context.refDate.getTime();
    const out: ParsingResult[] = [];
    for (const r of results) {
      const s = r.start;
      const text = r.text.toLowerCase();
      if (/^(now|may|march|sat|sun)$/.test(text.trim())) continue;
      if (/\b(after|later|from now|next|tomorrow|coming)\b/.test(text)) continue;
      const dayKnown = s.isCertain('day') || s.isCertain('weekday');
      if (!dayKnown && !s.isCertain('month')) continue; // "last year", "this week"-like vagueness
      let t = s.date().getTime();
      if (/\b(earlier|before|ago|prior)\b/.test(text) && t > ref) t = ref - (t - ref);
      else if (s.isCertain('weekday') && !s.isCertain('day') && t > ref) t -= 7 * DAY_MS;
      else if (!s.isCertain('year') && s.isCertain('month') && t > ref + DAY_MS) {
        const d = new Date(t);
        d.setUTCFullYear(d.getUTCFullYear() - 1);
        t = d.getTime();
      }
      let d = new Date(t);
      if (!dayKnown) d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1));
      s.assign('year', d.getUTCFullYear());
      s.assign('month', d.getUTCMonth() + 1);
      s.assign('day', d.getUTCDate());
      out.push(r);
    }
    return out;
  },
};

/**
 * Clock times ("7 p.m.", "tonight") and forward spans ("within two days", "in three weeks") never
 * date a past statement; leaving their parsers out saves a third of chrono's time.
 */
const NOT_NEEDED = new Set(['ENTimeExpressionParser', 'ENCasualTimeParser', 'ENTimeUnitWithinFormatParser', 'ENTimeUnitLaterFormatParser']);
const parser = chrono.en.casual.clone();
parser.parsers = parser.parsers.filter((p) => !NOT_NEEDED.has(p.constructor.name));
parser.refiners.push(newsRefiner);
const absoluteOnly = chrono.en.strict.clone();

/**
 * Dates written in [start, end) of `text`, outside `exclude` spans, resolved against `published`
 * (YYYY-MM-DD) or, without it, only when the year is written.
 */
export function findDates(text: string, start: number, end: number, published: string | null, exclude: Span[] = []): FoundDate[] {
  let slice = text.slice(start, end);
  for (const x of exclude) {
    const a = Math.max(x.start, start) - start;
    const b = Math.min(x.end, end) - start;
    if (b > a) slice = slice.slice(0, a) + ' '.repeat(b - a) + slice.slice(b);
  }
  if (!DATE_WORD.test(slice)) return [];
  const out: FoundDate[] = [];
  if (published) {
    const ref = new Date(`${published}T12:00:00Z`);
    for (const r of parser.parse(slice, { instant: ref, timezone: 0 })) {
      out.push({ start: start + r.index, end: start + r.index + r.text.length, date: iso(r.start.date()) });
    }
  } else {
    for (const r of absoluteOnly.parse(slice, { instant: new Date(0), timezone: 0 })) {
      if (!r.start.isCertain('year') || !r.start.isCertain('month') || !r.start.isCertain('day')) continue;
      out.push({ start: start + r.index, end: start + r.index + r.text.length, date: iso(r.start.date()) });
    }
  }
  return out;
}
