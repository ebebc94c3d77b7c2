/**
 * Algolia search parameters as InstantSearch and the algoliasearch clients send them: a plain
 * object, or one URL-encoded string in which arrays are JSON. Both become one validated shape.
 * Parameters that would change results but that we cannot honour are refused (400), never ignored;
 * parameters that only tune analytics or presentation are accepted and ignored.
 */
import { z } from 'zod';
import { HttpProblem, invalidParam } from '../problem.js';
import { DEFAULT_MAX_VALUES_PER_FACET } from '../../engine/facet-limit.js';
import { MAX_QUERY_LENGTH, MAX_VALUES_PER_FILTER } from '../search-request.js';

export const MAX_HITS_PER_PAGE = 1000;
export const MAX_FACET_HITS = 100;
export const DEFAULT_HITS_PER_PAGE = 20;
export const DEFAULT_MAX_FACET_HITS = 10;
export const MAX_TAG_LENGTH = 100;

/** Accepted and ignored: they tune analytics, personalisation or which attributes come back. */
const IGNORED = new Set([
  'analytics', 'clickAnalytics', 'userToken', 'analyticsTags', 'enablePersonalization', 'personalizationImpact',
  'getRankingInfo', 'ruleContexts', 'enableRules', 'enableABTest', 'attributesToRetrieve', 'attributesToHighlight',
  'responseFields', 'snippetEllipsisText', 'restrictHighlightAndSnippetArrays', 'sortFacetValuesBy',
  'facetingAfterDistinct', 'percentileComputation', 'synonyms', 'advancedSyntax', 'typoTolerance',
  'facetName', 'extensions', 'naturalLanguages', 'queryLanguages',
]);

/** Refused: honouring them silently wrong would return results the caller did not ask for. */
const UNSUPPORTED = new Set([
  'filters', 'optionalFilters', 'aroundLatLng', 'aroundLatLngViaIP', 'aroundRadius', 'insideBoundingBox',
  'insidePolygon', 'offset', 'length', 'restrictSearchableAttributes', 'optionalWords', 'removeWordsIfNoResults',
  'similarQuery', 'minProximity', 'queryType', 'tagFilters',
]);

const filterList = z.union([z.string(), z.array(z.union([z.string(), z.array(z.string())]))]);
const bool = z.union([z.boolean(), z.number().int().min(0)]).transform((v) => v === true || (typeof v === 'number' && v > 0));
const tag = z.string().max(MAX_TAG_LENGTH, `must be at most ${MAX_TAG_LENGTH} characters`);

const AlgoliaParams = z.object({
  query: z.string().max(MAX_QUERY_LENGTH, `must be at most ${MAX_QUERY_LENGTH} characters`).default(''),
  page: z.number().int('must be a whole number').min(0, 'must be at least 0').default(0),
  hitsPerPage: z
    .number()
    .int('must be a whole number')
    .min(0, 'must be at least 0')
    .max(MAX_HITS_PER_PAGE, `must be at most ${MAX_HITS_PER_PAGE}`)
    .default(DEFAULT_HITS_PER_PAGE),
  facets: z.union([z.string(), z.array(z.string())]).optional(),
  facetFilters: filterList.optional(),
  numericFilters: filterList.optional(),
  maxValuesPerFacet: z.number().int().min(1).max(1000).default(DEFAULT_MAX_VALUES_PER_FACET),
  highlightPreTag: tag.default('<mark>'),
  highlightPostTag: tag.default('</mark>'),
  attributesToSnippet: z.union([z.string(), z.array(z.string())]).optional(),
  distinct: bool.default(false),
  facetQuery: z.string().max(MAX_QUERY_LENGTH, `must be at most ${MAX_QUERY_LENGTH} characters`).optional(),
  maxFacetHits: z.number().int().min(1).max(MAX_FACET_HITS, `must be at most ${MAX_FACET_HITS}`).optional(),
});
export type AlgoliaParams = z.infer<typeof AlgoliaParams>;

const NUMERIC = new Set(['page', 'hitsPerPage', 'maxValuesPerFacet', 'maxFacetHits']);
/** Keys whose values are arrays, which a URL-encoded params string carries as JSON. */
const ARRAYS = new Set(['facets', 'facetFilters', 'numericFilters', 'attributesToSnippet']);

/**
 * One string value, as the URL-encoded form carries everything (and as lenient clients send
 * numbers in objects too): JSON for array keys, numbers for numeric keys, booleans for distinct.
 */
function decodeValue(key: string, value: string, at: string): unknown {
  if (ARRAYS.has(key) && /^\[/.test(value)) {
    try {
      return JSON.parse(value);
    } catch {
      throw invalidParam(`${at}.${key}`, `"${key}" is not valid JSON`);
    }
  }
  if (NUMERIC.has(key)) return /^-?\d+$/.test(value) ? Number(value) : value;
  if (key === 'distinct') return value === 'true' ? true : value === 'false' ? false : /^\d+$/.test(value) ? Number(value) : value;
  return value;
}

function fromString(raw: string): Record<string, unknown> {
  return Object.fromEntries(new URLSearchParams(raw));
}

/** Validates one request's params (object or URL-encoded string). `at` names it in errors ("requests[1].params"). */
export function parseAlgoliaParams(raw: unknown, at: string): AlgoliaParams {
  const given = typeof raw === 'string' ? fromString(raw) : raw === undefined ? {} : raw;
  if (typeof given !== 'object' || given === null || Array.isArray(given)) {
    throw invalidParam(at, `"${at}" must be an object or a URL-encoded string`);
  }
  const obj = Object.fromEntries(
    Object.entries(given).map(([key, value]) => [key, typeof value === 'string' ? decodeValue(key, value, at) : value]),
  );
  const known = Object.keys(AlgoliaParams.shape);
  const kept: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(obj)) {
    // InstantSearch sends an empty tagFilters; a non-empty one would filter on _tags, which we do not have.
    if (key === 'tagFilters' && (value === '' || (Array.isArray(value) && value.length === 0))) continue;
    if (known.includes(key)) kept[key] = value;
    else if (UNSUPPORTED.has(key)) {
      throw new HttpProblem(400, 'unsupported_parameter', 'Unsupported search parameter', {
        detail: `"${key}" is not supported by this InstantSearch endpoint; use facetFilters and numericFilters on date.`,
        param: `${at}.${key}`,
      });
    } else if (!IGNORED.has(key)) {
      throw new HttpProblem(400, 'unknown_parameter', 'Unknown search parameter', {
        detail: `Unknown search parameter "${key.slice(0, 64)}".`,
        param: `${at}.${key.slice(0, 64)}`,
      });
    }
  }
  const parsed = AlgoliaParams.safeParse(kept);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue.path[0] ?? '');
    throw invalidParam(`${at}.${name}`, `"${name}" ${issue.message}`);
  }
  return parsed.data;
}

export { MAX_VALUES_PER_FILTER };
