/**
 * Disjunctive facet counting for peers that return plain result lists: one pass over the query's
 * matches, each facet counted over the matches that pass every filter except that facet's own.
 * This is what a user of an in-memory engine would write to get the counts our engine returns.
 */
import { FACET_NAMES, type FacetName, type PassageDoc } from '../../engine/types.js';
import type { FilteredQuery } from '../queries.js';

type Counts = Record<FacetName, Map<string, number>>;

function bump(m: Map<string, number>, v: string): void {
  m.set(v, (m.get(v) ?? 0) + 1);
}

function values(doc: Pick<PassageDoc, FacetName>, facet: FacetName): string[] {
  return facet === 'month' ? (doc.month ? [doc.month] : []) : doc[facet];
}

/** Returns the number of matches passing all filters; fills `counts`. */
export function countFacets(matches: Iterable<Pick<PassageDoc, FacetName | 'date'>>, f: FilteredQuery | null, counts: Counts = emptyCounts()): number {
  let total = 0;
  for (const d of matches) {
    const inDates = f === null || (d.date !== null && d.date >= f.dateFrom && d.date <= f.dateTo);
    if (!inDates) continue;
    const sp = f === null || d.speakers.includes(f.speaker);
    const tp = f === null || d.topics.includes(f.topic);
    if (sp && tp) total++;
    for (const facet of FACET_NAMES) {
      const pass = facet === 'speakers' ? tp : facet === 'topics' ? sp : sp && tp;
      if (pass) for (const v of values(d, facet)) bump(counts[facet], v);
    }
  }
  return total;
}

export function emptyCounts(): Counts {
  return Object.fromEntries(FACET_NAMES.map((f) => [f, new Map<string, number>()])) as Counts;
}
