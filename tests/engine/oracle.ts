/**
 * A naive in-memory search over PassageDocs that states the engine's semantics directly:
 * every passage is tokenized and compared with every query word via engine/query.ts. The
 * property tests hold the embedded engine to it on random corpora.
 */
import { MAX_ONE_TYPO_COUNT, MAX_TWO_TYPOS_COUNT, matchTypos, parseQuery, prefixLimit, type QueryWord } from '../../engine/query.js';
import { terms } from '../../engine/text.js';
import type { FacetName, FacetSearchRequest, FacetValueCount, PassageDoc, SearchRequest } from '../../engine/types.js';

const FIELDS = ['text', 'title', 'speakers', 'topics', 'places', 'organisations'] as const;

interface Occurrence {
  field: number;
  value: number;
  pos: number;
}

interface Scored {
  doc: PassageDoc;
  key: number[];
}

function fieldValues(doc: PassageDoc, name: (typeof FIELDS)[number]): string[] {
  return typeof doc[name] === 'string' ? [doc[name] as string] : (doc[name] as string[]);
}

/** Every distinct word of the searchable fields, sorted. */
export function oracleVocabulary(all: readonly PassageDoc[]): string[] {
  const words = new Set<string>();
  for (const doc of all) for (const name of FIELDS) for (const v of fieldValues(doc, name)) for (const t of terms(v)) words.add(t);
  return [...words].sort();
}

/**
 * The words `w` matches and with how many typos, by Meilisearch's derivation limits stated
 * plainly (engine/query.ts): the exact word; the first longer words of a prefix up to its limit;
 * the first MAX_ONE_TYPO_COUNT one-typo and MAX_TWO_TYPOS_COUNT two-typo words, in sorted order.
 */
export function oracleDerivations(vocab: readonly string[], w: QueryWord): Map<string, number> {
  const out = new Map<string, number>();
  if (vocab.includes(w.term)) out.set(w.term, 0);
  if (w.prefix) {
    const longer = vocab.filter((t) => t.startsWith(w.term) && t !== w.term);
    const limit = prefixLimit(w.term, longer.length + out.size);
    for (const t of longer.slice(0, limit)) out.set(t, 0);
  }
  let one = 0;
  let two = 0;
  for (const t of vocab) {
    const k = matchTypos(w, t);
    if (k === 1 && one++ < MAX_ONE_TYPO_COUNT) out.set(t, 1);
    if (k === 2 && two++ < MAX_TWO_TYPOS_COUNT) out.set(t, 2);
  }
  return out;
}

/**
 * Criteria [typo, proximity, attribute, exactness] or null when some word does not match.
 * `derived`: per query word, the words it matches (oracleDerivations); without it, every word
 * matchTypos accepts, as if there were no derivation limits.
 */
export function oracleCriteria(doc: PassageDoc, q: string, derived?: readonly Map<string, number>[]): number[] | null {
  const words = parseQuery(q).words;
  if (words.length === 0) return [];
  const occ: Occurrence[][] = words.map(() => []);
  const typo = words.map(() => Infinity);
  const attr = words.map(() => Infinity);
  const exact = words.map(() => false);
  FIELDS.forEach((name, field) => {
    fieldValues(doc, name).forEach((v, value) => {
      terms(v).forEach((t, pos) => {
        words.forEach((w, i) => {
          const k = derived ? (derived[i].get(t) ?? -1) : matchTypos(w, t);
          if (k < 0) return;
          typo[i] = Math.min(typo[i], k);
          attr[i] = Math.min(attr[i], field);
          if (t === w.term) exact[i] = true;
          occ[i].push({ field, value, pos });
        });
      });
    });
  });
  if (typo.some((t) => t === Infinity)) return null;
  let proximity = 0;
  for (let i = 0; i + 1 < words.length; i++) {
    let best = 8;
    for (const a of occ[i])
      for (const b of occ[i + 1]) {
        if (a.field !== b.field || a.value !== b.value || a.pos === b.pos) continue;
        best = Math.min(best, b.pos > a.pos ? b.pos - a.pos : a.pos - b.pos + 1);
      }
    proximity += best;
  }
  const sum = (xs: number[]): number => xs.reduce((x, y) => x + y, 0);
  return [sum(typo), proximity, sum(attr), exact.filter((e) => !e).length];
}

