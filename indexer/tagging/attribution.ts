/**
 * Quotations and reported speech with their speakers. Works unit by unit (sentences joined where a
 * quotation runs over them), in article order, so pronouns and "the minister" resolve to who was
 * last in focus. Priority of evidence for a quotation: a cue right after it (“…,” Asif said /
 * “…,” said Asif), a cue right before it (Asif said: “…”), any cue in its sentence, then the
 * previous speaker (a quote-only sentence or paragraph continues who was speaking).
 */
import { findCues, indirectSafe, mentionAfter, mentionBefore, subjectOf, type Cue, type Mention } from './frames.js';
import { findNameMentions, TITLE_HEADS, type NameMention } from './names.js';
import type { ArticleResolver, Entity } from './resolver.js';
import type { QuoteSpan, Unit } from './structure.js';
import type { QuoteKind, Span } from './types.js';

export interface Attribution extends Span {
  kind: QuoteKind;
  entity: Entity | null;
  mention: Mention | null;
  cue: Cue | null;
  /** The unit the statement sits in (where its date is looked for). */
  unit: Unit;
}

const MASK = '\uE000';

/** The text with every quotation's inside replaced by a mask of equal length (offsets unchanged). */
export function maskQuotes(text: string, quotes: QuoteSpan[]): string {
  let out = '';
  let at = 0;
  for (const q of quotes) {
    out += text.slice(at, q.start) + MASK.repeat(q.end - q.start);
    at = q.end;
  }
  return out + text.slice(at);
}

const PRONOUN_RE = /^(he|she|they|it|we|i|you)$/i;

