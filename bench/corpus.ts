/**
 * The corpus for one size, generated on first use into bench/.work/<size>/ (git-ignored) and reused
 * while the seed matches: passages.jsonl, articles.jsonl, queries.json, manifest.json.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_GENERATE_OPTIONS, GENERATOR_VERSION, generateCorpus, type CorpusManifest } from './gen/generate.js';
import { buildQuerySet } from './queries.js';

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
    if (m.seed === seed && m.passages === SIZES[size] && m.generatorVersion === GENERATOR_VERSION) return m;
  }
  log(`generating ${size} corpus (seed ${seed}) into ${dir}`);
  const manifest = generateCorpus({ ...DEFAULT_GENERATE_OPTIONS, seed, passages: SIZES[size], outDir: dir }, log);
  const queries = await buildQuerySet(join(dir, 'passages.jsonl'), { seed });
  writeFileSync(join(dir, 'queries.json'), JSON.stringify(queries));
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2));
  log(`corpus ready: ${manifest.passages} passages in ${manifest.articles} articles, ${(manifest.textBytes / 1e6).toFixed(1)} MB of text`);
  return manifest;
}
