/**
 * Algolia's facetFilters / numericFilters → our SearchFilters. Only what SearchFilters can express
 * exactly is accepted: OR inside one attribute, AND across attributes, an inclusive date range.
 * Everything else (negation, OR across attributes, AND inside one attribute) is a clear 400.
 */
import type { SearchFilters } from '../../engine/types.js';
import { HttpProblem, invalidParam } from '../problem.js';
import { MAX_FACET_VALUE_BYTES, MAX_VALUES_PER_FILTER } from '../search-request.js';

/** Attributes a facetFilter may name (the PassageDoc attribute names InstantSearch widgets use). */
export const FILTERABLE = ['speakers', 'topics', 'places', 'organisations', 'month', 'articleId'] as const;
type Filterable = (typeof FILTERABLE)[number];

function unsupported(param: string, detail: string): HttpProblem {
  return new HttpProblem(400, 'unsupported_filter', 'Unsupported filter', { detail, param });
}

interface FacetFilter {
  attribute: Filterable;
  value: string;
}

function parseFacetFilter(raw: string, param: string): FacetFilter {
  const colon = raw.indexOf(':');
  if (colon <= 0) throw invalidParam(param, `facet filter "${raw.slice(0, 80)}" must look like "attribute:value"`);
  const attribute = raw.slice(0, colon).trim();
  let value = raw.slice(colon + 1);
  if (value.startsWith('-')) {
    throw unsupported(param, `negative facet filter "${raw.slice(0, 80)}" is not supported (write "\\-" for a value starting with "-")`);
  }
  if (value.startsWith('\\-')) value = value.slice(1);
  if (!(FILTERABLE as readonly string[]).includes(attribute)) {
    throw invalidParam(param, `cannot filter on "${attribute.slice(0, 64)}"; facet filters apply to ${FILTERABLE.join(', ')}`);
  }
  if (value.length === 0) throw invalidParam(param, `facet filter "${raw.slice(0, 80)}" has an empty value`);
  if (Buffer.byteLength(value, 'utf8') > MAX_FACET_VALUE_BYTES) {
    throw invalidParam(param, `facet value must be at most ${MAX_FACET_VALUE_BYTES} bytes`);
  }
  return { attribute: attribute as Filterable, value };
}

/** A comma-separated string means AND of its parts, as in Algolia's legacy syntax. */
function groups(raw: string | (string | string[])[]): string[][] {
  const list = typeof raw === 'string' ? raw.split(',').filter((s) => s.trim() !== '') : raw;
  return list.map((g) => (Array.isArray(g) ? g : [g]));
}

export function applyFacetFilters(raw: string | (string | string[])[] | undefined, param: string, into: SearchFilters): void {
  if (raw === undefined) return;
  const seen = new Set<Filterable>();
  for (const group of groups(raw)) {
    const parsed = group.map((f) => parseFacetFilter(f, param));
    if (parsed.length === 0) continue;
    const attribute = parsed[0].attribute;
    if (parsed.some((f) => f.attribute !== attribute)) {
      throw unsupported(param, 'an OR group may name only one attribute (e.g. [["speakers:A","speakers:B"]])');
    }
    if (seen.has(attribute)) {
      throw unsupported(param, `"${attribute}" appears in two AND groups; put its values in one OR group`);
    }
    seen.add(attribute);
    const values = [...new Set(parsed.map((f) => f.value))];
    if (values.length > MAX_VALUES_PER_FILTER) throw invalidParam(param, `at most ${MAX_VALUES_PER_FILTER} values per attribute`);
    if (attribute === 'month' && values.some((v) => !/^\d{4}-(0[1-9]|1[0-2])$/.test(v))) {
      throw invalidParam(param, 'month values must be YYYY-MM');
    }
    into[attribute] = values;
  }
}

const NUMERIC = /^\s*([A-Za-z_]+)\s*(>=|<=|!=|=|>|<)\s*(-?\d+(?:\.\d+)?)\s*$/;
const NUMERIC_RANGE = /^\s*([A-Za-z_]+)\s*:\s*(-?\d+(?:\.\d+)?)\s+TO\s+(-?\d+(?:\.\d+)?)\s*$/;
/** Filters are on `date` only: unix seconds, whole days in the index. */
export const NUMERIC_ATTRIBUTE = 'date';

export function applyNumericFilters(raw: string | (string | string[])[] | undefined, param: string, into: SearchFilters): void {
  if (raw === undefined) return;
  let from = -Infinity;
  let to = Infinity;
  for (const group of groups(raw)) {
    if (group.length === 0) continue;
    if (group.length > 1) throw unsupported(param, 'OR between numeric filters is not supported');
    const f = group[0];
    const range = NUMERIC_RANGE.exec(f);
    const cmp = NUMERIC.exec(f);
    const attribute = range?.[1] ?? cmp?.[1];
    if (!attribute) throw invalidParam(param, `numeric filter "${f.slice(0, 80)}" must look like "date>=1700000000"`);
    if (attribute !== NUMERIC_ATTRIBUTE) {
      throw invalidParam(param, `cannot filter numerically on "${attribute.slice(0, 64)}"; only "${NUMERIC_ATTRIBUTE}" (unix seconds)`);
    }
    if (range) {
      from = Math.max(from, Math.ceil(Number(range[2])));
      to = Math.min(to, Math.floor(Number(range[3])));
      continue;
    }
    const op = cmp![2];
    const n = Number(cmp![3]);
    if (op === '!=') throw unsupported(param, '"!=" numeric filters are not supported');
    // Dates are whole seconds: strict bounds become inclusive ones.
    if (op === '>=' || op === '=') from = Math.max(from, Math.ceil(n));
    if (op === '>') from = Math.max(from, Math.floor(n) + 1);
    if (op === '<=' || op === '=') to = Math.min(to, Math.floor(n));
    if (op === '<') to = Math.min(to, Math.ceil(n) - 1);
  }
  if (from !== -Infinity) into.dateFrom = from;
  if (to !== Infinity) into.dateTo = to;
}
