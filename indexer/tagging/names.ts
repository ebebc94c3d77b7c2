/**
 * Proper-name mentions without a statistical model: runs of capitalised words, split into a title
 * ("Defence Minister", "Mr.") and the name that follows it, plus the normal form used to match
 * spelling variants of one name across articles (Attaullah / Ataullah).
 */
import { codePointAt, codePointBefore, isLetterOrDigit, isUpperCase } from './chars.js';
import type { Span } from './types.js';

export interface NameMention extends Span {
  /** The name proper, without title ("Khawaja Asif"). */
  name: string;
  nameStart: number;
  /** Lower-case title written before the name ("defence minister"), or null. */
  title: string | null;
  /** Grammatical gender an honorific gives ("Mr." m, "Mrs."/"Ms." f), for pronouns. */
  gender?: 'm' | 'f';
}

/** Words that head a title written before a name. */
export const TITLE_HEADS = new Set(
  (
    'minister president secretary spokesman spokeswoman spokesperson senator sen rep representative governor gov ' +
    'chief general gen ambassador director chairman chairwoman chair leader commander premier envoy adviser advisor ' +
    'mayor judge justice sheriff officer lt colonel col captain capt major maj sergeant sgt admiral prince king queen ' +
    'pope speaker candidate nominee chancellor dean professor prof dr mr mrs ms miss rev sir lord lady economist ' +
    'manager founder ceo executive analyst counterpart strategist pollster aide official attorney lawyer host anchor ' +
    'correspondent editor columnist author coach marshal field vice deputy acting former senior interim'
  ).split(' '),
);
/** Honorifics carry no role. */
const HONORIFICS = new Set('mr mrs ms miss dr sir lord lady rev prof'.split(' '));

/** Capitalised words that start sentences or clauses but are not names. */
const NOT_NAME = new Set(
  (
    'the a an but and or in on at for from to of by with without as if when while after before since during though ' +
    'although because however meanwhile moreover also earlier later today yesterday tomorrow now then there here this ' +
    'that these those his her their its our my your he she they we i it you who what where why how some many most ' +
    'several one two three four five six seven eight nine ten no not all every each both either neither another ' +
    'speaking asked referring responding addressing commenting according following despite under over about against ' +
    'among amid between into through last next according still even just only so yet such other sources officials ' +
    'monday tuesday wednesday thursday friday saturday sunday january february march april may june july august ' +
    'september october november december sept jan feb mar apr jun jul aug sep oct nov dec'
  ).split(' '),
);

/** One capitalised word: an abbreviated title or initials keep their period, other words end at one. */
const CAP = String.raw`(?:(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Sen|Sens|Rep|Reps|Gov|Lt|Col|Capt|Sgt|Maj|Prof|Rev|Adm|Gen)\.|(?:\p{Lu}\.){1,3}(?!\p{L})|\p{Lu}[\p{L}\p{M}'’\-]*)`;
const RUN = new RegExp(
  `${CAP}(?:[ \u00a0]+(?:(?:bin|ibn|al|de|del|da|van|von|der|la|le|ul|ur|of)[ \u00a0]+)?${CAP})*`,
  'uy',
);
const isWordInside = (cp: number) => isLetterOrDigit(cp) || cp === 39 /* ' */ || cp === 0x2019 /* ’ */ || cp === 45; /* - */

/**
 * Where a run can start at or after `from` and before `end`: a capital not inside a word
 * (`(?<![\p{L}\p{N}'’\-])\p{Lu}`), or -1. Finding these first keeps the run regex off most text.
 */
export function nextRunStart(text: string, from: number, end: number): number {
  for (let i = from; i < end; ) {
    const cp = codePointAt(text, i, text.length);
    if (isUpperCase(cp) && !isWordInside(codePointBefore(text, i))) return i;
    i += cp > 0xffff ? 2 : 1;
  }
  return -1;
}

/** All capitalised runs in [start, end) with title and name separated. */
export function findNameMentions(text: string, start: number, end: number): NameMention[] {
  const out: NameMention[] = [];
  for (let at = nextRunStart(text, start, end); at >= 0; ) {
    RUN.lastIndex = at;
    const m = RUN.exec(text);
    if (!m) {
      at = nextRunStart(text, at + 1, end);
      continue;
    }
    let run = m[0];
    if (at + run.length > end) run = run.slice(0, end - at);
    const mention = splitRun(run, at);
    if (mention) out.push(mention);
    at = nextRunStart(text, at + run.length, end);
  }
  return out;
}

interface Tok {
  text: string;
  start: number;
}

function tokens(run: string, offset: number): Tok[] {
  const out: Tok[] = [];
  const re = /\S+/g;
  for (let m = re.exec(run); m; m = re.exec(run)) out.push({ text: m[0], start: offset + m.index });
  return out;
}

