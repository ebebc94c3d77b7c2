/**
 * Evidence for who spoke a quotation: the cue in its frame and the mention next to it. Priority is
 * decided in attribution.ts; each function here reads one kind of frame.
 */
import { mentionAfter, mentionBefore, subjectOf, type Cue, type Mention } from './frames.js';
import { findNameMentions } from './names.js';
import type { Unit } from './structure.js';
import type { Span } from './types.js';

export interface Evidence {
  cue: Cue | null;
  mention: Mention;
}

/** “…,” Asif said / “…,” said Asif / “…,” the minister, who…, said: a cue within a few words after the quote. */
export function cueAfter(text: string, masked: string, q: Span, limit: number, cues: Cue[]): Evidence | null {
  const tail = masked.slice(q.end, limit);
  // A byline-style credit closing the paragraph: “…” ― Sonya Herridge
  const credit = /^\s*[―—–-]\s*(?=\p{Lu})/u.exec(tail);
  if (credit && !cues.some((c) => c.start >= q.end && c.end <= limit)) {
    const m = mentionAfter(masked, q.end + credit[0].length, limit);
    if (m && /^[\s.]*$/.test(masked.slice(m.end, limit))) return { cue: null, mention: m };
  }
  if (!/^\s*[,—–\-]?\s*\S/.test(tail) || /^\s*[.;]/.test(tail)) return null;
  // A frame follows a quotation that ends its clause: “…,” / “…?” / “…” — / “…”, — not “a disgrace” suggests.
  const inner = text.slice(Math.max(q.start, q.end - 3), q.end);
  if (!/[,?!—–\-…]/.test(inner) && !/^\s*[,—–]/.test(tail)) return null;
  const cue = cues.find((c) => c.start >= q.end && c.end <= limit);
  if (!cue || cue.start - q.end > 90 || /[.;!?]/.test(masked.slice(q.end, cue.start))) return null;
  const gap = masked.slice(q.end, cue.start);
  // "…,” while 73 percent said": a new clause with its own speaker.
  if (/\b(while|and|but|as|because|although|though|when|if|whereas|whom?|which)\b/i.test(gap)) return null;
  if (cue.base === 'according to') {
    const m = mentionAfter(masked, cue.end, limit, true);
    return m ? { cue, mention: m } : null;
  }
  if (/^[\s,—–\-]*$/.test(gap)) {
    const m = mentionAfter(masked, cue.end, limit);
    return m ? { cue, mention: m } : null;
  }
  const m = cue.participle ? null : mentionBefore(masked, q.end, cue.start);
  return m ? { cue, mention: m } : null;
}

/** Who a cue reports, read from its side of the frame: "according to X", a participle's sentence subject, "X said", "said X". */
export function mentionForCue(masked: string, unit: Unit, floor: number, cue: Cue, ceiling: number): Mention | null {
  if (cue.base === 'according to') return mentionAfter(masked, cue.end, ceiling, true);
  // "Trump bemoaned the unrest and said …": a coordinated cue reports for the sentence subject.
  // "footage of Trump saying, “…”": a participle right after a name reports for that name.
  if (cue.participle) {
    const names = findNameMentions(masked, Math.max(floor, cue.start - 60), cue.start);
    const last = names[names.length - 1];
    if (last && /^\s+$/.test(masked.slice(last.end, cue.start))) return { start: last.start, end: last.end, kind: 'name' };
  }
  if (cue.participle || /\b(and|but|then)\s*$/.test(masked.slice(floor, cue.start))) {
    // "I laughed and said": failing a clear sentence subject, the pronoun that began this clause.
    const subject = subjectOf(masked, unit.start, cue.start);
    if (subject) return subject;
    const pron = /\b(I|he|she|they|we)\s+\p{Ll}+(?:\s+\p{Ll}+){0,5}\s+(?:and|but|then)\s*$/u.exec(masked.slice(floor, cue.start));
    return pron ? { start: floor + pron.index, end: floor + pron.index + pron[1].length, kind: 'pronoun' } : null;
  }
  const before = mentionBefore(masked, floor, cue.start);
  // "the Council condemned what it called “…”": a source framed inside the clause is attributed, as the
  // corpus convention has it, to the main clause's subject when there is one.
  if (before && /\bwhat\s+$/.test(masked.slice(Math.max(floor, before.start - 8), before.start))) {
    const subject = subjectOf(masked, unit.start, before.start);
    if (subject && subject.start < before.start - 5 && canSpeak(masked, subject)) return subject;
  }
  if (before) return before;
  // Inverted ("said Asif"); a pronoun after the cue starts the reported clause ("said he would").
  const after = mentionAfter(masked, cue.end, ceiling);
  return after && after.kind !== 'pronoun' ? after : null;
}

