/** Options of the Meilisearch adapter, with defaults, checked once at construction. */

export interface MeilisearchEngineOptions {
  /** e.g. http://meilisearch:7700 */
  url: string;
  /** Search key (API) or admin key (indexer). Never logged, never put in an error message. */
  apiKey: string | undefined;
  /** Passage index uid; the vocabulary lives in `${indexName}_words`. */
  indexName: string;
  /** Deadline of every HTTP call. */
  timeoutMs: number;
  /** Documents per write task. */
  batchSize?: number;
  /** How long to wait for one task (settings, a batch, a swap) to finish. */
  taskTimeoutMs?: number;
  taskPollIntervalMs?: number;
}

export type ResolvedMeilisearchOptions = Required<Omit<MeilisearchEngineOptions, 'apiKey'>> & { apiKey: string | undefined };

export const MEILISEARCH_DEFAULTS = {
  timeoutMs: 2_000,
  batchSize: 1_000,
  taskTimeoutMs: 10 * 60_000,
  taskPollIntervalMs: 50,
} as const;

/** Index uids: Meilisearch allows [A-Za-z0-9_-]; we keep room for the `_words__next` suffixes. */
const INDEX_NAME = /^[A-Za-z0-9_-]{1,200}$/;

function fail(option: string, rule: string, got: unknown): never {
  // Never echo apiKey: the only option whose value is a secret.
  const shown = option === 'apiKey' ? '(hidden)' : JSON.stringify(got);
  throw new Error(`MeilisearchEngine: option "${option}" ${rule}, got ${shown}`);
}

function positiveInt(name: string, v: unknown, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v <= 0 || v > max) fail(name, `must be an integer in 1..${max}`, v);
  return v;
}

export function resolveMeilisearchOptions(o: MeilisearchEngineOptions): ResolvedMeilisearchOptions {
  let url: URL | undefined;
  try {
    url = new URL(o.url);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) fail('url', 'must be an http(s) URL', o.url);
  if (url.username || url.password) fail('url', 'must not carry credentials (use the apiKey option)', `${url.protocol}//…@${url.host}`);
  if (o.apiKey !== undefined && (typeof o.apiKey !== 'string' || o.apiKey.length === 0)) fail('apiKey', 'must be a non-empty string when given', o.apiKey);
  if (typeof o.indexName !== 'string' || !INDEX_NAME.test(o.indexName)) fail('indexName', 'must match [A-Za-z0-9_-]{1,200}', o.indexName);
  return {
    url: o.url,
    apiKey: o.apiKey,
    indexName: o.indexName,
    timeoutMs: positiveInt('timeoutMs', o.timeoutMs ?? MEILISEARCH_DEFAULTS.timeoutMs, 600_000),
    batchSize: positiveInt('batchSize', o.batchSize ?? MEILISEARCH_DEFAULTS.batchSize, 100_000),
    taskTimeoutMs: positiveInt('taskTimeoutMs', o.taskTimeoutMs ?? MEILISEARCH_DEFAULTS.taskTimeoutMs, 24 * 3_600_000),
    taskPollIntervalMs: positiveInt('taskPollIntervalMs', o.taskPollIntervalMs ?? MEILISEARCH_DEFAULTS.taskPollIntervalMs, 60_000),
  };
}
