/**
 * The tagger: one article in, its quotations (speaker, cue, date) and passages (speakers, topics,
 * places, organisations, dates) out. Synchronous and deterministic for a given people file,
 * taxonomy and gazetteer, which are loaded once per tagger. `npm run tag` prints exactly tag()'s
 * result and the indexer turns its passages into PassageDocs, so search and export agree.
 */
import { fileURLToPath } from 'node:url';
import { attribute, maskQuotes, type Attribution } from './attribution.js';
import { chunkPassages } from './chunker.js';
import { findDates } from './dates.js';
import { findNameMentions, isTitleCase, nameKeys } from './names.js';
import { PeopleDirectory } from './people.js';
import { ArticleResolver, type LearnedRole } from './resolver.js';
import { findQuotes, groupUnits, splitAllSentences, splitParagraphs } from './structure.js';
import type { ArticleNotes, TaggedArticle, TaggedPassage, TaggedQuote, TagInput, TagResult } from './types.js';
import { loadGazetteer, loadTaxonomy, passageWords, TopicMatcher, type Gazetteer } from './vocabularies.js';
import { learnAppositions } from './appositions.js';

export interface TaggerOptions {
  /** A passage closes at a paragraph end once it has this many words. */
  minWords: number;
  /** A passage takes no further sentence past this many words (one long quotation may exceed it). */
  maxWords: number;
  peoplePath: string;
  taxonomyPath: string;
  gazetteerPath: string;
}

const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));

export const TAGGER_DEFAULTS: Readonly<TaggerOptions> = Object.freeze({
  minWords: 40,
  maxWords: 120,
  peoplePath: here('./people.json'),
  taxonomyPath: here('./taxonomy.json'),
  gazetteerPath: here('./gazetteer.json'),
});

/** A title the articles bound to a person that the people file does not list, with how often. */
export interface LearnedRoleReport {
  name: string;
  title: string;
  articles: number;
  firstArticle: string;
}

export interface Tagger {
  tag(input: TagInput): TagResult;
  /** tag() with what the article taught and left open, for the run-level pass (run-learning.ts). */
  tagDetailed(input: TagInput): TaggedArticle;
  /** What the resolver learned from titles and appositions so far in this run (for summaries). */
  learned(): LearnedRoleReport[];
  readonly options: Readonly<TaggerOptions>;
}

function validate(o: TaggerOptions): void {
  for (const k of ['minWords', 'maxWords'] as const) {
    if (!Number.isInteger(o[k]) || o[k] <= 0) throw new Error(`Tagger: option "${k}" must be a positive integer, got ${String(o[k])}`);
  }
  if (o.minWords > o.maxWords) throw new Error(`Tagger: option "minWords" must be <= maxWords (${o.maxWords}), got ${o.minWords}`);
  for (const k of ['peoplePath', 'taxonomyPath', 'gazetteerPath'] as const) {
    if (typeof o[k] !== 'string' || !o[k]) throw new Error(`Tagger: option "${k}" must be a file path, got ${String(o[k])}`);
  }
}

export function createTagger(options: Partial<TaggerOptions> = {}): Tagger {
  const opts: TaggerOptions = { ...TAGGER_DEFAULTS, ...options };
  validate(opts);
  const people = PeopleDirectory.load(opts.peoplePath);
  const topics = new TopicMatcher(loadTaxonomy(opts.taxonomyPath));
  const gazetteer = loadGazetteer(opts.gazetteerPath);
  const learned = new Map<string, LearnedRoleReport>();

  function tagDetailed(input: TagInput): TaggedArticle {
    const { text } = input;
    const published = input.date && /^\d{4}-\d{2}-\d{2}$/.test(input.date) ? input.date : null;
    const paragraphs = splitParagraphs(text);
    const quotes = findQuotes(text, paragraphs);
    const units = groupUnits(splitAllSentences(text, paragraphs), quotes);
    const runRoles = input.learnedRoles?.length ? new Map(input.learnedRoles.map((r) => [r.title, r.name])) : undefined;
    const resolver = new ArticleResolver({ people, lookup: gazetteer.lookup, runRoles }, published, input.id);
    const masked = maskQuotes(text, quotes);
    // Headline-style lines ("Obama Says Museum Will Tell …") would make every word a name.
    const heads = paragraphs.filter((p) => isTitleCase(text, p.start, p.end));
    const names = findNameMentions(masked, 0, masked.length).filter((n) => !heads.some((p) => n.start >= p.start && n.start < p.end));
    learnAppositions(masked, names, resolver);
    const attributions = attribute({ text, masked, units, quotes, names, resolver });
    const dates = statementDates(text, attributions, published);
    const tagged: TaggedQuote[] = attributions.map((a, i) => ({
      start: a.start,
      end: a.end,
      kind: a.kind,
      speaker: a.entity?.canonical ?? null,
      mention: a.mention ? { start: a.mention.start, end: a.mention.end } : null,
      cue: a.cue ? { start: a.cue.start, end: a.cue.end } : null,
      date: dates[i],
    }));
    for (const l of resolver.learned) record(l);
    const spans = chunkPassages(text, units, opts);
    const passages = spans.map((p) => describePassage(text, p.start, p.end, tagged, topics, gazetteer));
    return { result: { id: input.id, quotes: tagged, passages }, notes: notesOf(resolver, attributions) };
  }

  function notesOf(resolver: ArticleResolver, attributions: Attribution[]): ArticleNotes {
    const unlisted = new Set<string>();
    for (const a of attributions) {
      const e = a.entity;
      // Only people the file and gazetteer do not know can be merged across articles by spelling.
      if (e?.kind === 'person' && nameKeys(e.canonical).length > 1 && !people.byName(e.canonical) && !gazetteer.lookup(e.canonical)) unlisted.add(e.canonical);
    }
    const learnedPairs = new Map(resolver.learned.map((l) => [`${l.title}\u0000${l.name}`, { title: l.title, name: l.name }]));
    return {
      learned: [...learnedPairs.values()],
      unresolvedTitles: [...resolver.unresolvedTitles],
      appliedRoles: [...resolver.appliedRoles],
      unlistedSpeakers: [...unlisted],
    };
  }

  function record(l: LearnedRole): void {
    const key = `${l.name}\u0000${l.title}`;
    const r = learned.get(key);
    if (r) r.articles++;
    else learned.set(key, { name: l.name, title: l.title, articles: 1, firstArticle: l.articleId });
  }

  return { tag: (input) => tagDetailed(input).result, tagDetailed, learned: () => [...learned.values()], options: Object.freeze(opts) };
}

