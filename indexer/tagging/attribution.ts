/**
 * Quotations and reported speech with their speakers. Works unit by unit (sentences joined where a
 * quotation runs over them), in article order, so pronouns and "the minister" resolve to who was
 * last in focus. Priority of evidence for a quotation: a cue right after it (“…,” Asif said /
 * “…,” said Asif), a cue right before it (Asif said: “…”), any cue in its sentence, then the
 * previous speaker (a quote-only sentence or paragraph continues who was speaking).
 */
import { findCues, indirectSafe, mentionAfter, mentionBefore, subjectOf, type Cue, type Mention } from './frames.js';
import { findNameMentions, TITLE_HEADS } from './names.js';
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
  cue: Cue;
  mention: Mention;
}

/** “…,” Asif said / “…,” said Asif / “…,” the minister, who…, said: a cue within a few words after the quote. */
function cueAfter(masked: string, q: Span, limit: number, cues: Cue[]): Evidence | null {
  const tail = masked.slice(q.end, limit);
  if (!/^\s*[,—–\-]?\s*\S/.test(tail) || /^\s*[.;]/.test(tail)) return null;
  const cue = cues.find((c) => c.start >= q.end && c.end <= limit);
  if (!cue || cue.start - q.end > 90 || /[.;!?]/.test(masked.slice(q.end, cue.start))) return null;
  const gap = masked.slice(q.end, cue.start);
  if (/^[\s,—–\-]*$/.test(gap)) {
    const m = mentionAfter(masked, cue.end, limit);
    return m ? { cue, mention: m } : null;
  }
  const m = cue.participle ? null : mentionBefore(masked, q.end, cue.start);
  return m ? { cue, mention: m } : null;
}

/** Who a cue reports, read from its side of the frame: "according to X", a participle's sentence subject, "X said", "said X". */
function mentionForCue(masked: string, unit: Unit, floor: number, cue: Cue, ceiling: number): Mention | null {
  if (cue.base === 'according to') return mentionAfter(masked, cue.end, ceiling);
  if (cue.participle) return subjectOf(masked, unit.start, cue.start);
  return mentionBefore(masked, floor, cue.start) ?? mentionAfter(masked, cue.end, ceiling);
}

/** Asif said: “…” / Asif told reporters, “…” / Asif said that “…”: a cue closing the frame before the quote. */
function cueBefore(masked: string, unit: Unit, floor: number, q: Span, cues: Cue[]): Evidence | null {
  const before = cues.filter((c) => c.end <= q.start && c.start >= floor);
  const cue = before[before.length - 1];
  if (!cue) return null;
  if (/[.;!?]\s/.test(masked.slice(cue.end, q.start))) return null;
  const m = mentionForCue(masked, unit, floor, cue, q.start);
  return m ? { cue, mention: m } : null;
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
  units: Unit[];
  quotes: QuoteSpan[];
  resolver: ArticleResolver;
}

export function attribute({ text, units, quotes, resolver }: AttributionInput): Attribution[] {
  const masked = maskQuotes(text, quotes);
  const out: Attribution[] = [];
  let last: { entity: Entity | null; mention: Mention | null; paragraph: number } | null = null;
  let qi = 0;
  for (const unit of units) {
    while (qi < quotes.length && quotes[qi].end <= unit.start) qi++;
    const inUnit: Span[] = [];
    for (let k = qi; k < quotes.length && quotes[k].start < unit.end; k++) {
      inUnit.push({ start: Math.max(quotes[k].start, unit.start), end: Math.min(quotes[k].end, unit.end) });
    }
    const cues = findCues(masked, unit.start, unit.end);
    noteSubject(text, masked, unit, resolver);
    if (!inUnit.length) {
      const ind = indirect(masked, unit, cues);
      if (ind) {
        const entity = resolveMention(text, ind.mention, resolver);
        if (entity) resolver.noteFocus(entity, ind.mention.start);
        out.push({ ...ind.content, kind: 'indirect', entity, mention: ind.mention, cue: ind.cue, unit });
        last = { entity, mention: ind.mention, paragraph: unit.paragraphs[1] };
      }
      continue;
    }
    let unitEvidence: Evidence | null = null;
    const after: Array<Evidence | null> = inUnit.map((q, i) => cueAfter(masked, q, inUnit[i + 1]?.start ?? unit.end, cues));
    const perQuote: Array<Evidence | null> = inUnit.map(
      (q, i) => after[i] ?? cueBefore(masked, unit, inUnit[i - 1]?.end ?? unit.start, q, cues),
    );
    unitEvidence = perQuote.find((e) => e) ?? cueAnywhere(masked, unit, inUnit[0], cues);
    for (let i = 0; i < inUnit.length; i++) {
      const q = inUnit[i];
      const ev = perQuote[i] ?? unitEvidence;
      const kind = quoteKind(text, unit, q, inUnit[i - 1]?.end ?? unit.start, !!after[i]);
      let entity: Entity | null = null;
      let mention: Mention | null = null;
      let cue: Cue | null = null;
      if (ev) {
        mention = ev.mention;
        cue = ev.cue;
        entity = resolveMention(text, mention, resolver);
      } else if (last && unit.paragraphs[0] - last.paragraph <= 2) {
        // A quote with no frame continues the last speaker.
        entity = last.entity;
        mention = last.mention;
      }
      if (entity) resolver.noteFocus(entity, q.start);
      const prev = out[out.length - 1];
      if (prev && prev.unit === unit && prev.kind === 'mixed' && prev.end >= q.end) continue; // already inside that clause
      const span = kind === 'mixed' && cue && cue.end <= q.start ? reportedClause(masked, cue, q, unit) : q;
      out.push({ ...span, kind, entity, mention, cue, unit });
      if (mention) last = { entity, mention, paragraph: unit.paragraphs[1] };
    }
  }
  return out;
}

/** A mixed quotation covers the reported clause it sits in: after the cue (and "that") to the sentence end. */
function reportedClause(masked: string, cue: Cue, q: Span, unit: Unit): Span {
  const that = /\bthat\s+/.exec(masked.slice(cue.end, q.start));
  const start = that ? cue.end + that.index + that[0].length : contentStart(masked, cue.end);
  const tail = /[.!?]?["”’]?\s*$/.exec(masked.slice(q.end, unit.end));
  const end = Math.max(q.end, unit.end - (tail ? tail[0].length : 0));
  return { start, end };
}

/** Skip spaces, an indirect object of "told" and "that" after a cue. */
function contentStart(text: string, pos: number): number {
  const m = /^[\s,:]*(?:that\s+)?/.exec(text.slice(pos, pos + 200));
  return pos + (m ? m[0].length : 0);
}

/** The first name that opens a unit is its subject: it is in focus for following pronouns. */
function noteSubject(text: string, masked: string, unit: Unit, resolver: ArticleResolver): void {
  const head = Math.min(unit.end, unit.start + 60);
  const names = findNameMentions(masked, unit.start, head);
  const n = names[0];
  if (!n || masked.slice(unit.start, n.start).split(/\s+/).length > 4) return;
  const e = resolver.byName(n.name, n.nameStart, false);
  if (e && e.kind === 'person') resolver.noteFocus(e, n.start);
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
    if (!indirectSafe(cue)) continue;
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
    const start = contentStart(masked, cue.end);
    return { content: { start, end: endTrim }, cue, mention };
  }
  return null;
}
