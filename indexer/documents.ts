/**
 * An article and its tags → the passage documents both engines index (engine/types.ts PassageDoc).
 */
import type { PassageDoc } from '../engine/types.js';
import type { TagResult } from './tagging/types.js';
import type { Article } from './types.js';
import { PRIVATE_USE } from './article.js';

/** YYYY-MM-DD → unix seconds at UTC midnight; null for null or a date that is not one. */
export function dayToUnixSeconds(day: string | null | undefined): number | null {
  if (!day) return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const back = new Date(ms);
  if (back.getUTCFullYear() !== Number(m[1]) || back.getUTCMonth() + 1 !== Number(m[2]) || back.getUTCDate() !== Number(m[3])) return null;
  return ms / 1000;
}

/** 'YYYY-MM' of unix seconds. */
export function monthOf(seconds: number | null): string | null {
  return seconds === null ? null : new Date(seconds * 1000).toISOString().slice(0, 7);
}

/** De-duplicated, blank-free facet values in the tagger's order (facet counts rely on no repeats). */
function facetValues(values: readonly string[]): string[] {
  return [...new Set(values.map((v) => v.replace(PRIVATE_USE, '').trim()).filter((v) => v !== ''))];
}

/**
 * One PassageDoc per tagged passage with text left after trimming, positions 0..n-1 in article
 * order. The passage text is the article text between the tagger's offsets, trimmed at both
 * ends; private-use characters are already gone from the article (normalizeBody), and are
 * stripped again here because the tags may come from elsewhere (`npm run tag` output).
 */
export function toPassageDocs(article: Article, tags: TagResult): PassageDoc[] {
  if (tags.id !== article.id) {
    throw new Error(`Indexer: tags belong to article "${tags.id}", not "${article.id}"`);
  }
  const publishedAt = dayToUnixSeconds(article.publishedDate);
  const docs: PassageDoc[] = [];
  const passages = [...tags.passages].sort((a, b) => a.start - b.start);
  for (const p of passages) {
    const text = article.text.slice(p.start, p.end).replace(PRIVATE_USE, '').trim();
    if (text === '') continue;
    const statementDate = dayToUnixSeconds(p.dates[0]);
    const date = statementDate ?? publishedAt;
    const position = docs.length;
    docs.push({
      id: `${article.id}-${position}`,
      articleId: article.id,
      title: article.title,
      source: article.source,
      url: article.url,
      position,
      text,
      speakers: facetValues(p.speakers),
      topics: facetValues(p.topics),
      places: facetValues(p.places),
      organisations: facetValues(p.organisations),
      publishedAt,
      dateSource: article.dateSource,
      statementDate,
      date,
      month: monthOf(date),
    });
  }
  return docs;
}
