/**
 * Quotations and reported speech with their speakers. Works unit by unit (sentences joined where a
 * quotation runs over them), in article order, so pronouns and "the minister" resolve to who was
 * last in focus. Priority of evidence for a quotation: a cue right after it (“…,” Asif said /
 * “…,” said Asif), a cue right before it (Asif said: “…”), any cue in its sentence, then the
 * previous speaker (a quote-only sentence or paragraph continues who was speaking).
 */
import { findCues, subjectOf, type Cue, type Mention } from './frames.js';
import { canSpeak, cueAfter, cueAnywhere, cueBefore, introducer, paragraphLabel, speakerLabel, type Evidence } from './evidence.js';
import { indirect, reportedClause } from './reported.js';
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
      if (n.gender) r.noteGender(e, n.gender);
      return e;
    }
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
        out.push({ start: ind.content.start, end: ind.content.end, kind: 'indirect', entity, mention: ind.mention, cue: ind.cue, unit });
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
      out.push({ start: span.start, end: span.end, kind, entity, mention, cue, unit });
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
