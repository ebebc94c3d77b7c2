/**
 * Passages are checked before they are staged, so a bad document fails its own call with the
 * field named instead of failing the whole commit later.
 */
import { EngineWriteError } from '../errors.js';
import type { PassageDoc } from '../types.js';

const STRING_ARRAYS = ['speakers', 'topics', 'places', 'organisations'] as const;
const NULLABLE_NUMBERS = ['publishedAt', 'statementDate', 'date'] as const;

export function validatePassage(doc: PassageDoc): void {
  const fail = (what: string): never => {
    throw new EngineWriteError(`passage ${JSON.stringify(doc?.id)}: ${what}`);
  };
  if (typeof doc !== 'object' || doc === null) fail('not an object');
  if (typeof doc.id !== 'string' || doc.id.length === 0) fail('"id" must be a non-empty string');
  if (typeof doc.articleId !== 'string' || doc.articleId.length === 0) fail('"articleId" must be a non-empty string');
  if (typeof doc.text !== 'string') fail('"text" must be a string');
  if (typeof doc.title !== 'string') fail('"title" must be a string');
  if (!Number.isInteger(doc.position) || doc.position < 0) fail(`"position" must be an integer >= 0, got ${doc.position}`);
  for (const k of STRING_ARRAYS) {
    if (!Array.isArray(doc[k]) || doc[k].some((v) => typeof v !== 'string')) fail(`"${k}" must be an array of strings`);
  }
  for (const k of NULLABLE_NUMBERS) {
    if (doc[k] !== null && !Number.isFinite(doc[k])) fail(`"${k}" must be a number or null`);
  }
  if (doc.month !== null && !/^\d{4}-\d{2}$/.test(doc.month)) fail(`"month" must be YYYY-MM or null, got ${JSON.stringify(doc.month)}`);
}