/** Strip a trailing possessive and sentence period: "Asif’s" → "Asif". */
function bare(word: string): string {
  if (!/[.'’]/.test(word)) return word;
  return word.replace(/['’]s$/u, '').replace(/\.$/, (dot) => (/^\p{Lu}$|^(mr|mrs|ms|dr|st|jr|sr|gen|sen|rep|gov|lt|col|capt|sgt|maj|prof|rev)$/iu.test(word.slice(0, -1)) ? dot : ''));
}

function isHead(t: Tok): boolean {
  return TITLE_HEADS.has(bare(t.text).toLowerCase().replace(/\.$/, ''));
}

export function splitRun(run: string, offset: number): NameMention | null {
  // Most runs are one capitalised word; the common sentence openers among them are settled at once.
  if (!run.includes(' ') && NOT_NAME.has(bare(run).toLowerCase())) return null;
  let toks = tokens(run, offset);
  // Sentence openers and a leading participle ("Injecting Clinton’s …", "Speaking Friday") are not names.
  while (toks.length && (NOT_NAME.has(toks[0].text.toLowerCase().replace(/[’']s$/, '')) || (toks.length > 1 && /^\p{Lu}\p{Ll}+ing$/u.test(toks[0].text)))) {
    toks = toks.slice(1);
  }
  while (toks.length && NOT_NAME.has(bare(toks[toks.length - 1].text).toLowerCase())) toks = toks.slice(0, -1);
  // A possessive ends the name ("Khan’s PTI party" → "Khan") unless a title follows it
  // ("Pakistan’s Defense Minister Khawaja Asif": the country only qualifies the title).
  const poss = toks.findIndex((t) => /['’]s$/u.test(t.text));
  if (poss >= 0) toks = toks.slice(poss + 1).some(isHead) ? toks.slice(poss + 1) : toks.slice(0, poss + 1);
  if (!toks.length || isHead(toks[toks.length - 1])) return null; // a title without a name
  let lastTitle = -1;
  for (let i = 0; i < toks.length - 1; i++) if (isHead(toks[i])) lastTitle = i;
  const nameToks = toks.slice(lastTitle + 1);
  if (!nameToks.length) return null;
  const allTitleWords = toks.slice(0, lastTitle + 1).map((t) => bare(t.text).toLowerCase().replace(/\.$/, ''));
  const titleWords = allTitleWords.filter((w) => !HONORIFICS.has(w));
  const gender = allTitleWords.includes('mr') ? 'm' : allTitleWords.some((w) => w === 'mrs' || w === 'ms' || w === 'miss') ? 'f' : undefined;
  const last = nameToks[nameToks.length - 1];
  const end = last.start + bare(last.text).length;
  const name = run.slice(nameToks[0].start - offset, end - offset);
  if (!/\p{L}{2}/u.test(name)) return null;
  return {
    start: toks[0].start,
    end,
    name,
    nameStart: nameToks[0].start,
    title: titleWords.length ? normalizeTitle(titleWords.join(' ')) : null,
    ...(gender ? { gender } : {}),
  };
}

/** Lower case, US/UK spelling folded, leading country possessive and article dropped. */
export function normalizeTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(/^(the|a|an)\s+/, '')
    .replace(/^[\p{L}\-]+['’]s\s+/u, '')
    .replace(/\bdefense\b/g, 'defence')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Normal form of one name token for variant matching: no accents, no doubled letters, Muhammad folded. */
const keyCache = new Map<string, string>();
const namesCache = new Map<string, string[]>();

export function tokenKey(token: string): string {
  let k = keyCache.get(token);
  if (k === undefined) {
    k = computeKey(token);
    if (keyCache.size < 100_000) keyCache.set(token, k);
  }
  return k;
}

function computeKey(token: string): string {
  const k = token
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '')
    .replace(/(.)\1+/g, '$1');
  return /^m[ou]h[ae]m[ae]d$/.test(k) ? 'muhamad' : k;
}

/** Keys of a written name's words (cached: the same names recur across a run; callers must not mutate). */
export function nameKeys(name: string): string[] {
  let keys = namesCache.get(name);
  if (!keys) {
    keys = name
      .split(/[\s\-]+/)
      .map((t) => tokenKey(bare(t)))
      .filter(Boolean);
    if (namesCache.size < 100_000) namesCache.set(name, keys);
  }
  return keys;
}

/** The same name keys in the same order (keys hold no spaces, so this is equality of the joined forms). */
export function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Two written names are one person when their last names match and their first names match or one
 * is a shortening of the other ("Ata" / "Ataullah"); middle names may be missing.
 */
export function namesMatch(a: string[], b: string[]): boolean {
  if (!a.length || !b.length) return false;
  if (sameKeys(a, b)) return true;
  if (a.length < 2 || b.length < 2) return false;
  if (a[a.length - 1] !== b[b.length - 1]) return false;
  const [x, y] = [a[0], b[0]];
  if (x === y) return true;
  const [short, long] = x.length <= y.length ? [x, y] : [y, x];
  return short.length >= 3 && long.startsWith(short);
}

/** A headline-style line: most of its words capitalised. Its capitalised runs are not names. */
export function isTitleCase(text: string, start: number, end: number): boolean {
  if (end - start > 200) return false; // headlines are short; body paragraphs are settled at once
  const words = text.slice(start, end).match(/[\p{L}][\p{L}'’\-]*/gu) ?? [];
  if (words.length < 4) return false;
  const caps = words.filter((w) => /^\p{Lu}/u.test(w)).length;
  return caps / words.length >= 0.7;
}
