/**
 * Where an HTTP request becomes an engine query: query-string parameters are validated (zod) and
 * translated into the engine port's SearchRequest. Nothing the user typed reaches an engine any
 * other way; the adapters escape what they must for their own syntax.
 */
import { z } from 'zod';
import { DEFAULT_MAX_VALUES_PER_FACET, MAX_VALUES_PER_FACET_LIMIT } from '../engine/facet-limit.js';
import type { FacetName, SearchFilters, SearchRequest, SortOrder } from '../engine/types.js';
import { HttpProblem, invalidParam } from './problem.js';

export const MAX_QUERY_LENGTH = 512;
export const MAX_HITS_PER_PAGE = 100;
export const MAX_RESULT_WINDOW = 10_000;
export const MAX_FACET_VALUE_BYTES = 468;
export const MAX_VALUES_PER_FILTER = 50;

/** API facet names (singular, as users write them) → engine attributes. */
export const FACET_PARAMS = {
  speaker: 'speakers',
  topic: 'topics',
  place: 'places',
  organisation: 'organisations',
  month: 'month',
} as const satisfies Record<string, FacetName>;
export type FacetParam = keyof typeof FACET_PARAMS;
export const FACET_PARAM_NAMES = Object.keys(FACET_PARAMS) as FacetParam[];
export const API_NAME_OF: Record<FacetName, FacetParam> = Object.fromEntries(
  Object.entries(FACET_PARAMS).map(([api, engine]) => [engine, api]),
) as Record<FacetName, FacetParam>;

type RawQuery = Record<string, unknown>;

const facetValue = z
  .string()
  .min(1, 'must not be empty')
  .refine((v) => Buffer.byteLength(v, 'utf8') <= MAX_FACET_VALUE_BYTES, `must be at most ${MAX_FACET_VALUE_BYTES} bytes`);
const manyValues = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]))
  .pipe(z.array(facetValue).max(MAX_VALUES_PER_FILTER, `at most ${MAX_VALUES_PER_FILTER} values`))
  .optional();
const monthValues = z
  .union([z.string(), z.array(z.string())])
  .transform((v) => (Array.isArray(v) ? v : [v]))
  .pipe(z.array(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'must be YYYY-MM')).max(MAX_VALUES_PER_FILTER))
  .optional();

/** A real calendar date written YYYY-MM-DD, as unix seconds at UTC midnight. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD')
  .transform((s, ctx) => {
    const [y, m, d] = s.split('-').map(Number);
    const ms = Date.UTC(y, m - 1, d);
    const back = new Date(ms);
    if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) {
      ctx.addIssue({ code: 'custom', message: `${s} is not a date that exists` });
      return z.NEVER;
    }
    return ms / 1000;
  });

const query = z.string().max(MAX_QUERY_LENGTH, `must be at most ${MAX_QUERY_LENGTH} characters`).default('');

const filterShape = {
  speaker: manyValues,
  topic: manyValues,
  place: manyValues,
  organisation: manyValues,
  month: monthValues,
  from: isoDate.optional(),
  to: isoDate.optional(),
};

const SearchParams = z.object({
  q: query,
  ...filterShape,
  sort: z.enum(['relevance', 'date:desc', 'date:asc']).optional(),
  page: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').default(1),
  hitsPerPage: z.coerce.number().int('must be a whole number').min(1, 'must be at least 1').max(MAX_HITS_PER_PAGE, `must be at most ${MAX_HITS_PER_PAGE}`).default(20),
  group: z.enum(['article', 'none']).default('none'),
  maxValuesPerFacet: z.coerce
    .number()
    .int('must be a whole number')
    .min(1, 'must be at least 1')
    .max(MAX_VALUES_PER_FACET_LIMIT, `must be at most ${MAX_VALUES_PER_FACET_LIMIT}`)
    .default(DEFAULT_MAX_VALUES_PER_FACET),
  facets: z
    .string()
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.enum(FACET_PARAM_NAMES as [FacetParam, ...FacetParam[]])))
    .optional(),
});

const SuggestParams = z.object({ q: query, ...filterShape });

const FacetSearchParams = z.object({
  q: z.string().max(MAX_QUERY_LENGTH, `must be at most ${MAX_QUERY_LENGTH} characters`).default(''),
  query,
  ...filterShape,
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** Parameters that may appear at most once. Filters repeat (`speaker=A&speaker=B` means A or B). */
const REPEATABLE = new Set(['speaker', 'topic', 'place', 'organisation', 'month']);

