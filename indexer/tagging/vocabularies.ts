/**
 * The editable vocabularies: taxonomy (topics) and gazetteer (places, organisations). Loaded and
 * validated once per tagger; errors name the file and the entry.
 */
import { readFileSync } from 'node:fs';
import { PhraseMatcher, exactWord, passageWords, stemWord, tokenize, type PassageWord } from './phrases.js';
import type { TopicMatch } from './types.js';

export interface Topic {
  id: string;
  label: string;
  phrases: string[];
}

export interface GazetteerEntry {
  name: string;
  aliases: string[];
}

function readJson(path: string, what: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    throw new Error(`Tagger: cannot read ${what} file ${path}: ${(err as Error).message}`);
  }
}

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

export function loadTaxonomy(path: string): Topic[] {
  const raw = readJson(path, 'taxonomy').topics;
  if (!Array.isArray(raw)) throw new Error(`Tagger: taxonomy ${path} must have a "topics" array`);
  const ids = new Set<string>();
  return raw.map((t: Record<string, unknown>, i) => {
    if (typeof t.id !== 'string' || typeof t.label !== 'string' || !isStringArray(t.phrases) || !t.phrases.length) {
      throw new Error(`Tagger: taxonomy ${path} topic #${i} needs id, label and a non-empty phrases list`);
    }
    if (ids.has(t.id)) throw new Error(`Tagger: taxonomy ${path} repeats topic id "${t.id}"`);
    ids.add(t.id);
    return { id: t.id, label: t.label, phrases: t.phrases };
  });
}

function entries(raw: unknown, path: string, key: string): GazetteerEntry[] {
  if (!Array.isArray(raw)) throw new Error(`Tagger: gazetteer ${path} must have a "${key}" array`);
  return raw.map((e: Record<string, unknown>, i) => {
    if (typeof e.name !== 'string' || !isStringArray(e.aliases ?? [])) {
      throw new Error(`Tagger: gazetteer ${path} ${key} #${i} needs a name and an aliases list`);
    }
    return { name: e.name, aliases: (e.aliases as string[] | undefined) ?? [] };
  });
}

export interface Gazetteer {
  places: PhraseMatcher<string>;
  organisations: PhraseMatcher<string>;
  /** Canonical organisation or place for a written name, if listed. */
  lookup(name: string): { name: string; kind: 'place' | 'organisation' } | null;
}

export function loadGazetteer(path: string): Gazetteer {
  const raw = readJson(path, 'gazetteer');
  const places = new PhraseMatcher<string>(exactWord);
  const organisations = new PhraseMatcher<string>(exactWord);
  const byName = new Map<string, { name: string; kind: 'place' | 'organisation' }>();
  const fill = (list: GazetteerEntry[], m: PhraseMatcher<string>, kind: 'place' | 'organisation') => {
    for (const e of list) {
      for (const a of [e.name, ...e.aliases]) {
        m.add(a, e.name);
        byName.set(a.replace(/^the\s+/i, '').toLowerCase(), { name: e.name, kind });
      }
    }
  };
  fill(entries(raw.places, path, 'places'), places, 'place');
  fill(entries(raw.organisations, path, 'organisations'), organisations, 'organisation');
  return {
    places,
    organisations,
    lookup: (name) => byName.get(name.replace(/^the\s+/i, '').replace(/['’]s$/, '').toLowerCase()) ?? null,
  };
}

const stemOf = (t: PassageWord) => t.stem;

export class TopicMatcher {
  private readonly matcher = new PhraseMatcher<Topic>(stemWord);
  constructor(readonly topics: Topic[]) {
    for (const t of topics) for (const p of t.phrases) this.matcher.add(p, t);
  }

  /** Topics in taxonomy order, each with the first phrase that matched, as written in the text. */
  /** `tokens` as the gazetteer reads them (case kept); the taxonomy compares their stems. */
  match(text: string, tokens: PassageWord[]): TopicMatch[] {
    const first = new Map<string, TopicMatch>();
    for (const hit of this.matcher.match(tokens, true, stemOf)) {
      if (!first.has(hit.value.id)) first.set(hit.value.id, { topic: hit.value.label, phrase: text.slice(hit.start, hit.end) });
    }
    return this.topics.filter((t) => first.has(t.id)).map((t) => first.get(t.id)!);
  }
}

export { tokenize, stemWord, exactWord, passageWords };
