/**
 * HTTP servers under load, each in a worker process of its own: our API (createApp over the built
 * index, rate limiting off, as an operator would configure a load test) and the ceiling, a bare
 * Express 5 route returning a fixed ~2 KB JSON body; given our recorded answers, the ceiling also
 * replays them (/replay/:i), which is what any engine behind Express could do at best with bodies
 * of that size. Loopback only.
 */
import express from 'express';
import { readFileSync } from 'node:fs';
import { DEFAULT_ENGINE_THREADS } from '../../server/config.js';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** ~2 KB, shaped like a small search response. */
export const CEILING_BODY = {
  query: 'ceiling',
  totalHits: 20,
  hits: Array.from({ length: 8 }, (_, i) => ({
    id: `a${i}-0`,
    title: 'A fixed passage for the HTTP ceiling',
    snippet: 'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua.',
    speakers: ['Jane Doe'],
    date: '2024-01-01',
  })),
};

/** `bodies`: parsed response bodies served back by /replay/:i, serialized on every request as ours are. */
export function ceilingApp(bodies: readonly unknown[] = []): express.Express {
  const app = express();
  // Same as our app: no ETag hashing of every body.
  app.set('etag', false);
  app.get('/ceiling', (_req, res) => {
    res.json(CEILING_BODY);
  });
  app.get('/replay/:i', (req, res) => {
    const i = Number(req.params.i);
    if (!Number.isInteger(i) || i < 0 || i >= bodies.length) res.status(404).json({ error: 'no such recorded body' });
    else res.json(bodies[i]);
  });
  return app;
}

/** As the server runs by default (ENGINE_THREADS); BENCH_THREADS=0 measures reads on the main thread. */
export function benchServerThreads(): number {
  return process.env.BENCH_THREADS === undefined ? DEFAULT_ENGINE_THREADS : Number(process.env.BENCH_THREADS);
}

async function oursApp(indexDir: string): Promise<express.Express> {
  const { createApp } = await import('../../server/app.js');
  const { createLogger } = await import('../../server/logger.js');
  const { createEngine } = await import('../../engine/index.js');
  const { INDEX_NAME, backgroundLoads } = await import('../ours.js');
  const engine = await createEngine({ kind: 'embedded', dataDir: indexDir, indexName: INDEX_NAME, threads: benchServerThreads(), queryTimeoutMs: 10_000 });
  // The port is reported (and measuring starts) once the workers' background reads are done.
  await backgroundLoads(engine, (m) => process.stderr.write(`serve: ${m}\n`));
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
  return createApp({
    engine,
    config: { ENGINE_TIMEOUT_MS: 10_000, RATE_LIMIT_PER_MINUTE: 0, CORS_ORIGINS: [], TRUST_PROXY: 0 },
    logger,
  }) as unknown as express.Express;
}

export async function serve(what: 'ours' | 'ceiling', indexDir: string | undefined, onPort: (port: number) => void, bodiesFile?: string): Promise<Server> {
  if (what === 'ours' && !indexDir) throw new Error('serve: option "indexDir" is required for our API');
  const app = what === 'ours' ? await oursApp(indexDir!) : ceilingApp(bodiesFile ? (JSON.parse(readFileSync(bodiesFile, 'utf8')) as unknown[]) : []);
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => {
      onPort((server.address() as AddressInfo).port);
      resolve(server);
    });
    server.keepAliveTimeout = 60_000;
  });
}