function parse<S extends z.ZodObject>(schema: S, raw: RawQuery): z.infer<S> {
  const known = Object.keys(schema.shape);
  for (const [key, value] of Object.entries(raw)) {
    if (!known.includes(key)) {
      throw new HttpProblem(400, 'unknown_parameter', 'Unknown request parameter', {
        detail: `Unknown parameter "${key.slice(0, 64)}". Known parameters: ${known.join(', ')}.`,
        param: key.slice(0, 64),
        extra: { knownParameters: known },
      });
    }
    if (Array.isArray(value) && !REPEATABLE.has(key)) {
      throw invalidParam(key, `"${key}" may be given only once`, 'repeated_parameter');
    }
    if (value !== undefined && typeof value !== 'string' && !Array.isArray(value)) {
      throw invalidParam(key, `"${key}" must be a plain value`);
    }
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const param = String(issue.path[0] ?? '');
    throw invalidParam(param, `"${param}" ${issue.message}`);
  }
  return parsed.data;
}

function filtersOf(p: z.infer<typeof SuggestParams>): SearchFilters {
  if (p.from !== undefined && p.to !== undefined && p.from > p.to) {
    throw invalidParam('from', '"from" must not be after "to"', 'invalid_date_range');
  }
  const f: SearchFilters = {};
  if (p.speaker) f.speakers = p.speaker;
  if (p.topic) f.topics = p.topic;
  if (p.place) f.places = p.place;
  if (p.organisation) f.organisations = p.organisation;
  if (p.month) f.month = p.month;
  if (p.from !== undefined) f.dateFrom = p.from;
  if (p.to !== undefined) f.dateTo = p.to;
  return f;
}

export interface SearchPage {
  request: SearchRequest;
  page: number;
  hitsPerPage: number;
}

export function searchRequestFrom(raw: RawQuery): SearchPage {
  const p = parse(SearchParams, raw);
  if (p.page * p.hitsPerPage > MAX_RESULT_WINDOW) {
    throw invalidParam('page', `page × hitsPerPage must be at most ${MAX_RESULT_WINDOW}`, 'page_out_of_range');
  }
  // Browsing without words has no relevance to rank by: newest first is what a reader expects.
  const sort: SortOrder = p.sort ?? (p.q.trim() === '' ? 'date:desc' : 'relevance');
  return {
    page: p.page,
    hitsPerPage: p.hitsPerPage,
    request: {
      q: p.q,
      filters: filtersOf(p),
      facets: (p.facets ?? FACET_PARAM_NAMES).map((n) => FACET_PARAMS[n]),
      sort,
      offset: (p.page - 1) * p.hitsPerPage,
      limit: p.hitsPerPage,
      groupByArticle: p.group === 'article',
      maxValuesPerFacet: p.maxValuesPerFacet,
    },
  };
}

export const SUGGEST_HITS = 5;
export const SUGGEST_COMPLETIONS = 5;

export function suggestRequestFrom(raw: RawQuery): SearchRequest {
  const p = parse(SuggestParams, raw);
  return {
    q: p.q,
    filters: filtersOf(p),
    facets: [],
    sort: p.q.trim() === '' ? 'date:desc' : 'relevance',
    offset: 0,
    limit: SUGGEST_HITS,
    groupByArticle: false,
  };
}

export function facetSearchRequestFrom(name: string, raw: RawQuery) {
  if (!(FACET_PARAM_NAMES as string[]).includes(name)) {
    throw new HttpProblem(404, 'unknown_facet', 'Unknown facet', {
      detail: `No facet "${name.slice(0, 64)}". Facets: ${FACET_PARAM_NAMES.join(', ')}.`,
      param: 'name',
    });
  }
  const p = parse(FacetSearchParams, raw);
  return { facet: FACET_PARAMS[name as FacetParam], facetQuery: p.q, q: p.query, filters: filtersOf(p), limit: p.limit };
}
