/**
 * The reported content of a statement: the clause a mixed quotation sits in, and reported speech
 * without quotation marks ("X said (that) …", "…, officials said", "according to X, …").
 */
import { indirectSafe, mentionAfter, mentionBefore, subjectOf, type Cue, type Mention } from './frames.js';
import type { Unit } from './structure.js';
import type { Span } from './types.js';

const CLAUSE_BREAK = /,?\s*\b(?:but|while|although|though|whereas|yet)\s|;|\s(?:--|—|–)\s/;

/** A mixed quotation covers the reported clause it sits in: after the cue (and "that") to the sentence end. */
export function reportedClause(masked: string, cue: Cue, q: Span, unit: Unit): Span {
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

export interface Indirect {
  content: Span;
  cue: Cue;
  mention: Mention;
}

/** Reported speech without quotation marks: "X said (that) …", "…, X said.", "according to X, …". */
export function indirect(masked: string, unit: Unit, cues: Cue[]): Indirect | null {
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
