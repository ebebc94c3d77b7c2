/**
 * The corpus for one size, generated on first use into bench/.work/<size>/ (git-ignored) and reused
 * while the seed matches: passages.jsonl, articles.jsonl, queries.json, manifest.json.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_GENERATE_OPTIONS, GENERATOR_VERSION, generateCorpus, type CorpusManifest } from './gen/generate.js';
import { buildQuerySet, loadQuerySet, QUERY_SET_VERSION } from './queries.js';

export const SIZES = { '10k': 10_000, '100k': 100_000, '1m': 1_000_000 } as const;
export type SizeName = keyof typeof SIZES;

export const WORK_ROOT = fileURLToPath(new URL('./.work/', import.meta.url));

export function workDirFor(size: SizeName): string {
  return join(WORK_ROOT, size);
}

export function parseSize(s: string): SizeName {
  const k = s.toLowerCase() as SizeName;
  if (!(k in SIZES)) throw new Error(`bench: option "--size" must be one of ${Object.keys(SIZES).join(', ')}, got ${s}`);
  return k;
}

export async function ensureCorpus(size: SizeName, seed: number, log: (m: string) => void): Promise<CorpusManifest> {
  const dir = workDirFor(size);
  const manifestPath = join(dir, 'manifest.json');
  if (existsSync(manifestPath) && existsSync(join(dir, 'queries.json'))) {
    const m = JSON.parse(readFileSync(manifestPath, 'utf8')) as CorpusManifest;
    if (m.seed === seed && m.passages === SIZES[size] && m.generatorVersion === GENERATOR_VERSION) {
      // The corpus stands; a query set from an older generator is written again (same measured queries).
      if ((loadQuerySet(dir).version ?? 1) !== QUERY_SET_VERSION) {
        log(`rewriting ${size} queries.json (query set version ${QUERY_SET_VERSION})`);
        writeFileSync(join(dir, 'queries.json'), JSON.stringify(await buildQuerySet(join(dir, 'passages.jsonl'), { seed })));
      }
      return m;
    }
  }
  log(`generating ${size} corpus (seed ${seed}) into ${dir}`);
  const manifest = generateCorpus({ ...DEFAULT_GENERATE_OPTIONS, seed, passages: SIZES[size], outDir: dir }, log);
  const queries = await buildQuerySet(join(dir, 'passages.jsonl'), { seed });
  writeFileSync(join(dir, 'queries.json'), JSON.stringify(queries));
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  log(`corpus ready: ${manifest.passages} passages in ${manifest.articles} articles, ${(manifest.textBytes / 1e6).toFixed(1)} MB of text`);
  return manifest;
}