/**
 * A statement's date: the date expression in its sentence outside the quoted or reported content,
 * nearest the cue. Without one, a speaker's later statements share the date of their last dated one
 * (one report, one occasion), except where the frame marks an earlier time ("had said").
 */
/** How far from its cue a statement's date is looked for. */
const FRAME_CHARS = 120;

function statementDates(text: string, atts: Attribution[], published: string | null): Array<string | null> {
  const lastBySpeaker = new Map<string, string>();
  return atts.map((a) => {
    const anchor = a.cue?.start ?? a.start;
    // The frame around the cue holds the statement's date ("said on Sunday", "On July 17, 2023, he …").
    const from = Math.max(a.unit.start, Math.min(anchor, a.start) - FRAME_CHARS);
    const to = Math.min(a.unit.end, Math.max(a.cue?.end ?? a.end, a.end) + FRAME_CHARS);
    const found = findDates(text, from, to, published, [{ start: a.start, end: a.end }]);
    let date: string | null = null;
    if (found.length) {
      found.sort((x, y) => Math.abs(x.start - anchor) - Math.abs(y.start - anchor));
      date = found[0].date;
    } else if (a.entity && !(a.mention && a.cue && /\bhad\b/i.test(text.slice(a.mention.end, a.cue.start)))) {
      date = lastBySpeaker.get(a.entity.canonical) ?? null;
    }
    if (a.entity && date) lastBySpeaker.set(a.entity.canonical, date);
    return date;
  });
}

/** "Kurram district", "Zhob city", "the Tirah valley": a capitalised name before a place word is a place. */
const PLACE_PATTERN = /\b(\p{Lu}[\p{L}\-]+(?: \p{Lu}[\p{L}\-]+)?) (?:province|district|city|valley|region|tehsil|agency|town|village)\b/gu;
/** The place words alone: a plain scan that lets most passages skip the pattern above. */
const PLACE_WORD = / (?:province|district|city|valley|region|tehsil|agency|town|village)\b/;

function placesByPattern(text: string, start: number, end: number, gazetteer: Gazetteer): string[] {
  const out: string[] = [];
  const slice = text.slice(start, end);
  if (!PLACE_WORD.test(slice)) return out;
  for (const m of slice.matchAll(PLACE_PATTERN)) {
    const known = gazetteer.lookup(m[1]);
    if (known?.kind === 'organisation') continue;
    if (/^(The|A|An|This|That|Its|Their|His|Her|Which|Each|Every|Capital|Northern|Southern|Eastern|Western)$/.test(m[1].split(' ')[0])) continue;
    out.push(known?.name ?? m[1]);
  }
  return out;
}

function unique(xs: string[]): string[] {
  return [...new Set(xs)];
}

function describePassage(
  text: string,
  start: number,
  end: number,
  quotes: TaggedQuote[],
  topics: TopicMatcher,
  gazetteer: Gazetteer,
): TaggedPassage {
  const inside = quotes.filter((q) => q.start < end && q.end > start);
  const exact = passageWords(text, start, end);
  // One tokenisation serves both: the taxonomy matches stems of the same words.
  const topicMatches = topics.match(text, exact);
  return {
    start,
    end,
    speakers: unique(inside.map((q) => q.speaker).filter((s): s is string => !!s)),
    topics: topicMatches.map((m) => m.topic),
    places: unique([...gazetteer.places.match(exact).map((h) => h.value), ...placesByPattern(text, start, end, gazetteer)]),
    organisations: unique([
      ...gazetteer.organisations.match(exact).map((h) => h.value),
      ...inside.flatMap((q) => (q.speaker && gazetteer.lookup(q.speaker)?.kind === 'organisation' ? [q.speaker] : [])),
    ]),
    dates: unique(inside.map((q) => q.date).filter((d): d is string => !!d)),
    topicMatches,
  };
}

