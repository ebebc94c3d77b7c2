/**
 * createApp(deps): the Express application, without listening, so tests drive it with supertest
 * and main.ts owns the process (port, signals, shutdown).
 */
import express, { type Express, type Router } from 'express';
import helmet from 'helmet';
import cors from 'cors';
import { rateLimit } from 'express-rate-limit';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import type { Engine } from '../engine/types.js';
import type { AppConfig } from './config.js';
import { createMetrics, type Metrics } from './metrics.js';
import { createEngineCall } from './engine-call.js';
import { requestId } from './middleware/request-id.js';
import { notFound, problemHandler } from './middleware/errors.js';
import { HttpProblem } from './problem.js';
import { searchRoute } from './routes/search.js';
import { suggestRoute } from './routes/suggest.js';
import { facetsRoute } from './routes/facets.js';
import { articlesRoute } from './routes/articles.js';
import { healthRoutes } from './routes/health.js';
import type { RouteDeps } from './routes/deps.js';

export const MAX_BODY = '100kb';

export interface AppDeps {
  engine: Engine;
  config: Pick<AppConfig, 'ENGINE_TIMEOUT_MS' | 'RATE_LIMIT_PER_MINUTE' | 'CORS_ORIGINS' | 'TRUST_PROXY'>;
  logger: Logger;
  /** Folder of the built web page (web/dist), served at `/` when given. */
  webDir?: string;
  /** Extra routers mounted before the 404 handler (the InstantSearch endpoint). */
  routers?: Array<(deps: RouteDeps) => Router>;
}

export interface App extends Express {
  metrics: Metrics;
}

export function createApp(deps: AppDeps): App {
  const { engine, config, logger } = deps;
  const metrics = createMetrics(engine);
  const call = createEngineCall(config.ENGINE_TIMEOUT_MS, metrics);
  const app = express() as unknown as App;
  app.metrics = metrics;
  app.set('etag', false);
  app.set('trust proxy', config.TRUST_PROXY);
  app.set('query parser', 'simple');

  app.use(
    pinoHttp({
      logger,
      genReqId: requestId,
      autoLogging: { ignore: (req) => req.url === '/health' },
      // Lean lines: who asked what and the outcome. Request headers stay (redacted), response headers go.
      serializers: {
        req: (req: { id: string; method: string; url: string; headers: Record<string, unknown>; remoteAddress: string }) => ({
          id: req.id,
          method: req.method,
          url: req.url,
          headers: req.headers,
          remoteAddress: req.remoteAddress,
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use((req, res, next) => {
    const end = metrics.httpDuration.startTimer({ method: req.method });
    res.on('finish', () => end({ route: req.route ? req.baseUrl + String(req.route.path) : 'unmatched', status: res.statusCode }));
    next();
  });
  app.use(helmet());
  app.use(cors({ origin: config.CORS_ORIGINS.length > 0 ? config.CORS_ORIGINS : false, exposedHeaders: ['x-request-id', 'RateLimit', 'RateLimit-Policy', 'Retry-After'] }));
  if (config.RATE_LIMIT_PER_MINUTE > 0) {
    app.use(
      rateLimit({
        windowMs: 60_000,
        limit: config.RATE_LIMIT_PER_MINUTE,
        standardHeaders: 'draft-8',
        legacyHeaders: false,
        skip: (req) => req.path === '/health' || req.path === '/ready' || req.path === '/metrics',
        handler: (_req, _res, next, options) => {
          next(new HttpProblem(429, 'rate_limited', 'Too many requests', {
            detail: `At most ${config.RATE_LIMIT_PER_MINUTE} requests per minute per client.`,
            headers: { 'Retry-After': String(Math.ceil(options.windowMs / 1000)) },
          }));
        },
      }),
    );
  }
  app.use(express.json({ limit: MAX_BODY }));

  const routeDeps = { engine, call };
  app.use(healthRoutes(engine, metrics));
  app.use(searchRoute(routeDeps));
  app.use(suggestRoute(routeDeps));
  app.use(facetsRoute(routeDeps));
  app.use(articlesRoute(routeDeps));
  for (const make of deps.routers ?? []) app.use(make(routeDeps));
  if (deps.webDir) app.use(express.static(deps.webDir, { index: 'index.html', fallthrough: true }));

  app.use(notFound());
  app.use(problemHandler(metrics));
  return app;
}
