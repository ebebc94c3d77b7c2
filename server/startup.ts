/**
 * What `npm start` does before listening: index the seeds when the embedded index is missing or
 * older than them, and build the web page. Both are skipped where they do not apply.
 */
import type { Logger } from 'pino';
import type { Engine } from '../engine/types.js';
import { ensureIndexed } from '../indexer/freshness.js';
import { buildWeb, WEB_DIST } from '../web/build.js';
import { instantSearchRoutes } from './instantsearch/index.js';
import type { AppConfig } from './config.js';
import type { AppDeps } from './app.js';

export async function startupTasks(config: AppConfig, engine: Engine, logger: Logger): Promise<Pick<AppDeps, 'webDir' | 'routers'>> {
  if (config.ENGINE === 'embedded' && config.INDEX_ON_START) {
    const started = Date.now();
    const { verdict, summary } = await ensureIndexed({
      dataDir: config.DATA_DIR,
      indexName: config.MEILI_INDEX,
      inputs: [config.SEEDS_DIR],
      engine,
    });
    if (summary) {
      logger.info({ reason: verdict.reason, articles: summary.articles, passages: summary.passages, rejected: summary.rejected, ms: Date.now() - started }, 'indexed inputs');
    } else {
      logger.info({ reason: verdict.reason }, 'index is up to date');
    }
  }
  if (config.BUILD_WEB) await buildWeb();
  return { webDir: WEB_DIST, routers: [instantSearchRoutes] };
}
