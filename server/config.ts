/**
 * Configuration: one zod schema over the environment, parsed once at boot. Everything the
 * server can be told lives here with its default; README's "Operating" section mirrors it.
 */
import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { MAX_THREADS } from '../engine/embedded/threads/pool.js';
import type { EngineConfig } from '../engine/index.js';

/** Two workers use both cores of a small machine; past that, memory grows faster than throughput. */
export const DEFAULT_ENGINE_THREADS = Math.min(2, availableParallelism());

const intFrom = (def: number, min: number, max: number) => z.coerce.number().int().min(min).max(max).default(def);
const list = z
  .string()
  .default('')
  .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

export const ConfigSchema = z
  .object({
    PORT: intFrom(3000, 0, 65535),
    HOST: z.string().default('0.0.0.0'),
    ENGINE: z.enum(['embedded', 'meilisearch']).default('embedded'),
    DATA_DIR: z.string().min(1).default('./data'),
    SEEDS_DIR: z.string().min(1).default('./seeds'),
    /** Index the seeds at boot when the index is missing or older than them (embedded engine only). */
    INDEX_ON_START: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
    /** Bundle the web page at boot (off where the page is prebuilt or not wanted). */
    BUILD_WEB: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
    MEILI_URL: z.string().url().optional(),
    /** Search-only key (or tenant token) for the API. The admin key is the indexer's, never the server's. */
    MEILI_API_KEY: z.string().optional(),
    MEILI_INDEX: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/).default('passages'),
    /**
     * Deadline for one engine call; past it the request gets a 504 problem. With ENGINE_THREADS > 0
     * it also bounds the read itself: its worker thread is terminated and replaced.
     */
    ENGINE_TIMEOUT_MS: intFrom(2000, 10, 60_000),
    /** Embedded engine: worker threads serving reads; 0 reads on the main thread (one core, and a slow query blocks every request). */
    ENGINE_THREADS: intFrom(DEFAULT_ENGINE_THREADS, 0, MAX_THREADS),
    /** Embedded engine: keep the postings region in memory, one copy for all workers (residentPostings). */
    ENGINE_RESIDENT_POSTINGS: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
    /** Embedded engine: read documents through SQLite's memory map of the index file (docsMmapBytes); its pages count in RSS. */
    ENGINE_DOCS_MMAP: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
    /** Requests per minute per client IP; 0 turns rate limiting off. */
    RATE_LIMIT_PER_MINUTE: intFrom(1200, 0, 1_000_000),
    /** Origins allowed to call the API from a browser (widgets on other sites). Empty: same origin only. */
    CORS_ORIGINS: list,
    /** Number of proxies in front of us, for client IPs in rate limiting and logs. */
    TRUST_PROXY: intFrom(0, 0, 10),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    SHUTDOWN_GRACE_MS: intFrom(10_000, 0, 600_000),
  })
  .superRefine((c, ctx) => {
    if (c.ENGINE === 'meilisearch' && !c.MEILI_URL) {
      ctx.addIssue({ code: 'custom', path: ['MEILI_URL'], message: 'MEILI_URL is required when ENGINE=meilisearch' });
    }
  });

export type AppConfig = z.infer<typeof ConfigSchema>;

/** Parses the environment; throws one readable error listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const parsed = ConfigSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

export function engineConfigOf(config: AppConfig): EngineConfig {
  if (config.ENGINE === 'meilisearch') {
    return {
      kind: 'meilisearch',
      url: config.MEILI_URL as string,
      apiKey: config.MEILI_API_KEY,
      indexName: config.MEILI_INDEX,
      timeoutMs: config.ENGINE_TIMEOUT_MS,
    };
  }
  return {
    kind: 'embedded',
    dataDir: config.DATA_DIR,
    indexName: config.MEILI_INDEX,
    threads: config.ENGINE_THREADS,
    queryTimeoutMs: config.ENGINE_TIMEOUT_MS,
    residentPostings: config.ENGINE_RESIDENT_POSTINGS,
    docsMmap: config.ENGINE_DOCS_MMAP,
  };
}
