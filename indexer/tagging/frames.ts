/**
 * The attribution frame around a quotation: reporting cues ("said", "told", "according to") and the
 * speaker mention next to them ("Asif said", "said the minister", "he added"), found with word lists
 * and punctuation rather than a parser. Text inside quotation marks is masked before any of this runs.
 */
import type { Span } from './types.js';

const BASES = (
  'say tell add warn urge stress accuse assert claim note explain argue insist write tweet post declare announce state ' +
  'continue reply respond ask acknowledge admit emphasize emphasise suggest reiterate recall remark observe complain ' +
  'concede confirm deny allege predict promise vow pledge joke quip conclude caution agree counter charge contend ' +
  'maintain report testify tout boast mock scoff shout chant yell call describe criticize criticise blame praise ' +
  'demand recount comment echo wonder muse lament proclaim hint reveal indicate estimate announce threaten ' +
  'insist recommend propose predict underscore highlight reaffirm condemn censure dismiss retort snap tell ' +
  'acknowledge explain elaborate summarize summarise characterize characterise label brand term find learn speak ' +
  'exhort implore plead beg scold blast slam decry denounce bemoan hail applaud lambaste brag gush rail fume chide taunt ' +
  'assure reassure inform advise remind interject clarify affirm attest swear exclaim whisper mutter opine reason speculate ' +
  'lash ridicule dub insist testify question refute rebut sing specify'
).split(' ');

const IRREGULAR: Record<string, string[]> = {
  say: ['say', 'says', 'said', 'saying'],
  tell: ['tell', 'tells', 'told', 'telling'],
  write: ['write', 'writes', 'wrote', 'writing', 'written'],
  find: ['find', 'finds', 'found', 'finding'],
  learn: ['learned', 'learnt'],
  snap: ['snapped', 'snaps'],
  admit: ['admit', 'admits', 'admitted', 'admitting'],
  quip: ['quipped', 'quips'],
  retort: ['retorted', 'retorts'],
  label: ['labeled', 'labelled'],
  brand: ['branded'],
  term: ['termed', 'terming'],
  speak: ['speaks', 'spoke'],
  state: ['stated', 'stating'],
  swear: ['swore', 'swears'],
  specify: ['specified', 'specifies', 'specifying'],
  sing: ['sings', 'sang', 'sung', 'singing'],
  lash: ['lashed'],
  plead: ['pleaded', 'pleads'],
  beg: ['begged', 'begs'],
  slam: ['slammed', 'slams'],
};

function forms(base: string): string[] {
  if (IRREGULAR[base]) return IRREGULAR[base];
  const stem = base.endsWith('e') ? base.slice(0, -1) : base;
  if (/[^aeiou]y$/.test(base)) {
    const b = base.slice(0, -1);
    return [base, `${b}ies`, `${b}ied`, `${base}ing`];
  }
  const s = /(s|sh|ch|x|z)$/.test(base) ? `${base}es` : `${base}s`;
  return [base, s, `${stem}ed`, `${stem}ing`];
}

/**
 * Verbs that are as often nouns ("the report", "late-night tweets", "secretary of state"): their base
 * form is never a cue, their -s form only right after a name or pronoun ("The Times reports").
 */
const NOUNISH = new Set(
  'report tweet post call claim note charge comment state demand promise pledge vow reply question estimate counter remark echo label brand term find quip joke boast threaten mock'.split(' '),
);

/** Lower-case cue word → its base verb. */
export const CUE_WORDS = new Map<string, string>();
for (const b of BASES) for (const f of forms(b)) CUE_WORDS.set(f, b);

/** Cues that introduce reported speech without quotation marks reliably enough to tag it. */
const INDIRECT_UNSAFE = new Set(['call', 'speak', 'blast', 'slam', 'hail', 'applaud', 'bemoan', 'decry', 'denounce', 'scold', 'lash', 'ridicule', 'dub', 'taunt', 'chide', 'lambaste', 'beg', 'swear', 'rail', 'fume', 'reveal', 'indicate', 'charge', 'counter', 'describe', 'continue', 'post', 'find', 'learn', 'label', 'brand', 'term', 'mock', 'chant', 'shout', 'yell', 'praise', 'blame', 'criticize', 'criticise', 'condemn', 'censure', 'dismiss', 'estimate', 'ask', 'wonder', 'echo', 'highlight', 'report']);

