/**
 * Prometheus metrics, one registry per app (tests build many apps in one process).
 */
import client from 'prom-client';
import type { Engine } from '../engine/types.js';

export interface Metrics {
  registry: client.Registry;
  httpDuration: client.Histogram<'method' | 'route' | 'status'>;
  engineDuration: client.Histogram<'op' | 'outcome'>;
  errors: client.Counter<'code'>;
}

export function createMetrics(engine: Engine): Metrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'newsfacets_' });
  const httpDuration = new client.Histogram({
    name: 'newsfacets_http_request_duration_seconds',
    help: 'HTTP request duration by route',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const engineDuration = new client.Histogram({
    name: 'newsfacets_engine_call_duration_seconds',
    help: 'Engine call duration by operation',
    labelNames: ['op', 'outcome'] as const,
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.02, 0.05, 0.1, 0.25, 1],
    registers: [registry],
  });
  const errors = new client.Counter({
    name: 'newsfacets_errors_total',
    help: 'Problem responses by code',
    labelNames: ['code'] as const,
    registers: [registry],
  });
  new client.Gauge({
    name: 'newsfacets_index_passages',
    help: 'Passages in the serving index',
    registers: [registry],
    async collect() {
      const s = await engine.stats().catch(() => null);
      if (s) this.set(s.passages);
    },
  });
  new client.Gauge({
    name: 'newsfacets_index_size_bytes',
    help: 'Size of the serving index on disk (embedded engine)',
    registers: [registry],
    async collect() {
      const s = await engine.stats().catch(() => null);
      if (s?.sizeBytes != null) this.set(s.sizeBytes);
    },
  });
  return { registry, httpDuration, engineDuration, errors };
}
