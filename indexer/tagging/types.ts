/**
 * The tagger's output: exactly what `npm run tag` writes, one line per article, and what the indexer
 * turns into passage documents, so search and export agree. Offsets are [start, end) JavaScript
 * string indices into the article text.
 */

export interface Span {
  start: number;
  end: number;
}

export type QuoteKind = 'direct' | 'mixed' | 'indirect';

export interface TaggedQuote extends Span {
  kind: QuoteKind;
  /** Canonical person or organisation, or null when unattributed. */
  speaker: string | null;
  /** The text naming the speaker at this quote (name, title or pronoun nearest the cue). */
  mention: Span | null;
  /** The reporting verb or phrase ("said", "according to"). */
  cue: Span | null;
  /** YYYY-MM-DD of the statement, where the text gives it. */
  date: string | null;
}

export interface TopicMatch {
  topic: string;
  /** The phrase of the taxonomy that matched, as written in the text. */
  phrase: string;
}

export interface TaggedPassage extends Span {
  speakers: string[];
  topics: string[];
  places: string[];
  organisations: string[];
  /** YYYY-MM-DD statement dates of the quotes in this passage, first one first. */
  dates: string[];
  topicMatches: TopicMatch[];
}

export interface TagResult {
  id: string;
  quotes: TaggedQuote[];
  passages: TaggedPassage[];
}

/** Tagger input: one article. `date` is the publication date (YYYY-MM-DD), the anchor for relative dates. */
export interface TagInput {
  id: string;
  text: string;
  date?: string | null;
  title?: string;
  source?: string;
  /**
   * Titles other articles of the same run bound to a person, chosen for this article's date by the
   * run (indexer/tagging/run-learning.ts). They resolve a title written alone only where the people
   * file names no holder of it on that date. Absent: the article is tagged on its own.
   */
  learnedRoles?: LearnedRoleInput[];
}

export interface LearnedRoleInput {
  /** Normalised title ("interior minister"). */
  title: string;
  name: string;
}

/** What tagging one article taught or left open, for the run-level pass (never part of the output). */
export interface ArticleNotes {
  /** Titles the article bound to people that the people file does not list with that title. */
  learned: LearnedRoleInput[];
  /** Titles written alone as a speaker ("the interior minister said") that nothing resolved. */
  unresolvedTitles: string[];
  /** Titles resolved through `learnedRoles`. */
  appliedRoles: string[];
  /** Speakers who are people missing from the people file, written with at least two names. */
  unlistedSpeakers: string[];
}

export interface TaggedArticle {
  result: TagResult;
  notes: ArticleNotes;
}
