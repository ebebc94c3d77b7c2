/**
 * Generates a large, realistic input from the seeds (for the kill -9 test and for measuring
 * indexing speed): NDJSON records whose bodies are the seed paragraphs, rotated and numbered so
 * every article is distinct, with dates spread over 2023–2024.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function seedBodies(seedsDir = 'seeds'): string[][] {
  return readdirSync(seedsDir)
    .sort()
    .map((name) =>
      readFileSync(join(seedsDir, name), 'utf8')
        .replace(/^\s*date .*\n/, '')
        .split(/\n+/)
        .map((p) => p.trim())
        .filter(Boolean),
    );
}

/** Writes `articles` NDJSON records to `path`; returns the number of bytes written. */
export function writeGeneratedNdjson(path: string, articles: number, seedsDir = 'seeds'): number {
  const bodies = seedBodies(seedsDir);
  const lines: string[] = [];
  for (let i = 0; i < articles; i++) {
    const paragraphs = bodies[i % bodies.length];
    const shift = Math.floor(i / bodies.length) % paragraphs.length;
    const rotated = [...paragraphs.slice(shift), ...paragraphs.slice(0, shift)];
    const day = new Date(Date.UTC(2023, 0, 1) + (i % 700) * 86_400_000).toISOString().slice(0, 10);
    const text = `${rotated.join('\n\n')}\n\nThis is report number ${i} of the generated corpus.`;
    lines.push(JSON.stringify({ id: `gen-${i}`, title: `Generated report ${i}`, date: day, source: 'Generated', text }));
  }
  const content = `${lines.join('\n')}\n`;
  writeFileSync(path, content);
  return Buffer.byteLength(content);
}
