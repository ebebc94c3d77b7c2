/**
 * The process: config, logger, (re)index the seeds when needed, build the page, listen, and shut
 * down gracefully on SIGTERM/SIGINT (stop accepting, finish in-flight requests, close the engine).
 */
import { once } from 'node:events';
import path from 'node:path';
import { createEngine } from '../engine/index.js';
import { createApp } from './app.js';
import { engineConfigOf, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { startupTasks } from './startup.js';

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const { MEILI_API_KEY: _key, ...loggable } = config;
  logger.info({ config: loggable }, 'starting');

  const engine = await createEngine(engineConfigOf(config));
  const { webDir, routers } = await startupTasks(config, engine, logger);
  const app = createApp({ engine, config, logger, webDir, routers });
  const server = app.listen(config.PORT, config.HOST);
  await once(server, 'listening');
  const address = server.address();
  logger.info({ address, engine: engine.kind, web: webDir ? path.relative(process.cwd(), webDir) : null }, 'listening');

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new connections, finishing in-flight requests');
    const force = setTimeout(() => {
      logger.warn('grace period over, closing remaining connections');
      server.closeAllConnections();
    }, config.SHUTDOWN_GRACE_MS);
    force.unref();
    server.close(async () => {
      await engine.close().catch((err: unknown) => logger.error({ err }, 'engine close failed'));
      logger.info('stopped');
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  // One line an operator can act on; details only when asked for.
  process.stderr.write(`newsfacets: ${err instanceof Error ? err.message : String(err)}\n`);
  if (process.env.DEBUG) console.error(err);
  process.exit(1);
});
