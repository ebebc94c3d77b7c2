/**
 * Engine results → API JSON. Highlighting is rendered here, once, for both engines.
 */
import { renderHighlight, renderSnippet } from '../engine/highlight.js';
import type { FacetName, PassageDoc, SearchHit, SearchResult } from '../engine/types.js';
import { API_NAME_OF, type FacetParam } from './search-request.js';

export function isoDay(unixSeconds: number | null): string | null {
  return unixSeconds == null ? null : new Date(unixSeconds * 1000).toISOString().slice(0, 10);
}

export function presentDoc(doc: PassageDoc) {
  return {
    ...doc,
    publishedOn: isoDay(doc.publishedAt),
    statedOn: isoDay(doc.statementDate),
  };
}

export function presentHit(hit: SearchHit) {
  return {
    ...presentDoc(hit.doc),
    highlight: { text: renderHighlight(hit.doc.text, hit.matches) },
    snippet: renderSnippet(hit.doc.text, hit.matches),
  };
}

export function presentFacets(facets: SearchResult['facets']): Partial<Record<FacetParam, Record<string, number>>> {
  const out: Partial<Record<FacetParam, Record<string, number>>> = {};
  for (const [name, counts] of Object.entries(facets) as [FacetName, Record<string, number>][]) {
    out[API_NAME_OF[name]] = counts;
  }
  return out;
}

export function presentSearch(query: string, result: SearchResult, page: number, hitsPerPage: number) {
  const date = result.facetStats.date;
  return {
    query,
    hits: result.hits.map(presentHit),
    facets: presentFacets(result.facets),
    facetStats: { date: date ? { min: isoDay(date.min), max: isoDay(date.max) } : null },
    totalHits: result.totalHits,
    page,
    hitsPerPage,
    totalPages: Math.ceil(result.totalHits / hitsPerPage),
    processingTimeMs: result.processingTimeMs,
  };
}
