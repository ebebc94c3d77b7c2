/**
 * Article dates: validating the dates inputs give, and inferring a publication date from the
 * text only where the text states it. An inferred date always says how it was found; when the
 * text does not settle it, the date is unknown rather than guessed.
 */

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = String.raw`(Jan(?:uary|\.)?|Feb(?:ruary|\.)?|Mar(?:ch|\.)?|Apr(?:il|\.)?|May|June?|July?|Aug(?:ust|\.)?|Sep(?:tember|t\.?|\.)?|Oct(?:ober|\.)?|Nov(?:ember|\.)?|Dec(?:ember|\.)?)`;
const DAY = String.raw`(\d{1,2})(?:st|nd|rd|th)?`;
const WEEKDAY = String.raw`(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)`;

/** Dates with a year, as news prose writes them: "July 17, 2023", "17 July 2023", "2023-07-17". */
const FULL_DATES = [
  { re: new RegExp(String.raw`\b${MONTH}\s+${DAY},?\s+(\d{4})\b`, 'g'), order: 'mdy' },
  { re: new RegExp(String.raw`\b${DAY}\s+(?:of\s+)?${MONTH},?\s+(\d{4})\b`, 'g'), order: 'dmy' },
  { re: /\b(\d{4})-(\d{2})-(\d{2})\b/g, order: 'ymd' },
] as const;

/**
 * Phrases that give the day of writing: "today, March 27", "today (Wednesday, March 27)", and a
 * wire-style dateline opening the text ("LONDON, March 27 (Reuters) -"). A bare "on March 27"
 * says when something happened, not when the article was written, so it is not an anchor.
 */
const TODAY_ANCHOR = new RegExp(
  String.raw`\b(?:today|tonight|this (?:morning|afternoon|evening))\s*[,(]\s*(?:${WEEKDAY},?\s+)?${MONTH}\s+${DAY}(?:,?\s+(\d{4}))?\b`,
  'i',
);
const DATELINE_ANCHOR = new RegExp(
  String.raw`^\s*[A-Z][A-Z.'’ -]{1,40}(?:,\s*[A-Za-z.'’ -]{1,40})?,\s+${MONTH}\s+${DAY}(?:,\s*(\d{4}))?\s*(?:\(|[-–—:])`,
);

export interface YMD {
  year: number;
  month: number;
  day: number;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function formatYMD({ year, month, day }: YMD): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function exists({ year, month, day }: YMD): boolean {
  return year >= 1000 && year <= 9999 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

function monthIndex(name: string): number {
  const key = name.toLowerCase().replace(/\.$/, '').slice(0, 3);
  return MONTHS.findIndex((m) => m.startsWith(key)) + 1;
}

const compare = (a: YMD, b: YMD) => a.year - b.year || a.month - b.month || a.day - b.day;

export type DateFieldResult = { ok: true; date: string } | { ok: false; reason: string };

/**
 * A date as an input field gives it: `YYYY-MM-DD`, optionally followed by a time
 * (`2024-03-17T08:00:00+05:00` → 2024-03-17, the calendar day as written, i.e. the day where it
 * was published), or "March 17, 2024" / "17 March 2024". A date that does not exist is an error.
 */
export function parseDateField(value: string): DateFieldResult {
  const raw = value.trim();
  let ymd: YMD | null = null;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i.exec(raw);
  if (iso) ymd = { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) };
  else {
    const prose = findFullDates(raw);
    if (prose.length === 1 && prose[0].text.length >= raw.replace(/[.,\s]+$/, '').length) ymd = prose[0].date;
  }
  if (!ymd) return { ok: false, reason: `unrecognised date "${raw}" (expected YYYY-MM-DD)` };
  if (!exists(ymd)) return { ok: false, reason: `date "${raw}" does not exist${describeWhy(ymd)}` };
  return { ok: true, date: formatYMD(ymd) };
}

function describeWhy({ year, month, day }: YMD): string {
  if (year < 1000 || year > 9999) return ` (year ${year} is out of range)`;
  if (month < 1 || month > 12) return ` (there is no month ${month})`;
  const name = MONTHS[month - 1][0].toUpperCase() + MONTHS[month - 1].slice(1);
  return ` (${name} ${year} has ${daysInMonth(year, month)} days)`;
}

export interface FoundDate {
  date: YMD;
  text: string;
  index: number;
}

/** Every existing date with an explicit year in the text (dates that do not exist are ignored). */
export function findFullDates(text: string): FoundDate[] {
  const found: FoundDate[] = [];
  for (const { re, order } of FULL_DATES) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const date =
        order === 'mdy'
          ? { year: Number(m[3]), month: monthIndex(m[1]), day: Number(m[2]) }
          : order === 'dmy'
            ? { year: Number(m[3]), month: monthIndex(m[2]), day: Number(m[1]) }
            : { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
      if (exists(date)) found.push({ date, text: m[0], index: m.index });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

export interface InferredDate {
  date: string;
  /** How the text gave it, for logs and tests: the anchor phrase and where the year came from. */
  evidence: string;
}

/**
 * The publication date the text states, or null. Needs an anchor (see TODAY_ANCHOR /
 * DATELINE_ANCHOR). When the anchor has no year, the year comes from the explicit full dates in
 * the text: news reports on what is past, so the day of writing is the first such month/day
 * not before the latest full date mentioned ("today, March 27" in a text citing July 17, 2023 →
 * 2024-03-27). No anchor, or no full date to fix the year: null (unknown), never a guess from
 * the file's mtime or the clock. Known limit: a text whose latest full date is a future deadline
 * would push the year one too far; such texts rarely also say "today, <date>" without a year.
 */
export function inferPublicationDate(text: string): InferredDate | null {
  const head = text.slice(0, 400);
  const anchor = DATELINE_ANCHOR.exec(head) ?? TODAY_ANCHOR.exec(text);
  if (!anchor) return null;
  const month = monthIndex(anchor[1]);
  const day = Number(anchor[2]);
  const phrase = anchor[0].trim().replace(/[\s(:–—-]+$/, '');
  if (anchor[3]) {
    const date = { year: Number(anchor[3]), month, day };
    return exists(date) ? { date: formatYMD(date), evidence: `"${phrase}"` } : null;
  }
  const full = findFullDates(text);
  if (full.length === 0) return null;
  const latest = full.reduce((a, b) => (compare(b.date, a.date) > 0 ? b : a));
  // Up to 8 years ahead only for February 29, the one month/day that skips years.
  for (let year = latest.date.year; year <= latest.date.year + 8; year++) {
    const candidate = { year, month, day };
    if (exists(candidate) && compare(candidate, latest.date) >= 0) {
      return { date: formatYMD(candidate), evidence: `"${phrase}", year from the latest full date in the text ("${latest.text}")` };
    }
  }
  return null;
}