/** Asif said: “…” / Asif told reporters, “…” / Asif said that “…”: a cue closing the frame before the quote. */
export function cueBefore(masked: string, unit: Unit, floor: number, q: Span, cues: Cue[]): Evidence | null {
  // The main clause's cue, not one inside the reported clause: "Trump said Clinton once described it as “…”".
  // A name or pronoun subject beats a description ("In a Facebook message posted Friday, Cruz said").
  let fallback: Evidence | null = null;
  const subordinate = /^\s*(although|though|while|when|after|before|because|if|as|since|once|whereas)\b/i.test(masked.slice(unit.start, unit.end));
  const usable = cues.filter((c) => c.end <= q.start && c.start >= floor && !/[.;!?]\s/.test(masked.slice(c.end, q.start)));
  // A cue that introduces the quotation directly ("…, saying, “…”", "said: “…”") is its frame.
  const adjacent = usable[usable.length - 1];
  // ("told reporters in Sialkot on Sunday: “…”", "saying during the debate last week, “…”" count too.)
  if (adjacent && /^(?:[\s,:]*(?:that\s*)?|(?:\s+[^\s,.;:\uE000]+){1,6}\s*[,:]\s*)$/u.test(masked.slice(adjacent.end, q.start))) {
    const m = mentionForCue(masked, unit, floor, adjacent, q.start);
    if (m) return { cue: adjacent, mention: m };
  }
  for (const cue of usable) {
    // "X said that …, but he said “…”": a later clause with its own cue and subject.
    const rest = masked.slice(cue.end, q.start);
    if (/,\s*(but|and|while|although|though|whereas|yet)\s|\s(--|—|–)\s/.test(rest) && usable.some((c) => c.start > cue.end)) continue;
    // "Although he acknowledged …, Ham noted “…”": the leading clause's cue is not the main one.
    if (subordinate && floor === unit.start && masked.slice(cue.end, q.start).includes(',') && cues.some((c) => c.start > cue.end && c.end <= q.start)) continue;
    const m = mentionForCue(masked, unit, floor, cue, q.start);
    if (m && m.kind !== 'nominal') return { cue, mention: m };
    // A description that opens the sentence is its subject ("The statement noted …"), not a modifier.
    if (m && !masked.slice(floor, m.start).trim()) return { cue, mention: m };
    if (m && !fallback) fallback = { cue, mention: m };
  }
  return fallback;
}

/** Any cue in the unit with a mention next to it, the one nearest the quote first. */
export function cueAnywhere(masked: string, unit: Unit, q: Span, cues: Cue[]): Evidence | null {
  const sorted = [...cues].sort((a, b) => Math.abs(a.start - q.start) - Math.abs(b.start - q.start));
  for (const cue of sorted) {
    const m = mentionForCue(masked, unit, unit.start, cue, unit.end);
    if (m) return { cue, mention: m };
  }
  return null;
}

/** The label of a transcript paragraph the unit sits in ("PENCE: Well, … “Shark Tank.”"). */
export function paragraphLabel(text: string, pos: number): Evidence | null {
  const start = text.lastIndexOf('\n', pos - 1) + 1;
  // The first paragraph's capitals and colon are a dateline ("ISLAMABAD: …"), not a speaker.
  if (!text.slice(0, start).trim()) return null;
  return speakerLabel(text, { start, end: pos });
}

/** A transcript line: “PENCE: Well, look, …” — the capitalised label names the speaker. */
export function speakerLabel(text: string, q: Span): Evidence | null {
  const m = /^(["“']*\s*)([A-Z][A-Z.'’\- ]{1,30}[A-Z.]):\s/.exec(text.slice(q.start, q.start + 40));
  if (!m) return null;
  const start = q.start + m[1].length;
  return { cue: null, mention: { start, end: start + m[2].length, kind: 'name' } };
}

/** Words that head descriptions able to make a statement ("officials", "the report"), not "the visit". */
const SPEAKING_HEAD =
  /\b(officials?|sources?|spokes(?:man|woman|person)|statement|report|minister|leaders?|people|aides?|lawmakers?|police|authorities|government|ministry|analysts?|experts?|critics?|residents?|witnesses|campaign|letter|memo|study|survey|poll|document|agency|office|department|committee|commission|court|military|army|group|party|council|president|secretary|chief|director|official|advisers?|advocates?|supporters?|opponents?|voters?|members?|protesters|demonstrators|organizers|researchers|scientists|doctors?|lawyers?|attorneys?|prosecutors?|investigators?|diplomats?|observers|activists?|students?|parents?|workers?|employees?|executives?|company|firm|bank|union|association|administration|senators?|candidates?|nominees?|governor|mayor|judge|team|staff|man|woman|men|women|he|she|they|it|we|i|who|which)\b/i;

export function canSpeak(masked: string, m: Mention): boolean {
  return m.kind !== 'nominal' || SPEAKING_HEAD.test(masked.slice(m.start, m.end));
}

/** A unit that is only a frame ending in a colon: "He said:", "The New York Times reports:". */
export function introducer(masked: string, unit: Unit, cues: Cue[]): Evidence | null {
  if (!/:\s*$/.test(masked.slice(unit.start, unit.end))) return null;
  const cue = cues[cues.length - 1];
  // "Sanders made the following comment:" — no cue, the subject introduces the quotation.
  const m = cue ? mentionForCue(masked, unit, unit.start, cue, unit.end) : subjectOf(masked, unit.start, unit.end);
  return m ? { cue: cue ?? null, mention: m } : null;
}
