/**
 * The one place that talks to Meilisearch: a deadline on every call, task waiting with status
 * checks, and error mapping to engine/errors.ts. Messages name the operation, HTTP status and
 * Meilisearch's error *code* only: never its message text, a URL or a key, so nothing a user
 * typed or a secret can travel into logs or responses through an error.
 */
import { Meilisearch, MeilisearchApiError, MeilisearchRequestError, MeilisearchTaskTimeOutError } from 'meilisearch';
import type { EnqueuedTaskPromise, Task } from 'meilisearch';
import {
  EngineAbortedError,
  EngineError,
  EngineTimeoutError,
  EngineUnavailableError,
  EngineWriteError,
  IndexNotFoundError,
} from '../errors.js';

export interface TransportOptions {
  url: string;
  apiKey: string | undefined;
  timeoutMs: number;
  taskTimeoutMs: number;
  taskPollIntervalMs: number;
}

/** What an error keeps of Meilisearch's answer: enough for an operator, nothing user-supplied. */
export interface SanitizedCause {
  name: string;
  status?: number;
  code?: string;
}

export class Transport {
  /** Held privately so that logging the engine object cannot print the key inside the client config. */
  readonly #client: Meilisearch;
  readonly #timeoutMs: number;
  readonly #taskTimeoutMs: number;
  readonly #interval: number;

  constructor(opts: TransportOptions) {
    this.#client = new Meilisearch({
      host: opts.url,
      apiKey: opts.apiKey,
      // Backstop for client methods that take no signal; call() enforces the same deadline itself.
      timeout: opts.timeoutMs,
      clientAgents: ['newsfacets'],
    });
    this.#timeoutMs = opts.timeoutMs;
    this.#taskTimeoutMs = opts.taskTimeoutMs;
    this.#interval = opts.taskPollIntervalMs;
  }

  /**
   * Runs one request under the deadline and the caller's signal. The client's own timeout is not
   * enough: when a signal is passed it never attaches its timer to fetch (meilisearch-js 0.62
   * getTimeoutFn), so the deadline is our AbortSignal plus a race.
   */
  async call<T>(op: string, fn: (client: Meilisearch, signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (signal?.aborted) throw new EngineAbortedError();
    const deadline = AbortSignal.timeout(this.#timeoutMs);
    const combined = signal ? AbortSignal.any([signal, deadline]) : deadline;
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => reject(new Error('aborted'));
      combined.addEventListener('abort', onAbort, { once: true });
    });
    try {
      return await Promise.race([fn(this.#client, combined), aborted]);
    } catch (err) {
      if (signal?.aborted) throw new EngineAbortedError('aborted', { cause: sanitize(err) });
      if (deadline.aborted) throw new EngineTimeoutError(`Meilisearch ${op} timed out after ${this.#timeoutMs} ms`, { cause: sanitize(err) });
      throw mapError(op, err, this.#timeoutMs);
    } finally {
      if (onAbort) combined.removeEventListener('abort', onAbort);
      aborted.catch(() => {});
    }
  }

  /**
   * Enqueues a task and waits for it (the client's 5 s default is too short for big batches).
   * A task that ends in any state but `succeeded` is an EngineWriteError naming its uid and code,
   * unless its error code is in `tolerate` (e.g. deleting an index that is already gone).
   */
  async task(op: string, fn: (client: Meilisearch) => EnqueuedTaskPromise, tolerate: readonly string[] = []): Promise<Task> {
    let task: Task;
    try {
      task = await fn(this.#client).waitTask({ timeout: this.#taskTimeoutMs, interval: this.#interval });
    } catch (err) {
      if (err instanceof MeilisearchTaskTimeOutError) {
        throw new EngineTimeoutError(
          `Meilisearch task ${err.cause.taskUid} (${op}) not finished after ${this.#taskTimeoutMs} ms`,
          { cause: sanitize(err) },
        );
      }
      throw mapError(op, err, this.#timeoutMs);
    }
    if (task.status !== 'succeeded' && !(task.error && tolerate.includes(task.error.code))) {
      const code = task.error?.code ?? 'no_error_code';
      const err = new EngineWriteError(`Meilisearch task ${task.uid} (${op}, ${task.type}) ${task.status}: ${code}`);
      throw Object.assign(err, { taskUid: task.uid, taskErrorCode: code });
    }
    return task;
  }
}

export function sanitize(err: unknown): SanitizedCause {
  if (err instanceof MeilisearchApiError) {
    return { name: err.name, status: err.response?.status, code: err.cause?.code };
  }
  if (err instanceof Error) return { name: err.name };
  return { name: typeof err };
}

export function mapError(op: string, err: unknown, timeoutMs: number): EngineError {
  if (err instanceof EngineError) return err;
  const cause = sanitize(err);
  if (err instanceof MeilisearchApiError) {
    const status = err.response?.status ?? 0;
    const code = err.cause?.code ?? 'no_error_code';
    if (code === 'index_not_found') return new IndexNotFoundError(`Meilisearch ${op}: index not found (run the indexer)`, { cause });
    if (status === 401 || status === 403) {
      return new EngineUnavailableError(`Meilisearch ${op} refused: HTTP ${status} ${code} (check the API key setting)`, { cause });
    }
    return new EngineUnavailableError(`Meilisearch ${op} failed: HTTP ${status} ${code}`, { cause });
  }
  if (err instanceof MeilisearchRequestError) {
    const inner = (err as { cause?: unknown }).cause;
    if (inner instanceof Error && inner.name === 'MeilisearchRequestTimeOutError') {
      return new EngineTimeoutError(`Meilisearch ${op} timed out after ${timeoutMs} ms`, { cause });
    }
    return new EngineUnavailableError(`Meilisearch unreachable during ${op}`, { cause });
  }
  if (err instanceof SyntaxError) return new EngineUnavailableError(`Meilisearch ${op}: unreadable response`, { cause });
  return new EngineUnavailableError(`Meilisearch ${op} failed (${cause.name})`, { cause });
}

/** A refusal by key permissions (e.g. a search-only key on an admin route). */
export function isForbidden(err: unknown): boolean {
  const status = err instanceof EngineError ? (err.cause as SanitizedCause | undefined)?.status : undefined;
  return status === 401 || status === 403;
}
