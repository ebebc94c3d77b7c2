/**
 * Seeds as the tagger sees them in tests: the optional first line `date YYYY-MM-DD …` (the first seed
 * continues it with a photo caption) is removed and gives the publication date; the rest is the text.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TagInput } from '../../indexer/tagging/types.js';

export const SEEDS_DIR = fileURLToPath(new URL('../../seeds/', import.meta.url));

export function seedInput(file: string): TagInput {
  const raw = readFileSync(SEEDS_DIR + file, 'utf8');
  const m = /^\s*date (\d{4}-\d{2}-\d{2})[^\n]*\n/.exec(raw);
  return { id: file.replace(/\.txt$/, ''), text: m ? raw.slice(m[0].length) : raw, date: m ? m[1] : null };
}

export function seedFiles(): string[] {
  return readdirSync(SEEDS_DIR).filter((f) => f.endsWith('.txt')).sort();
}
