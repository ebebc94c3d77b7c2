/** A dependency's installed version, read from its package.json (some packages do not export that file). */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export function packageVersion(name: string): string {
  const url = new URL(`../../node_modules/${name}/package.json`, import.meta.url);
  return (JSON.parse(readFileSync(fileURLToPath(url), 'utf8')) as { version: string }).version;
}
