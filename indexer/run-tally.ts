/**
 * What a run counts for its summary: articles, passages, where dates came from, and the
 * distinct facet values over the run's passages.
 */
import type { DateSource, PassageDoc } from '../engine/types.js';

const FACETS = ['speakers', 'topics', 'places', 'organisations'] as const;
type TalliedFacet = (typeof FACETS)[number];

export class RunTally {
  articles = 0;
  passages = 0;
  readonly dates: Record<DateSource, number> = { header: 0, inferred: 0, unknown: 0 };
  private readonly values: Record<TalliedFacet, Set<string>> = {
    speakers: new Set(),
    topics: new Set(),
    places: new Set(),
    organisations: new Set(),
  };

  addArticle(dateSource: DateSource, docs: readonly PassageDoc[]): void {
    this.articles += 1;
    this.passages += docs.length;
    this.dates[dateSource] += 1;
    for (const doc of docs) for (const facet of FACETS) for (const v of doc[facet]) this.values[facet].add(v);
  }

  /** An article written again in the same run, replacing `previousPassages` passages. */
  revise(docs: readonly PassageDoc[], previousPassages: number): void {
    this.passages += docs.length - previousPassages;
    for (const doc of docs) for (const facet of FACETS) for (const v of doc[facet]) this.values[facet].add(v);
  }

  /** Speaker names no passage carries any more (spellings merged into another form). */
  forgetSpeakers(names: Iterable<string>): void {
    for (const n of names) this.values.speakers.delete(n);
  }

  /** Distinct values per facet. */
  distinct(): Record<TalliedFacet, number> {
    return {
      speakers: this.values.speakers.size,
      topics: this.values.topics.size,
      places: this.values.places.size,
      organisations: this.values.organisations.size,
    };
  }
}
