/**
 * An embedded index of the five seed articles, built through the real indexer path into a
 * temporary DATA_DIR, and an app over it. API, browser and contract tests share it.
 */
import path from 'node:path';
import { pino } from 'pino';
import type { Engine } from '../../engine/types.js';
import { runIndex } from '../../indexer/run.js';
import { createApp, type AppDeps } from '../../server/app.js';
import { openTempEngine, type TempIndex } from '../engine/fixture.js';

export const SEEDS_DIR = path.resolve('seeds');

export type SeedIndex = TempIndex;

export async function buildSeedIndex(): Promise<SeedIndex> {
  const index = openTempEngine('newsfacets-seeds-', { indexName: 'passages' });
  await runIndex({ paths: [SEEDS_DIR], engine: index.engine, mode: 'replace', prune: false });
  return index;
}

export const TEST_CONFIG: AppDeps['config'] = {
  ENGINE_TIMEOUT_MS: 5_000,
  RATE_LIMIT_PER_MINUTE: 0,
  CORS_ORIGINS: ['https://widgets.example'],
  TRUST_PROXY: 0,
};

export function testApp(engine: Engine, overrides: Partial<AppDeps> = {}) {
  return createApp({ engine, config: TEST_CONFIG, logger: pino({ level: 'silent' }), ...overrides });
}

/** Registers beforeAll/afterAll that build the seed index and an app over it, for one test file. */
export function useSeedApp(): { readonly seeds: SeedIndex; readonly app: ReturnType<typeof testApp> } {
  const state = {} as { seeds: SeedIndex; app: ReturnType<typeof testApp> };
  beforeAll(async () => {
    state.seeds = await buildSeedIndex();
    state.app = testApp(state.seeds.engine);
  });
  afterAll(async () => {
    await state.seeds.cleanup();
  });
  return state;
}