export interface Cue extends Span {
  base: string;
  /** "saying", "adding", "asserting": the speaker is the subject of the sentence. */
  participle?: boolean;
}

const PRONOUNS = new Set(['he', 'she', 'they', 'it', 'we', 'i', 'you']);
const DETERMINERS = /^(the|a|an|his|her|their|its|our|one|another|two|three|some|many|several|most|other|both|all|these|those|this|that)$/i;

/** Words that end a noun phrase when scanning away from a cue. */
const NP_STOP = new Set(
  (
    'that and but or while as when because after before if where which who whom whose so then than since though although ' +
    'also later has had have was were is are will would could should can may might did does do been being not never ' +
    'already again once previously recently repeatedly reportedly publicly privately quickly simply flatly further ' +
    'earlier often still just even only to in on at by for from with without during about into over under against ' +
    'said says told tells added adding saying following what'
  ).split(' '),
);
/** Words that may sit between a subject and its cue: "he also said", "Asif has repeatedly said". */
const BETWEEN_TAIL = /(?:\s+(?:\p{Ll}+ly|time and again|again and again|now|also|later|then|has|had|have|was|is|were|are|will|would|could|previously|recently|once|further|repeatedly|again|earlier|often|reportedly|publicly|privately|quickly|simply|flatly|already|never|did|does|do|just|still|even|first|initially|eventually|finally|separately|angrily|bluntly|himself|herself|themselves|itself|had|been|not)\b)+\s*$/u;

