/** Liveness, readiness and metrics: what an orchestrator and Prometheus ask. */
import { Router } from 'express';
import type { Engine } from '../../engine/types.js';
import type { Metrics } from '../metrics.js';
import { HttpProblem } from '../problem.js';
import { RETRY_AFTER_UNAVAILABLE } from '../middleware/errors.js';

export function healthRoutes(engine: Engine, metrics: Metrics): Router {
  return Router()
    .get('/health', (_req, res) => {
      res.json({ status: 'ok' });
    })
    .get('/ready', async (req, res) => {
      const readiness = await engine.ready().catch((err: unknown) => ({ ready: false, reason: String(err) }));
      if (!readiness.ready) {
        req.log?.warn({ reason: readiness.reason }, 'not ready');
        throw new HttpProblem(503, 'not_ready', 'The search engine is not ready', {
          headers: { 'Retry-After': String(RETRY_AFTER_UNAVAILABLE) },
          extra: { ready: false, engine: engine.kind },
        });
      }
      const stats = await engine.stats();
      res.json({ ready: true, engine: engine.kind, passages: stats.passages, articles: stats.articles });
    })
    .get('/metrics', async (_req, res) => {
      res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
    });
}
