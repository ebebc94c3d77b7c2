/**
 * Article metadata: a raw article from a loader → an Article with a stable id, a title, a
 * source and a date with its provenance, or a rejection saying why not.
 */
import { createHash } from 'node:crypto';
import type { Article, RawArticle, Rejection } from './types.js';
import { inferPublicationDate, parseDateField } from './article-date.js';

/** Derived titles are cut to this many characters (at a word boundary, with "…"): a result-list line. */
export const TITLE_MAX_CHARS = 120;
/** Ids given in the input are kept as they are when they are already safe for URLs and Meilisearch. */
const SAFE_ID = /^[A-Za-z0-9_-]{1,64}$/;
/** Private-use characters: the Meilisearch adapter uses them as highlight tags, so input must not contain them. */
export const PRIVATE_USE = /[\uE000-\uF8FF]/g;
/** C0/C1 controls other than tab and newline: invisible, and they break JSON consumers and highlights. */
const CONTROLS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g;

/** A rejected article still has an id when its text was usable: --prune then keeps its indexed version. */
export type ArticleOutcome =
  | { ok: true; article: Article; dateEvidence: string | null }
  | { ok: false; rejection: Rejection; articleId: string | null };

export function toArticle(raw: RawArticle): ArticleOutcome {
  const text = normalizeBody(raw.text);
  if (text === '') return { ok: false, rejection: { origin: raw.origin, reason: 'no article text' }, articleId: null };
  const id = articleId(raw, text);

  let publishedDate: string | null = null;
  let dateSource: Article['dateSource'] = 'unknown';
  let dateEvidence: string | null = null;
  if (raw.date !== undefined) {
    const parsed = parseDateField(raw.date);
    if (!parsed.ok) return { ok: false, rejection: { origin: raw.origin, reason: parsed.reason }, articleId: id };
    publishedDate = parsed.date;
    dateSource = 'header';
  } else {
    const inferred = inferPublicationDate(text);
    if (inferred) {
      publishedDate = inferred.date;
      dateSource = 'inferred';
      dateEvidence = inferred.evidence;
    }
  }

  const article: Article = {
    id,
    origin: raw.origin,
    title: raw.title ? cleanLine(raw.title) : deriveTitle(text),
    source: raw.source ? cleanLine(raw.source) : null,
    url: raw.url ? raw.url.trim() : null,
    text,
    publishedDate,
    dateSource,
  };
  return { ok: true, article, dateEvidence };
}

/**
 * The body that every offset refers to: Unicode NFC (so the same words typed on two systems hash
 * and match alike), LF line ends, no private-use or control characters, no outer whitespace.
 */
export function normalizeBody(text: string): string {
  return text.normalize('NFC').replace(/\r\n?/g, '\n').replace(PRIVATE_USE, '').replace(CONTROLS, '').trim();
}

function cleanLine(s: string): string {
  return s.normalize('NFC').replace(PRIVATE_USE, '').replace(CONTROLS, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Stable id, so re-indexing the same input changes nothing:
 * - the input's `id` as is when it is safe ([A-Za-z0-9_-], ≤ 64 chars), else a hash of it;
 * - else a hash of the canonical `url` (scheme and host lower-cased, fragment and utm_* dropped);
 * - else a hash of the body text with whitespace collapsed (an edit makes it a new article;
 *   `--prune` removes the old one).
 * Hashes are 16 hex digits of SHA-256 (64 bits: collisions stay unlikely far past 10^6 articles).
 */
export function articleId(raw: Pick<RawArticle, 'id' | 'url'>, normalizedText: string): string {
  const given = raw.id?.trim();
  if (given) return SAFE_ID.test(given) ? given : hash(`id\n${given}`);
  if (raw.url?.trim()) return hash(`url\n${canonicalUrl(raw.url.trim())}`);
  return hash(`text\n${normalizedText.replace(/\s+/g, ' ')}`);
}

function hash(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 16);
}

export function canonicalUrl(url: string): string {
  try {
    const u = new URL(url);
    u.hash = '';
    for (const key of [...u.searchParams.keys()]) if (key.toLowerCase().startsWith('utm_')) u.searchParams.delete(key);
    return u.toString();
  } catch {
    return url;
  }
}

/**
 * A dateline ("ISLAMABAD:", "VANCOUVER, CANADA –", "LONDON, March 27 (Reuters) -") says where the
 * story was filed; it is not part of the headline-like first sentence.
 */
const DATELINE = /^[A-Z][A-Z.'’ -]{1,40}(?:,\s*[A-Za-z0-9.'’ ,-]{1,40}?)?\s*(?:\([^)\n]{1,40}\))?\s*(?::|[-–—])\s+/;
const sentences = new Intl.Segmenter('en', { granularity: 'sentence' });

/**
 * Without a title in the input, the first sentence of the body stands in (news leads are written
 * to summarise the story), dateline removed, cut at a word boundary to TITLE_MAX_CHARS with "…".
 */
export function deriveTitle(text: string): string {
  const firstParagraph = text.split(/\n/).find((l) => l.trim() !== '') ?? '';
  const lead = firstParagraph.trim().replace(DATELINE, '').slice(0, 2000);
  const first = sentences.segment(lead)[Symbol.iterator]().next().value?.segment ?? lead;
  const sentence = cleanLine(first);
  if (sentence.length <= TITLE_MAX_CHARS) return sentence.replace(/[.]$/, '');
  const cut = sentence.slice(0, TITLE_MAX_CHARS);
  const lastSpace = cut.lastIndexOf(' ');
  const base = (lastSpace > TITLE_MAX_CHARS / 2 ? cut.slice(0, lastSpace) : cut.slice(0, TITLE_MAX_CHARS - 1)).replace(/[\s,;:–—-]+$/, '');
  return `${base}…`;
}
