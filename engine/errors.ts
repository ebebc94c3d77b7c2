/**
 * Engine errors, as a small hierarchy so the server maps them to HTTP without knowing the adapter.
 * Messages are for operators' logs; the HTTP layer never shows them to API users.
 */
export class EngineError extends Error {
  /** Stable machine code, also used as the problem `code` where the error reaches HTTP. */
  readonly code: string;
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
  }
}

/** The engine cannot be reached or opened (file unreadable or locked, server down). → 503 */
export class EngineUnavailableError extends EngineError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('engine_unavailable', message, options);
  }
}

/** An engine call exceeded its deadline. → 504 */
export class EngineTimeoutError extends EngineError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('engine_timeout', message, options);
  }
}

/** There is no index yet (nothing indexed). → 503 */
export class IndexNotFoundError extends EngineError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('index_not_found', message, options);
  }
}

/**
 * The HTTP API's name for each filter field (the API names facets in the singular), so an
 * adapter's 400 names what the user sent, the same way on both engines.
 */
export const FILTER_PARAM_NAMES = {
  speakers: 'speaker',
  topics: 'topic',
  places: 'place',
  organisations: 'organisation',
  month: 'month',
  articleId: 'articleId',
  dateFrom: 'from',
  dateTo: 'to',
} as const;

/** The request cannot be expressed for this engine (e.g. a filter value too long). → 400 */
export class InvalidEngineRequestError extends EngineError {
  readonly param: string | undefined;
  constructor(message: string, param?: string, options?: { cause?: unknown }) {
    super('invalid_request', message, options);
    this.param = param;
  }
}

/** A write (indexing) failed; the serving index is untouched. */
export class EngineWriteError extends EngineError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('engine_write_failed', message, options);
  }
}

/** The caller aborted (client went away). Not an error worth a 5xx. */
export class EngineAbortedError extends EngineError {
  constructor(message = 'aborted', options?: { cause?: unknown }) {
    super('aborted', message, options);
  }
}
