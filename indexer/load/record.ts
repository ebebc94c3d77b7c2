/**
 * The metadata fields a record may carry (JSON/NDJSON records and YAML front matter share them),
 * checked for type here so the article stage only deals with strings.
 */
import type { RawArticle, Rejection } from '../types.js';

/** What a loader yields: a raw article, with what the loader saw beside the body. */
export interface LoadedArticle extends RawArticle {
  /**
   * A photo caption written on the date line (`date 2024-03-17 Minister X addresses …`). It
   * describes the picture, not the story, so it is kept out of the body: as body text it would
   * become a passage of its own and its date would read like a statement date. It stays here so
   * a later change can index it as a field of its own.
   */
  caption?: string;
}

export type LoadItem = { kind: 'article'; article: LoadedArticle } | { kind: 'rejection'; rejection: Rejection };

export const rejectItem = (origin: string, reason: string): LoadItem => ({ kind: 'rejection', rejection: { origin, reason } });

const META_FIELDS = ['id', 'title', 'date', 'source', 'url'] as const;
type MetaField = (typeof META_FIELDS)[number];

/**
 * Reads the optional metadata fields of a record. Numbers are accepted for `id` (common in
 * exports); every other non-string value is an error, since guessing would hide a broken export.
 * Blank strings count as absent.
 */
export function readMetaFields(record: Record<string, unknown>): { ok: true; fields: Partial<Pick<RawArticle, MetaField>> } | { ok: false; reason: string } {
  const fields: Partial<Pick<RawArticle, MetaField>> = {};
  for (const name of META_FIELDS) {
    const value = record[name];
    if (value === undefined || value === null) continue;
    if (name === 'id' && typeof value === 'number' && Number.isFinite(value)) {
      fields.id = String(value);
      continue;
    }
    if (value instanceof Date && name === 'date') {
      // A YAML 1.1 timestamp: keep the calendar date as written (UTC parts of the parsed value).
      fields.date = Number.isNaN(value.getTime()) ? 'invalid' : value.toISOString().slice(0, 10);
      continue;
    }
    if (typeof value !== 'string') return { ok: false, reason: `field "${name}" must be a string, got ${describeType(value)}` };
    if (value.trim() !== '') fields[name] = value.trim();
  }
  return { ok: true, fields };
}

/** A JSON/NDJSON record → an article, or the reason it cannot be one. */
export function recordToItem(value: unknown, origin: string): LoadItem {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return rejectItem(origin, `expected a record object, got ${describeType(value)}`);
  }
  const record = value as Record<string, unknown>;
  if (record.text === undefined || record.text === null) return rejectItem(origin, 'record has no "text"');
  if (typeof record.text !== 'string') return rejectItem(origin, `field "text" must be a string, got ${describeType(record.text)}`);
  if (record.text.trim() === '') return rejectItem(origin, 'record has an empty "text"');
  const meta = readMetaFields(record);
  if (!meta.ok) return rejectItem(origin, meta.reason);
  return { kind: 'article', article: { origin, ...meta.fields, text: record.text } };
}

export function describeType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}
