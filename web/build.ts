/**
 * Builds the search page into web/dist (index.html, app.js, app.css) with esbuild, from npm
 * packages only: nothing is fetched from the internet at build or run time.
 * `npm run build:web` runs it; the server and browser tests call buildWeb() directly.
 */
import { build } from 'esbuild';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const WEB_SRC = path.join(here, 'src');
export const WEB_DIST = path.join(here, 'dist');

export interface BuildWebOptions {
  outDir?: string;
  minify?: boolean;
}

export async function buildWeb(options: BuildWebOptions = {}): Promise<void> {
  const outDir = options.outDir ?? WEB_DIST;
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: [path.join(WEB_SRC, 'app.ts')],
    outfile: path.join(outDir, 'app.js'),
    bundle: true,
    format: 'esm',
    target: ['es2020'],
    minify: options.minify ?? true,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'warning',
    define: { 'process.env.NODE_ENV': '"production"' },
  });
  await Promise.all(['index.html', 'app.css'].map((f) => copyFile(path.join(WEB_SRC, f), path.join(outDir, f))));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const started = Date.now();
  buildWeb()
    .then(() => process.stdout.write(JSON.stringify({ outDir: WEB_DIST, ms: Date.now() - started }) + '\n'))
    .catch((err) => {
      process.stderr.write(`build:web failed: ${err instanceof Error ? err.message : String(err)}\n`);
      process.exit(1);
    });
}