const WORD_RE = /[\p{L}\p{N}][\p{L}\p{N}\p{M}'’.\-]*|[^\s\p{L}\p{N}]/gu;

interface W {
  t: string;
  start: number;
  end: number;
}

function words(text: string, start: number, end: number): W[] {
  const out: W[] = [];
  const slice = text.slice(start, end);
  WORD_RE.lastIndex = 0;
  for (let m = WORD_RE.exec(slice); m; m = WORD_RE.exec(slice)) {
    let t = m[0];
    // A sentence-final period is punctuation, an abbreviation's period is part of the word.
    if (t.length > 1 && t.endsWith('.') && !/^(\p{L}\.)+$|^(mr|mrs|ms|dr|st|jr|sr|gen|sen|rep|gov|lt|col|capt|sgt|maj|prof|rev)\.$/iu.test(t)) t = t.slice(0, -1);
    out.push({ t, start: start + m.index, end: start + m.index + t.length });
  }
  return out;
}

const LETTERS = /[A-Za-z]+/g;
const MULTIWORD_START = new Set(['according', 'issued', 'put', 'puts', 'read', 'reads']);
const DOCUMENT = /^(statement|letter|article|memo|note|report|post|tweet|message|sign|signs|banner|headline|caption|text|email|release|placard|ad|advertisement|filing|complaint|lawsuit|order|ruling|decision|document)$/;

/** Cue words and "according to" in the masked frame [start, end). */
export function findCues(masked: string, start: number, end: number): Cue[] {
  const out: Cue[] = [];
  LETTERS.lastIndex = start;
  // A cheap scan for candidate words; only around a candidate are the neighbours tokenised.
  for (let m = LETTERS.exec(masked); m && m.index < end; m = LETTERS.exec(masked)) {
    const lw = m[0].toLowerCase();
    if (!CUE_WORDS.has(lw) && !MULTIWORD_START.has(lw)) continue;
    if (m.index + m[0].length > end || /[\p{L}\p{N}]/u.test(masked[m.index - 1] ?? '') || /[\p{L}\p{N}]/u.test(masked[m.index + m[0].length] ?? '')) continue;
    let from = Math.max(start, m.index - 80);
    if (from > start) from = masked.indexOf(' ', from) + 1 || m.index;
    const ws = words(masked, from, Math.min(end, m.index + m[0].length + 40));
    const i = ws.findIndex((w) => w.start === m!.index);
    const cue = i >= 0 ? cueAt(ws, i) : null;
    if (cue) {
      out.push(cue);
      LETTERS.lastIndex = Math.max(LETTERS.lastIndex, cue.end);
    }
  }
  return out;
}

function cueAt(ws: W[], i: number): Cue | null {
  const lw = ws[i].t.toLowerCase();
  if (lw === 'according' && ws[i + 1]?.t.toLowerCase() === 'to') return { start: ws[i].start, end: ws[i + 1].end, base: 'according to' };
  if (lw === 'issued' && /^(a|an)$/i.test(ws[i + 1]?.t ?? '') && /^statements?$/i.test(ws[i + 2]?.t ?? '')) {
    return { start: ws[i].start, end: ws[i + 2].end, base: 'issue a statement' };
  }
  if (/^puts?$/.test(lw) && /^it$/i.test(ws[i + 1]?.t ?? '')) return { start: ws[i].start, end: ws[i + 1].end, base: 'put it' };
  const prev = ws[i - 1]?.t.toLowerCase();
  // "the letter reads", "the article read": documents speak through "read".
  if ((lw === 'read' || lw === 'reads') && prev && DOCUMENT.test(prev)) return { start: ws[i].start, end: ws[i].end, base: 'read' };
  const base = CUE_WORDS.get(lw);
  if (!base) return null;
  // A capitalised cue word inside a sentence is a name ("Stevie Wonder, who"), unless the line is in title case.
  if (/^\p{Lu}/u.test(ws[i].t) && i > 0 && !/^[.!?:"“”]$/.test(ws[i - 1].t) && !/^(\p{Lu}|\uE000|:)/u.test(ws[i + 1]?.t ?? '')) return null;
  // After a determiner or a possessive the word is a noun or adjective ("the PTI’s alleged involvement").
  if (prev && (/^(the|a|an|his|her|their|its|our|this|that)$/.test(prev) || /['’]s$/.test(prev))) return null;
  if (prev === 'to') return null; // an infinitive is not a report: "asked to describe the device"
  if (prev && /^(is|are|was|were|be|been|being)$/.test(prev) && /ed$/.test(lw)) return null; // passive: "are revealed as"
  if (NOUNISH.has(base) && (lw === base || (/s$/.test(lw) && !/ed$/.test(lw)))) {
    const p = ws[i - 1]?.t ?? '';
    if (!(/^\p{Lu}/u.test(p) || /^(he|she|it|they|we|i|you)$/i.test(p))) return null;
    // "of Republican claims": a capitalised modifier after a preposition makes a noun phrase.
    let k = i - 1;
    while (k > 0 && /^\p{Lu}/u.test(ws[k].t)) k--;
    if (k >= 0 && k < i - 1 && (/^(of|in|on|for|to|with|by|from|about|than|and|or|\d.*|%)$/i.test(ws[k].t) || /^(a|an|the|his|her|their|its)$/.test(ws[k].t))) {
      return null; // "of Republican claims", "a Donald Trump tweet"
    }
  }
  // A participle ("…, asserting that …") reports for the sentence subject; only with a clear complement.
  const participle = lw.endsWith('ing');
  if (participle && !/^(that|:|,)$/i.test(ws[i + 1]?.t ?? '') && base !== 'say' && base !== 'add') return null;
  return { start: ws[i].start, end: ws[i].end, base, participle };
}

export function indirectSafe(cue: Cue): boolean {
  return !INDIRECT_UNSAFE.has(cue.base);
}

export type MentionKind = 'pronoun' | 'name' | 'nominal';

export interface Mention extends Span {
  kind: MentionKind;
  /** For "Name, the title," appositions: the name the description stands beside. */
  apposedTo?: Span;
}

function classify(text: string, all: W[]): MentionKind {
  if (all.length === 1 && (PRONOUNS.has(all[0].t.toLowerCase()) || /^(who|which)$/i.test(all[0].t))) return 'pronoun';
  // The head comes before any preposition: "the delegation’s visit to Kabul" is a visit, not Kabul.
  const prep = all.findIndex((w, i) => i > 0 && PREPOSITION.test(w.t));
  const ws = prep > 0 ? all.slice(0, prep) : all;
  const last = ws[ws.length - 1].t;
  return /^\p{Lu}/u.test(last) || ws.some((w, i) => i > 0 && /^\p{Lu}/u.test(w.t) && !DETERMINERS.test(ws[0].t)) || (/^\p{Lu}/u.test(ws[0].t) && !DETERMINERS.test(ws[0].t))
    ? 'name'
    : 'nominal';
}

const DATE_WORD = /^(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|yesterday|tonight|january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec|last|next|earlier|later)$/;
/** A time adverbial between subject and cue: "McConnell, who in 2010 said", "Trump on Monday said". */
const TIME_TAIL =
  /\s+(?:(?:in|on|since|by|during|until|last|this|next|early|late|earlier|later)\s+)?(?:\d{4}|(?:mon|tues|wednes|thurs|fri|satur|sun)day|january|february|march|april|may|june|july|august|september|october|november|december|week|month|year|morning|afternoon|evening|night|today|yesterday)(?:\s+(?:morning|afternoon|evening|night))?\s*$/iu;
const PREPOSITION = /^(of|in|at|for|from|with|on|to)$/i;
/** First words of a parenthetical between a subject and its cue: "Tarar, while speaking …, said". */
const CLAUSE_OPENER =
  /^(while|who|which|when|after|before|speaking|addressing|responding|referring|in|at|on|during|as|whose|citing|adding|noting|however|though|although|too|also|for|from|with|like|unlike|including|meanwhile|then|now)$/i;
const APPOSITIVE_START = /^(the|a|an|his|her|its|their|one|another|both|two|three|[\p{Lu}][\p{L}\-]*['’]s)$/u;

function isContentWord(w: W | undefined): boolean {
  return !!w && /[\p{L}\p{N}]/u.test(w.t) && !/\uE000/.test(w.t) && !NP_STOP.has(w.t.toLowerCase()) && !PRONOUNS.has(w.t.toLowerCase());
}

/** Scan back from `end` over one noun phrase (prepositions allowed inside: "officials at the agency"). */
function scanBack(masked: string, floor: number, end: number): W[] {
  // A noun phrase is a few words: tokenise only the tail (from a space, not mid-word).
  let from = Math.max(floor, end - 240);
  if (from > floor) from = masked.indexOf(' ', from) + 1 || floor;
  const ws = words(masked, from, end);
  const np: W[] = [];
  for (let i = ws.length - 1; i >= 0 && np.length < 10; i--) {
    const w = ws[i];
    const lw = w.t.toLowerCase();
    if (!/[\p{L}\p{N}]/u.test(w.t) || /\uE000/.test(w.t)) break;
    if (PRONOUNS.has(lw) || (!np.length && /^(who|which)$/.test(lw))) {
      if (!np.length) np.push(w);
      break;
    }
    if (NP_STOP.has(lw)) {
      if (PREPOSITION.test(lw) && np.length && isContentWord(ws[i - 1])) {
        np.unshift(w);
        continue;
      }
      break;
    }
    np.unshift(w);
  }
  while (np.length && /^(of|to|in|on|at|for|with|and|but|from)$/i.test(np[0].t)) np.shift();
  return np;
}

/** The noun phrase that ends right before `pos` (the subject of a cue), scanning no further back than `floor`. */
export function mentionBefore(masked: string, floor: number, pos: number): Mention | null {
  let end = pos;
  for (let k = 0; k < 2; k++) {
    const adv = BETWEEN_TAIL.exec(masked.slice(floor, end)) ?? TIME_TAIL.exec(masked.slice(floor, end));
    if (adv && adv[0].trim()) end = floor + adv.index;
  }
  // Brackets after a name: "Inter-Services Public Relations (ISPR), said", "Rep. Gwen Moore (D-Wis.) said".
  const bracket = /\s*\([^()\uE000]{1,40}\),?\s*$/u.exec(masked.slice(floor, end));
  if (bracket) end = floor + bracket.index;
  // A dashed aside before the cue: "John Dickey, the chief executive -- the company that … -- told me".
  const dashed = /\s*(--|—|―)[^\uE000]{1,200}?(--|—|―)\s*$/u.exec(masked.slice(floor, end));
  if (dashed && dashed[1] === dashed[2]) end = floor + dashed.index;
  // Commas right before the cue: an age ("Jones, 25, said"), a parenthetical ("Tarar, while …, said")
  // or appositions ("Cha, a Korea scholar at CSIS, said"; "Pruitt, the attorney general, one of …, said").
  let appositionEnd = -1;
  let appositionStart = -1;
  for (let guard = 0; guard < 4; guard++) {
    const seg = masked.slice(floor, end);
    const comma = /,\s*$/.exec(seg);
    if (!comma) break;
    const prevComma = seg.lastIndexOf(',', comma.index - 1);
    const chunkStart = prevComma >= 0 ? floor + prevComma + 1 : floor;
    const chunk = masked.slice(chunkStart, floor + comma.index).trim();
    const first = chunk.split(/\s+/)[0] ?? '';
    if (prevComma >= 0 && (/^\d/.test(first) || CLAUSE_OPENER.test(first))) {
      end = floor + prevComma;
      continue;
    }
    if (prevComma >= 0 && APPOSITIVE_START.test(first) && chunk.split(/\s+/).length <= 16) {
      if (appositionEnd < 0) appositionEnd = floor + comma.index;
      appositionStart = chunkStart + (masked.slice(chunkStart).length - masked.slice(chunkStart).trimStart().length);
      end = floor + prevComma + 1; // keep the comma: the name before it may have its own apposition
      continue;
    }
    end = floor + comma.index;
    break;
  }
  if (appositionEnd >= 0) {
    const name = scanBack(masked, floor, masked.slice(floor, end).replace(/,\s*$/, '').length + floor);
    const m: Mention = { start: appositionStart, end: appositionEnd, kind: 'nominal' };
    if (name.length && classify(masked, name) === 'name') {
      m.apposedTo = { start: name[0].start, end: name[name.length - 1].end };
      m.start = name[0].start;
      m.kind = 'name';
    }
    return m;
  }
  const np = scanBack(masked, floor, end);
  if (!np.length) return null;
  // An adverb is no subject: "Following a swiftly called meeting".
  if (/^\p{Ll}+ly$/u.test(np[np.length - 1].t)) return null;
  return { start: np[0].start, end: np[np.length - 1].end, kind: classify(masked, np) };
}

/** The noun phrase right after `pos` (inverted "said Asif", "according to the report"). */
export function mentionAfter(masked: string, pos: number, ceiling: number, loose = false): Mention | null {
  const ws = words(masked, pos, ceiling);
  const np: W[] = [];
  for (const w of ws) {
    const lw = w.t.toLowerCase();
    if (!/[\p{L}\p{N}]/u.test(w.t) || /\uE000/.test(w.t)) break;
    if (np.length && (NP_STOP.has(lw) || /^(who|which)$/.test(lw))) break;
    // A name ends at the first lower-case word ("Mr. Asif took to X"); a description goes on ("the information minister").
    if (!loose && np.length && /^\p{Lu}/u.test(np[0].t) && !DETERMINERS.test(np[0].t) && /^\p{Ll}/u.test(w.t)) break;
    if (!np.length && !loose && !(/^[\p{Lu}\p{N}]/u.test(w.t) || DETERMINERS.test(w.t) || PRONOUNS.has(lw))) return null;
    if (!np.length && (DATE_WORD.test(lw) || /^(this|that|these|those)$/.test(lw))) return null;
    np.push(w);
    if (np.length === 1 && PRONOUNS.has(lw)) break;
    if (np.length >= 8) break;
  }
  if (!np.length) return null;
  return { start: np[0].start, end: np[np.length - 1].end, kind: classify(masked, np) };
}

const LEAD_IN = /^(on|in|at|during|earlier|later|after|before|since|last|this|speaking|addressing|responding|referring|without|following|meanwhile|however|separately|also|but|and|yet|still|then|now|when|while|as|from|with|for|despite|if|although|though|because|unless|whether|to|asked|pressed|like|unlike|by|under|over|amid|even|once|until)$/i;

/** The subject that opens the sentence, after a lead-in clause ("On July 17, 2023, the minister …"). */
export function subjectOf(masked: string, start: number, end: number): Mention | null {
  let pos = start;
  const first = /^\s*([\p{L}]+)/u.exec(masked.slice(start, end));
  if (first && (LEAD_IN.test(first[1]) || /^\p{Lu}\p{Ll}+ly$/u.test(first[1]))) {
    const comma = masked.slice(start, end).search(/,\s/);
    if (comma < 0 || comma > 120) {
      // No comma after the lead-in ("On September 27 they published …"): a pronoun soon after is the subject.
      const pron = /^(?:\s*[^\s,.;:]+){1,6}?\s+(he|she|they|it|we|I)\s+\p{Ll}/du.exec(masked.slice(start, end));
      if (!pron?.indices?.[1]) return null;
      return { start: start + pron.indices[1][0], end: start + pron.indices[1][1], kind: 'pronoun' };
    }
    pos = start + comma + 1;
    // A date's own comma: "On July 17, 2023, …"
    const year = /^\s*\d{4},\s/.exec(masked.slice(pos, end));
    if (year) pos += year[0].length - 1;
  }
  return mentionAfter(masked, pos, end);
}
