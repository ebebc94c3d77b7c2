/**
 * An index on which one query is genuinely slow, for abort and timeout tests: every word is
 * distinct and starts with "x", so with precomputed prefixes and caches off the one-letter
 * prefix query "x" unions the postings of the whole vocabulary (CPU-bound, about a second per
 * 10k passages on the team machine). An exact word stays cheap, so the same engine answers fast
 * and slow reads.
 */
import type { EmbeddedEngineOptions } from '../../engine/embedded/index.js';
import type { PassageDoc } from '../../engine/types.js';
import { openTempEngine, passage, req, type TempIndex } from '../engine/fixture.js';

const WORDS_PER_PASSAGE = 30;
/** Cost grows with it; build time too (~0.3 s per 1k passages). */
export const SLOW_PASSAGES = 5000;
export const SLOW_REQUEST = req('x');
/** Whole word (trailing space): one postings list, one hit: passage s000000-0. */
export const FAST_REQUEST = req('x1 ');

/** No precomputed prefixes and no caches: the slow query does all its work every time. */
export const SLOW_OPTIONS: Partial<EmbeddedEngineOptions> = { prefixMaxLength: 0, postingsCacheBytes: 0, wordSetCacheBytes: 0 };

export function slowDocs(passages: number): PassageDoc[] {
  return Array.from({ length: passages }, (_, i) => {
    const words = Array.from({ length: WORDS_PER_PASSAGE }, (_, k) => `x${(i * WORDS_PER_PASSAGE + k).toString(36)}`);
    return passage(`s${String(Math.floor(i / 10)).padStart(6, '0')}`, i % 10, words.join(' '));
  });
}

/** Builds the slow index in a temporary folder with an in-thread engine (its TempIndex cleans up). */
export async function buildSlowIndex(passages = SLOW_PASSAGES): Promise<TempIndex> {
  const index = openTempEngine('nf-threads-slow-', SLOW_OPTIONS);
  const w = await index.engine.beginWrite('replace');
  await w.putArticles(slowDocs(passages));
  await w.commit();
  return index;
}
