/**
 * Shapes that flow through the indexer: load → article metadata → tags (with passages) → engine docs.
 */
import type { DateSource } from '../engine/types.js';

/** An article as read from a file, before metadata is settled. */
export interface RawArticle {
  /** Where it came from, for error messages: `path` or `path:line`. */
  origin: string;
  id?: string;
  title?: string;
  /** As written in the input (validated later). */
  date?: string;
  source?: string;
  url?: string;
  text: string;
}

/** An article with its identity and date settled. */
export interface Article {
  id: string;
  origin: string;
  title: string;
  source: string | null;
  url: string | null;
  /** The body text that offsets refer to (date line and front matter removed). */
  text: string;
  /** YYYY-MM-DD or null. */
  publishedDate: string | null;
  dateSource: DateSource;
}

/** An input the indexer could not use, reported as `origin: reason`. */
export interface Rejection {
  origin: string;
  reason: string;
}