function passesFilters(doc: PassageDoc, req: Pick<SearchRequest, 'filters'>, except?: string): boolean {
  const f = req.filters;
  for (const name of ['speakers', 'topics', 'places', 'organisations'] as const) {
    const want = f[name];
    if (name !== except && want && want.length > 0 && !doc[name].some((v) => want.includes(v))) return false;
  }
  if (except !== 'month' && f.month && f.month.length > 0 && !(doc.month !== null && f.month.includes(doc.month))) return false;
  if (f.articleId && f.articleId.length > 0 && !f.articleId.includes(doc.articleId)) return false;
  if (f.dateFrom !== undefined && (doc.date === null || doc.date < f.dateFrom)) return false;
  if (f.dateTo !== undefined && (doc.date === null || doc.date > f.dateTo)) return false;
  return true;
}

const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function valuesOf(doc: PassageDoc, facet: FacetName): string[] {
  return facet === 'month' ? (doc.month === null ? [] : [doc.month]) : [...new Set(doc[facet])];
}

/** The facet rule written naively: months complete in calendar order, other facets the `max` most frequent. */
function countFacet(docs: PassageDoc[], facet: FacetName, max = Infinity): Record<string, number> {
  const counts = new Map<string, number>();
  for (const d of docs) for (const v of valuesOf(d, facet)) counts.set(v, (counts.get(v) ?? 0) + 1);
  const byValue = [...counts].sort((a, b) => cmp(a[0], b[0]));
  if (facet === 'month') return Object.fromEntries(byValue);
  return Object.fromEntries(byValue.sort((a, b) => b[1] - a[1]).slice(0, max));
}

function derivedFor(all: readonly PassageDoc[], q: string): Map<string, number>[] {
  const vocab = oracleVocabulary(all);
  return parseQuery(q).words.map((w) => oracleDerivations(vocab, w));
}

export function oracleSearch(all: PassageDoc[], req: SearchRequest) {
  const scored: Scored[] = [];
  const matching: PassageDoc[] = [];
  const derived = derivedFor(all, req.q);
  for (const doc of all) {
    const c = oracleCriteria(doc, req.q, derived);
    if (c === null) continue;
    matching.push(doc);
    if (passesFilters(doc, req)) {
      const dateKey = req.sort === 'relevance' ? 0 : doc.date === null ? Infinity : req.sort === 'date:desc' ? -doc.date : doc.date;
      scored.push({ doc, key: [dateKey, ...c] });
    }
  }
  scored.sort((a, b) => {
    for (let i = 0; i < a.key.length; i++) if (a.key[i] !== b.key[i]) return a.key[i] - b.key[i];
    return cmp(a.doc.id, b.doc.id);
  });
  let ranked = scored.map((s) => s.doc);
  const totalPassages = ranked.length;
  if (req.groupByArticle) {
    const seen = new Set<string>();
    ranked = ranked.filter((d) => !seen.has(d.articleId) && seen.add(d.articleId));
  }
  const facets: Partial<Record<FacetName, Record<string, number>>> = {};
  for (const f of req.facets) facets[f] = countFacet(matching.filter((d) => passesFilters(d, req, f)), f, req.maxValuesPerFacet ?? 100);
  const dates = scored.map((s) => s.doc.date).filter((d): d is number => d !== null);
  return {
    ids: ranked.slice(req.offset, req.offset + req.limit).map((d) => d.id),
    totalHits: req.groupByArticle ? ranked.length : totalPassages,
    facets,
    facetStats: { date: dates.length > 0 ? { min: Math.min(...dates), max: Math.max(...dates) } : null },
  };
}

export function oracleFacetValues(all: PassageDoc[], req: FacetSearchRequest): FacetValueCount[] {
  const qWords = terms(req.facetQuery);
  const derived = derivedFor(all, req.q);
  const docs = all.filter((d) => oracleCriteria(d, req.q, derived) !== null && passesFilters(d, req, req.facet));
  const counts = countFacet(docs, req.facet);
  return Object.entries(counts)
    .filter(([v]) => qWords.every((q) => terms(v).some((w) => w.startsWith(q))))
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || cmp(a.value, b.value))
    .slice(0, req.limit);
}

export function oracleCompletions(all: PassageDoc[], prefix: string, limit: number) {
  const words = terms(prefix);
  if (words.length === 0) return [];
  const p = words[words.length - 1];
  const counts = new Map<string, number>();
  for (const d of all) for (const t of new Set(terms(d.text))) if (t.startsWith(p)) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts]
    .map(([word, count]) => ({ word, count }))
    .sort((a, b) => b.count - a.count || cmp(a.word, b.word))
    .slice(0, limit);
}
