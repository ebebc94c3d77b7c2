/**
 * Document reads and writes on one index, in batches, every write task awaited and checked.
 */
import type { PassageDoc } from '../types.js';
import { anyOfFilter } from './filter.js';
import { HIGHLIGHT_TAG_PATTERN } from './search-plan.js';
import type { Transport } from './transport.js';

/** Values per OR filter / ids per request: keeps request lines and filter strings modest. */
export const LOOKUP_CHUNK = 100;
export const PAGE_SIZE = 1000;

export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The highlight tags are private-use characters; removing them from text keeps them unambiguous. */
export function storedPassage(doc: PassageDoc): PassageDoc {
  const text = doc.text.replace(HIGHLIGHT_TAG_PATTERN, '');
  return text === doc.text ? doc : { ...doc, text };
}

export async function addDocuments<T extends { id: string }>(
  t: Transport,
  uid: string,
  docs: readonly T[],
  batchSize: number,
): Promise<void> {
  for (const batch of chunks(docs, batchSize)) {
    await t.task(`add ${batch.length} documents to ${uid}`, (c) => c.index(uid).addDocuments(batch as T[], { primaryKey: 'id' }));
  }
}

export async function deleteDocumentIds(t: Transport, uid: string, ids: readonly string[], batchSize: number): Promise<void> {
  for (const batch of chunks(ids, batchSize)) {
    await t.task(`delete ${batch.length} documents from ${uid}`, (c) => c.index(uid).deleteDocuments([...batch]));
  }
}

type Raw = Record<string, unknown>;

/** Every document matching `filter`, in pages (optionally sorted, e.g. by position). */
export async function fetchAll(
  t: Transport,
  uid: string,
  params: { filter?: string; fields?: string[]; sort?: string[]; ids?: string[] },
): Promise<Raw[]> {
  const out: Raw[] = [];
  for (let offset = 0; ; offset += PAGE_SIZE) {
    const page = await t.call(`fetch documents of ${uid}`, (c) =>
      c.index(uid).getDocuments<Raw>({ ...params, limit: PAGE_SIZE, offset }),
    );
    out.push(...page.results);
    if (page.results.length < PAGE_SIZE || out.length >= page.total) return out;
  }
}

export async function fetchByArticle(t: Transport, uid: string, articleIds: readonly string[], fields?: string[]): Promise<Raw[]> {
  const out: Raw[] = [];
  for (const group of chunks([...new Set(articleIds)], LOOKUP_CHUNK)) {
    out.push(...(await fetchAll(t, uid, { filter: anyOfFilter('articleId', group), ...(fields ? { fields } : {}) })));
  }
  return out;
}

export async function fetchByIds(t: Transport, uid: string, ids: readonly string[], fields?: string[]): Promise<Raw[]> {
  const out: Raw[] = [];
  for (const group of chunks([...new Set(ids)], LOOKUP_CHUNK)) {
    out.push(...(await fetchAll(t, uid, { ids: group, ...(fields ? { fields } : {}) })));
  }
  return out;
}
