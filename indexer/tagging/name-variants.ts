/**
 * Spelling variants of one person across the articles of a run ("Attaullah Tarar", "Ataullah Tarar",
 * "Ata Tarar"), for people the people file does not list. Within an article the resolver already
 * merges variants; across articles nothing else sees two spellings side by side.
 */
import { nameKeys, namesMatch } from './names.js';

/** A written full name and how many articles of the run wrote it so. */
export interface NameCount {
  name: string;
  articles: number;
}

/** One person written several ways: the canonical form and the other forms merged into it. */
export interface VariantMerge {
  canonical: string;
  variants: string[];
  /** Articles that wrote one of the variants (and are rewritten to the canonical form). */
  articles: number;
}

/**
 * Stricter than namesMatch, which serves one article where the context has already narrowed who is
 * meant: across articles, names whose middle parts both exist and differ are different people
 * ("George W. Bush" / "George H. W. Bush").
 */
export function sameAcrossArticles(a: readonly string[], b: readonly string[]): boolean {
  if (a.length < 2 || b.length < 2 || !namesMatch(a as string[], b as string[])) return false;
  const [ma, mb] = [a.slice(1, -1).join(' '), b.slice(1, -1).join(' ')];
  return !ma || !mb || ma === mb;
}

/** Most articles first, then the longest, then alphabetical: the order canonical forms are chosen in. */
function preferred(x: NameCount, y: NameCount): number {
  return y.articles - x.articles || y.name.length - x.name.length || (x.name < y.name ? -1 : x.name > y.name ? 1 : 0);
}

/**
 * Groups names so that every two names of a group are variants of each other. A name that is a
 * variant of two names that are not variants of each other ("Mar Smith": Mark Smith, Marty Smith)
 * could be either person and joins no group. Names are taken in `preferred` order, which makes the
 * grouping independent of the order articles came in.
 */
export function clusterNames(counts: readonly NameCount[]): NameCount[][] {
  // Variants share the surname and the first letter of the first name: only those are compared.
  const buckets = new Map<string, Array<{ c: NameCount; keys: string[] }>>();
  for (const c of counts) {
    const keys = nameKeys(c.name);
    if (keys.length < 2) continue;
    const bucket = `${keys[keys.length - 1]} ${keys[0][0]}`;
    const list = buckets.get(bucket);
    if (list) list.push({ c, keys });
    else buckets.set(bucket, [{ c, keys }]);
  }
  const out: NameCount[][] = [];
  for (const names of buckets.values()) {
    const ambiguous = new Set(
      names.filter((n) => {
        const matches = names.filter((m) => m !== n && sameAcrossArticles(n.keys, m.keys));
        return matches.some((x, i) => matches.slice(i + 1).some((y) => !sameAcrossArticles(x.keys, y.keys)));
      }),
    );
    const groups: Array<Array<{ c: NameCount; keys: string[] }>> = [];
    for (const n of names.filter((x) => !ambiguous.has(x)).sort((x, y) => preferred(x.c, y.c))) {
      const fit = groups.find((g) => g.every((m) => sameAcrossArticles(n.keys, m.keys)));
      if (fit) fit.push(n);
      else groups.push([n]);
    }
    out.push(...groups.map((g) => g.map((m) => m.c)), ...[...ambiguous].map((m) => [m.c]));
  }
  return out;
}

/** name → canonical form for every name that has one other than itself, and the merges made. */
export function variantMap(counts: readonly NameCount[]): { rename: Map<string, string>; merges: VariantMerge[] } {
  const rename = new Map<string, string>();
  const merges: VariantMerge[] = [];
  for (const group of clusterNames(counts)) {
    if (group.length < 2) continue;
    const [canonical, ...others] = group; // already in preferred order
    for (const o of others) rename.set(o.name, canonical.name);
    merges.push({ canonical: canonical.name, variants: others.map((o) => o.name).sort(), articles: others.reduce((n, o) => n + o.articles, 0) });
  }
  merges.sort((a, b) => (a.canonical < b.canonical ? -1 : a.canonical > b.canonical ? 1 : 0));
  return { rename, merges };
}
