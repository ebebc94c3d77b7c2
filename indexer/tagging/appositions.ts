/**
 * What an article teaches the resolver before attribution starts: every full name it mentions
 * (so a later "Asif" or "Mr. Asif" finds "Khawaja Asif"), and the titles it binds to them:
 * "Defence Minister Khawaja Asif", "Khawaja Muhammad Asif, Pakistan’s Defense Minister,",
 * "Dar, who also serves as foreign minister".
 */
import { normalizeTitle, TITLE_HEADS, type NameMention } from './names.js';
import type { ArticleResolver } from './resolver.js';

/** ", the Taliban spokesperson," / ", Pakistan’s Defense Minister," right after a name. */
const APPOSITION = /^,\s+((?:the|a|an|his|her|its|[\p{Lu}][\p{L}\-]*['’]s)\s+[^,.;:“”"\n]{2,60}?)\s*(?:,|\.|$)/u;
/** ", who also serves as foreign minister" */
const WHO_IS = /^,\s+who\s+(?:also\s+|now\s+|currently\s+)?(?:serves|served|is|was)\s+(?:as\s+)?(?:the\s+|a\s+)?([\p{L} \-]{3,50}?)\s*(?:[,.;]|\s+and\b|\s+of\b)/u;

function titleOf(phrase: string): string | null {
  const t = normalizeTitle(phrase);
  const last = t.split(' ').pop() ?? '';
  return TITLE_HEADS.has(last) && t.split(' ').length <= 5 ? t : null;
}

export function learnAppositions(masked: string, names: NameMention[], resolver: ArticleResolver): void {
  for (const n of names) {
    const multiWord = n.name.includes(' ');
    const appos = masked.charCodeAt(n.end) === 44 /* , */ ? (APPOSITION.exec(masked.slice(n.end, n.end + 120)) ?? WHO_IS.exec(masked.slice(n.end, n.end + 120))) : null;
    const title = appos ? titleOf(appos[1]) : null;
    // A lone surname teaches nothing unless it carries a title ("Dar, who also serves as foreign minister").
    if (!multiWord && !n.title && !title && !n.gender) continue;
    const e = resolver.byName(n.name, n.nameStart, multiWord || !!n.title);
    if (!e) continue;
    if (n.title) resolver.learnTitle(e, n.title);
    if (n.gender) resolver.noteGender(e, n.gender);
    if (title) resolver.learnTitle(e, title);
  }
}
