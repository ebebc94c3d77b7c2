/**
 * HTTP servers under load, each in a worker process of its own: our API (createApp over the built
 * index, rate limiting off, as an operator would configure a load test) and the ceiling, a bare
 * Express 5 route returning a fixed ~2 KB JSON body. Loopback only.
 */
import express from 'express';
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

export function ceilingApp(): express.Express {
  const app = express();
  // Same as our app: no ETag hashing of every body.
  app.set('etag', false);
  app.get('/ceiling', (_req, res) => {
    res.json(CEILING_BODY);
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
  const { INDEX_NAME } = await import('../ours.js');
  const engine = await createEngine({ kind: 'embedded', dataDir: indexDir, indexName: INDEX_NAME, threads: benchServerThreads(), queryTimeoutMs: 10_000 });
  const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
  return createApp({
    engine,
    config: { ENGINE_TIMEOUT_MS: 10_000, RATE_LIMIT_PER_MINUTE: 0, CORS_ORIGINS: [], TRUST_PROXY: 0 },
    logger,
  }) as unknown as express.Express;
}

export async function serve(what: 'ours' | 'ceiling', indexDir: string | undefined, onPort: (port: number) => void): Promise<Server> {
  if (what === 'ours' && !indexDir) throw new Error('serve: option "indexDir" is required for our API');
  const app = what === 'ours' ? await oursApp(indexDir!) : ceilingApp();
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => {
      onPort((server.address() as AddressInfo).port);
      resolve(server);
    });
    server.keepAliveTimeout = 60_000;
  });
}
