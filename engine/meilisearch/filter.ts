/**
 * SearchFilters → Meilisearch filter expressions, with no way for a value to become syntax.
 *
 * Meilisearch filters are strings without bound parameters, so safety rests on three rules:
 * attribute names come only from FILTER_ATTRIBUTES (never from the request); every string value
 * is double-quoted with `\` escaped first and `"` second (the parser's quoted literal consumes
 * `\x` pairs, then unescapes `\"` and `\\`); numbers are safe integers written bare. The array
 * form is used so precedence never depends on parentheses: outer array = AND, inner = OR.
 */
import { FILTER_PARAM_NAMES, InvalidEngineRequestError } from '../errors.js';
import type { SearchFilters } from '../types.js';

/** Longest facet value Meilisearch can store and therefore match (LMDB key limit minus overhead). */
export const MAX_FILTER_VALUE_BYTES = 468;

export type StringFilterAttribute = 'speakers' | 'topics' | 'places' | 'organisations' | 'month' | 'articleId';
export const STRING_FILTER_ATTRIBUTES: readonly StringFilterAttribute[] = [
  'speakers',
  'topics',
  'places',
  'organisations',
  'month',
  'articleId',
];


/** One filter clause (string) or an OR-group of clauses (string[]); the list is AND-ed. */
export type FilterClause = string | string[];
export type MeiliFilter = FilterClause[];

/** A string value as one double-quoted Meilisearch literal. */
export function quoteFilterValue(value: string, param: string): string {
  if (typeof value !== 'string') throw new InvalidEngineRequestError(`filter value for "${param}" must be a string`, param);
  if (Buffer.byteLength(value, 'utf8') > MAX_FILTER_VALUE_BYTES) {
    throw new InvalidEngineRequestError(
      `filter value for "${param}" is longer than ${MAX_FILTER_VALUE_BYTES} bytes`,
      param,
    );
  }
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** A number written bare; only safe integers, because `1e+21` or `NaN` would not parse as one value. */
export function formatFilterNumber(value: number, param: string): string {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new InvalidEngineRequestError(`filter value for "${param}" must be a finite number`, param);
  }
  if (!Number.isSafeInteger(value)) {
    throw new InvalidEngineRequestError(`filter value for "${param}" must be a whole number of seconds`, param);
  }
  return String(value);
}

export function equalsClause(attribute: StringFilterAttribute, value: string): string {
  if (!STRING_FILTER_ATTRIBUTES.includes(attribute)) throw new Error(`filter: attribute "${String(attribute)}" is not whitelisted`);
  return `${attribute} = ${quoteFilterValue(value, FILTER_PARAM_NAMES[attribute])}`;
}

/**
 * The filters as a Meilisearch array filter. `omit` drops one attribute's own clause: a facet's
 * disjunctive counts are computed under every filter except its own.
 */
export function buildFilter(filters: SearchFilters, omit?: StringFilterAttribute): MeiliFilter {
  const out: MeiliFilter = [];
  for (const attribute of STRING_FILTER_ATTRIBUTES) {
    if (attribute === omit) continue;
    const values = filters[attribute];
    if (values === undefined) continue;
    if (!Array.isArray(values)) {
      throw new InvalidEngineRequestError(`filter "${FILTER_PARAM_NAMES[attribute]}" must be a list`, FILTER_PARAM_NAMES[attribute]);
    }
    if (values.length === 0) continue;
    const group = [...new Set(values)].map((v) => equalsClause(attribute, v));
    out.push(group.length === 1 ? group[0] : group);
  }
  if (filters.dateFrom !== undefined) out.push(`date >= ${formatFilterNumber(filters.dateFrom, FILTER_PARAM_NAMES.dateFrom)}`);
  if (filters.dateTo !== undefined) out.push(`date <= ${formatFilterNumber(filters.dateTo, FILTER_PARAM_NAMES.dateTo)}`);
  return out;
}

/** Attributes with a selection in `filters` (the facet groups a disjunctive count must drop). */
export function selectedAttributes(filters: SearchFilters): StringFilterAttribute[] {
  return STRING_FILTER_ATTRIBUTES.filter((a) => (filters[a]?.length ?? 0) > 0);
}

/** `attribute = v1 OR attribute = v2 …` as one string, for APIs that take a string filter only. */
export function anyOfFilter(attribute: StringFilterAttribute, values: readonly string[]): string {
  return values.map((v) => equalsClause(attribute, v)).join(' OR ');
}