/** The entity a mention stands for. */
export function resolveMention(text: string, m: Mention, r: ArticleResolver): Entity | null {
  const written = text.slice(m.start, m.end);
  if (m.kind === 'pronoun' || PRONOUN_RE.test(written)) return r.byPronoun(written, m.start);
  if (m.apposedTo) {
    const e = resolveMention(text, { ...m.apposedTo, kind: 'name' }, r);
    if (e) return e;
  }
  const lastWord = written.split(/\s+/).pop()!.toLowerCase().replace(/[’']s$/, '');
  const names = findNameMentions(text, m.start, m.end);
  const titleOnly = TITLE_HEADS.has(lastWord) && (!names.length || names[names.length - 1].end <= m.end - lastWord.length);
  if (titleOnly || m.kind === 'nominal') {
    const e = r.byTitle(written, m.start);
    if (e || m.kind === 'nominal') return e;
  }
  for (let i = names.length - 1; i >= 0; i--) {
    const n = names[i];
    const e = r.byName(n.name, n.nameStart);
    if (e) {
      if (n.title) r.learnTitle(e, n.title);
      return e;
    }
  }
  return null;
}

interface Evidence {
  cue: Cue | null;
  mention: Mention;
}

/** “…,” Asif said / “…,” said Asif / “…,” the minister, who…, said: a cue within a few words after the quote. */
function cueAfter(text: string, masked: string, q: Span, limit: number, cues: Cue[]): Evidence | null {
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
function mentionForCue(masked: string, unit: Unit, floor: number, cue: Cue, ceiling: number): Mention | null {
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
function cueBefore(masked: string, unit: Unit, floor: number, q: Span, cues: Cue[]): Evidence | null {
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
function cueAnywhere(masked: string, unit: Unit, q: Span, cues: Cue[]): Evidence | null {
  const sorted = [...cues].sort((a, b) => Math.abs(a.start - q.start) - Math.abs(b.start - q.start));
  for (const cue of sorted) {
    const m = mentionForCue(masked, unit, unit.start, cue, unit.end);
    if (m) return { cue, mention: m };
  }
  return null;
}

/** Direct: the quotation is a whole clause (sentence start or after ":" / ","), ending at the frame. */
function quoteKind(text: string, unit: Unit, q: Span, prevEnd: number, frameAfter: boolean): QuoteKind {
  const before = text.slice(Math.max(unit.start, prevEnd), q.start);
  const after = text.slice(q.end, unit.end);
  const opensClause = /^\s*$/.test(before) || /[:,]\s*$/.test(before);
  const closesClause = frameAfter || /^\s*($|[,—–\-]|[.!?]|\uE000|[“"])/.test(after) || /^\s*\p{Ll}+\s+(said|says|told|added|asked)\b/u.test(after) || /^\s*\p{Lu}/u.test(after);
  const inner = text.slice(q.start + 1, q.end).replace(/^['‘"“\s]+/, '');
  const capital = /^[\p{Lu}\p{N}]/u.test(inner);
  return opensClause && closesClause && (capital || /^\s*$/.test(before)) ? 'direct' : 'mixed';
}

export interface AttributionInput {
  text: string;
  /** `text` with quotations masked (maskQuotes). */
  masked: string;
  units: Unit[];
  quotes: QuoteSpan[];
  /** Name mentions of the masked text, in order (findNameMentions). */
  names: NameMention[];
  resolver: ArticleResolver;
}

interface Speaking {
  entity: Entity | null;
  mention: Mention;
  cue: Cue | null;
  paragraph: number;
}

export function attribute({ text, masked, units, quotes, names, resolver }: AttributionInput): Attribution[] {
  let ni = 0;
  const out: Attribution[] = [];
  let last: Speaking | null = null;
  /** "Caddell continued:" / "The New York Times reports:" — introduces the quotation that follows. */
  let intro: Speaking | null = null;
  let qi = 0;
  const cuesOf = units.map((u) => findCues(masked, u.start, u.end));
  for (let ui = 0; ui < units.length; ui++) {
    const unit = units[ui];
    while (qi < quotes.length && quotes[qi].end <= unit.start) qi++;
    const inUnit: Span[] = [];
    for (let k = qi; k < quotes.length && quotes[k].start < unit.end; k++) {
      inUnit.push({ start: Math.max(quotes[k].start, unit.start), end: Math.min(quotes[k].end, unit.end) });
    }
    const cues = cuesOf[ui];
    while (ni < names.length && names[ni].start < unit.start) ni++;
    noteSubject(masked, unit, names, ni, resolver);
    if (!inUnit.length) {
      const colon = introducer(masked, unit, cues);
      if (colon) {
        const entity = resolveMention(text, colon.mention, resolver);
        if (entity) resolver.noteFocus(entity, colon.mention.start);
        intro = { entity, mention: colon.mention, cue: colon.cue, paragraph: unit.paragraphs[1] };
        continue;
      }
      const ind = indirect(masked, unit, cues);
      const entity = ind ? resolveMention(text, ind.mention, resolver) : null;
      if (ind && (entity || canSpeak(masked, ind.mention))) {
        if (entity) resolver.noteFocus(entity, ind.mention.start);
        out.push({ ...ind.content, kind: 'indirect', entity, mention: ind.mention, cue: ind.cue, unit });
        last = { entity, mention: ind.mention, cue: ind.cue, paragraph: unit.paragraphs[1] };
      }
      intro = null;
      continue;
    }
    const after: Array<Evidence | null> = inUnit.map((q, i) => speakerLabel(text, q) ?? cueAfter(text, masked, q, inUnit[i + 1]?.start ?? unit.end, cues));
    const next = units[ui + 1];
    if (!after[inUnit.length - 1] && next && next.paragraphs[0] === unit.paragraphs[1] && /^\s*$/.test(masked.slice(inUnit[inUnit.length - 1].end, unit.end))) {
      // “…?” Vitter demanded. — the splitter ended the sentence at the question mark.
      after[inUnit.length - 1] = cueAfter(text, masked, inUnit[inUnit.length - 1], next.end, cuesOf[ui + 1]);
    }
    const perQuote: Array<Evidence | null> = inUnit.map((q, i) => {
      const before = cueBefore(masked, unit, inUnit[i - 1]?.end ?? unit.start, q, cues);
      // Framed on both sides ("DuVernay said … “…,” she said"): the name is the annotated mention.
      if (after[i] && before && after[i]!.mention.kind === 'pronoun' && before.mention.kind === 'name') return before;
      return after[i] ?? before;
    });
    const unitEvidence = perQuote.find((e) => e) ?? cueAnywhere(masked, unit, inUnit[0], cues);
    for (let i = 0; i < inUnit.length; i++) {
      const q = inUnit[i];
      const kind = quoteKind(text, unit, q, inUnit[i - 1]?.end ?? unit.start, !!after[i]);
      let ev: Evidence | null = perQuote[i] ?? unitEvidence;
      let speaking: Speaking | null = null;
      if (!ev) ev = paragraphLabel(text, unit.start);
      if (!ev && intro) speaking = intro;
      else if (!ev && (kind === 'mixed' || /:\s*$/.test(masked.slice(unit.start, q.start)))) {
        // No cue: a partial quotation belongs to the clause subject ("Trump admires Putin as a “strong leader”"),
        // as does a quotation after a colon ("Warren to the CEO: ‘…’").
        const subject = subjectOf(masked, unit.start, q.start);
        if (subject) ev = { cue: null, mention: subject };
      }
      if (!ev && !speaking && last && unit.paragraphs[0] - last.paragraph <= 2) speaking = last; // quote-only: same speaker
      let entity: Entity | null = null;
      let mention: Mention | null = null;
      let cue: Cue | null = null;
      if (ev) {
        mention = ev.mention;
        cue = ev.cue;
        entity = resolveMention(text, mention, resolver);
      } else if (speaking) {
        ({ entity, mention, cue } = speaking);
      }
      if (entity) resolver.noteFocus(entity, q.start);
      const prev = out[out.length - 1];
      if (prev && prev.unit === unit && prev.kind === 'mixed' && prev.end >= q.end) continue; // already inside that clause
      const span = kind === 'mixed' && cue && cue.end <= q.start ? reportedClause(masked, cue, q, unit) : q;
      out.push({ ...span, kind, entity, mention, cue, unit });
      if (mention) {
        // A following quote-only sentence continues with the cue nearest to it ("…,” she said. “…”).
        const near = after[i] && after[i] !== ev ? after[i]! : null;
        last = near
          ? { entity: resolveMention(text, near.mention, resolver) ?? entity, mention: near.mention, cue: near.cue, paragraph: unit.paragraphs[1] }
          : { entity, mention, cue, paragraph: unit.paragraphs[1] };
      }
    }
    intro = null;
  }
  return out;
}

/** The label of a transcript paragraph the unit sits in ("PENCE: Well, … “Shark Tank.”"). */
function paragraphLabel(text: string, pos: number): Evidence | null {
  const start = text.lastIndexOf('\n', pos - 1) + 1;
  // The first paragraph's capitals and colon are a dateline ("ISLAMABAD: …"), not a speaker.
  if (!text.slice(0, start).trim()) return null;
  return speakerLabel(text, { start, end: pos });
}

/** A transcript line: “PENCE: Well, look, …” — the capitalised label names the speaker. */
function speakerLabel(text: string, q: Span): Evidence | null {
  const m = /^(["“']*\s*)([A-Z][A-Z.'’\- ]{1,30}[A-Z.]):\s/.exec(text.slice(q.start, q.start + 40));
  if (!m) return null;
  const start = q.start + m[1].length;
  return { cue: null, mention: { start, end: start + m[2].length, kind: 'name' } };
}

/** Words that head descriptions able to make a statement ("officials", "the report"), not "the visit". */
const SPEAKING_HEAD =
  /\b(officials?|sources?|spokes(?:man|woman|person)|statement|report|minister|leaders?|people|aides?|lawmakers?|police|authorities|government|ministry|analysts?|experts?|critics?|residents?|witnesses|campaign|letter|memo|study|survey|poll|document|agency|office|department|committee|commission|court|military|army|group|party|council|president|secretary|chief|director|official|advisers?|advocates?|supporters?|opponents?|voters?|members?|protesters|demonstrators|organizers|researchers|scientists|doctors?|lawyers?|attorneys?|prosecutors?|investigators?|diplomats?|observers|activists?|students?|parents?|workers?|employees?|executives?|company|firm|bank|union|association|administration|senators?|candidates?|nominees?|governor|mayor|judge|team|staff|man|woman|men|women|he|she|they|it|we|i|who|which)\b/i;

function canSpeak(masked: string, m: Mention): boolean {
  return m.kind !== 'nominal' || SPEAKING_HEAD.test(masked.slice(m.start, m.end));
}

/** A unit that is only a frame ending in a colon: "He said:", "The New York Times reports:". */
function introducer(masked: string, unit: Unit, cues: Cue[]): Evidence | null {
  if (!/:\s*$/.test(masked.slice(unit.start, unit.end))) return null;
  const cue = cues[cues.length - 1];
  // "Sanders made the following comment:" — no cue, the subject introduces the quotation.
  const m = cue ? mentionForCue(masked, unit, unit.start, cue, unit.end) : subjectOf(masked, unit.start, unit.end);
  return m ? { cue: cue ?? null, mention: m } : null;
}

const CLAUSE_BREAK = /,?\s*\b(?:but|while|although|though|whereas|yet)\s|;|\s(?:--|—|–)\s/;

/** A mixed quotation covers the reported clause it sits in: after the cue (and "that") to the sentence end. */
function reportedClause(masked: string, cue: Cue, q: Span, unit: Unit): Span {
  const that = /\bthat\s+/.exec(masked.slice(cue.end, q.start));
  const start = that ? cue.end + that.index + that[0].length : contentStart(masked, cue.end);
  // The clause ends at the sentence end or where a new clause with its own frame begins (", but he said …").
  const rest = masked.slice(q.end, unit.end);
  const boundary = CLAUSE_BREAK.exec(rest);
  const tail = /[.!?]?["”’]?\s*$/.exec(rest);
  const end = boundary ? q.end + boundary.index : Math.max(q.end, unit.end - (tail ? tail[0].length : 0));
  return { start, end };
}

/** Skip spaces, an indirect object of "told" and "that" after a cue. */
function contentStart(text: string, pos: number): number {
  const m = /^[\s,:]*(?:that\s+)?/.exec(text.slice(pos, pos + 200));
  return pos + (m ? m[0].length : 0);
}

/** The first name that opens a unit is its subject: it is in focus for following pronouns. */
function noteSubject(masked: string, unit: Unit, names: NameMention[], first: number, resolver: ArticleResolver): void {
  const head = Math.min(unit.end, unit.start + 60);
  let n: NameMention | undefined = names[first];
  if (!n || n.end > head || masked.slice(unit.start, n.start).split(/\s+/).length > 4) return;
  // "Khan’s PTI party condemned …": the possessor qualifies the subject, the next name heads it.
  if (/^['’]s\s+\p{Lu}/u.test(masked.slice(n.end, n.end + 4))) n = findNameMentions(masked, n.end + 2, head)[0] ?? n;
  const e = resolver.byName(n.name, n.nameStart, false);
  if (e) resolver.noteFocus(e, n.start);
}

interface Indirect {
  content: Span;
  cue: Cue;
  mention: Mention;
}

/** Reported speech without quotation marks: "X said (that) …", "…, X said.", "according to X, …". */
function indirect(masked: string, unit: Unit, cues: Cue[]): Indirect | null {
  const endTrim = unit.end - (/[.!?]["”’]?$/.exec(masked.slice(unit.start, unit.end))?.[0].length ?? 0);
  for (const cue of cues) {
    if (!indirectSafe(cue) && !/^\s+that\b/.test(masked.slice(cue.end, cue.end + 6))) continue;
    if (cue.base === 'according to') {
      const mention = mentionAfter(masked, cue.end, unit.end);
      if (!mention) continue;
      const after = /^[^,]*,\s*/.exec(masked.slice(mention.end, endTrim));
      const content =
        cue.start - unit.start > 20
          ? { start: unit.start, end: cue.start - (/,\s*$/.exec(masked.slice(unit.start, cue.start))?.[0].length ?? 0) }
          : after
            ? { start: mention.end + after[0].length, end: endTrim }
            : null;
      if (content && content.end - content.start > 15) return { content, cue, mention };
      continue;
    }
    const mention = cue.participle ? subjectOf(masked, unit.start, cue.start) : mentionBefore(masked, unit.start, cue.start);
    if (!mention) continue;
    const tail = masked.slice(cue.end, endTrim);
    if (/^\s*[,.]?\s*$/.test(tail) && mention.start - unit.start > 20) {
      // "…, officials said."
      const lead = masked.slice(unit.start, mention.start);
      const cut = /,\s*$/.exec(lead);
      if (cut) return { content: { start: unit.start, end: unit.start + cut.index }, cue, mention };
      continue;
    }
    const words = tail.trim().split(/\s+/).length;
    if (words < 4) continue;
    // "told reporters in Sialkot on Sunday that …": the content starts after "that".
    const that = /^(?:\s+(?!(?:it|is|was|were|are|be|been|has|have|had|will|would|could|should|can|may|might|and|but|or|\p{Ll}+ed)\b)[^\s.,;:]+){0,10}?\s+that\s+/u.exec(
      masked.slice(cue.end, endTrim),
    );
    const start = that ? cue.end + that[0].length : contentStart(masked, cue.end);
    // "…, according to Radio Pakistan" closes the content: it reports the report, not the statement.
    const source = /,\s*according to\b/i.exec(masked.slice(start, endTrim));
    return { content: { start, end: source ? start + source.index : endTrim }, cue, mention };
  }
  return null;
}
