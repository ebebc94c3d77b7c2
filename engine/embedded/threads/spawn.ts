/**
 * Starting an engine worker from either TypeScript source (tsx, jest) or compiled JavaScript.
 * Worker threads do not inherit tsx's module hooks, so under TypeScript the worker starts from a
 * small bootstrap that registers tsx first (the approach of indexer/tag-pool.ts).
 */
import { Worker } from 'node:worker_threads';

const runningTypeScript = import.meta.url.endsWith('.ts');
const workerUrl = new URL(`./worker${runningTypeScript ? '.ts' : '.js'}`, import.meta.url);

export function spawnEngineWorker(workerData: unknown): Worker {
  if (!runningTypeScript) return new Worker(workerUrl, { workerData });
  // Resolved here, not in the worker: an eval'd worker resolves bare names from the cwd.
  const tsxApi = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}
