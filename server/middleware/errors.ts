/**
 * The one place where errors become HTTP: every failure leaves as application/problem+json with a
 * stable `code`. Engine and internal messages go to the log only, never to the client.
 */
import type { ErrorRequestHandler, RequestHandler } from 'express';
import {
  EngineAbortedError,
  EngineError,
  EngineTimeoutError,
  EngineUnavailableError,
  IndexNotFoundError,
  InvalidEngineRequestError,
} from '../../engine/errors.js';
import { HttpProblem } from '../problem.js';
import type { Metrics } from '../metrics.js';

const HTTP_PARAMS = new Set(['q', 'query', 'speaker', 'topic', 'place', 'organisation', 'month', 'from', 'to', 'sort', 'page', 'hitsPerPage', 'group', 'facets', 'limit']);

/** Seconds a client should wait before retrying after a 503 / 504. */
export const RETRY_AFTER_UNAVAILABLE = 5;
export const RETRY_AFTER_TIMEOUT = 1;

export function toProblem(err: unknown): HttpProblem {
  if (err instanceof HttpProblem) return err;
  if (err instanceof InvalidEngineRequestError) {
    // Adapters name parameters in their own terms; only names a client sent are worth echoing.
    const param = err.param && HTTP_PARAMS.has(err.param) ? err.param : undefined;
    return new HttpProblem(400, 'invalid_parameter', 'Invalid request parameter', { detail: err.message, param });
  }
  if (err instanceof EngineTimeoutError) {
    return new HttpProblem(504, 'engine_timeout', 'The search engine did not answer in time', {
      headers: { 'Retry-After': String(RETRY_AFTER_TIMEOUT) },
    });
  }
  if (err instanceof IndexNotFoundError) {
    return new HttpProblem(503, 'index_not_ready', 'There is no index to search yet', {
      headers: { 'Retry-After': String(RETRY_AFTER_UNAVAILABLE) },
    });
  }
  if (err instanceof EngineUnavailableError || err instanceof EngineError) {
    return new HttpProblem(503, 'engine_unavailable', 'The search engine is unavailable', {
      headers: { 'Retry-After': String(RETRY_AFTER_UNAVAILABLE) },
    });
  }
  const e = err as { type?: string; status?: number } | null;
  // body-parser's errors carry `type`; their messages are safe but we keep our own wording.
  if (e?.type === 'entity.parse.failed') return new HttpProblem(400, 'malformed_json', 'The request body is not valid JSON');
  if (e?.type === 'entity.too.large') return new HttpProblem(413, 'payload_too_large', 'The request body is too large');
  if (e?.type === 'encoding.unsupported' || e?.type === 'charset.unsupported') {
    return new HttpProblem(415, 'unsupported_encoding', 'The request body encoding is not supported');
  }
  if (typeof e?.status === 'number' && e.status >= 400 && e.status < 500) {
    return new HttpProblem(e.status, 'bad_request', 'Bad request');
  }
  return new HttpProblem(500, 'internal_error', 'Internal server error');
}

export function notFound(): RequestHandler {
  return (req, _res, next) => {
    next(new HttpProblem(404, 'not_found', 'No such route', { detail: `${req.method} ${req.path.slice(0, 200)} does not exist` }));
  };
}

export function problemHandler(metrics: Metrics): ErrorRequestHandler {
  return (err, req, res, _next) => {
    if (err instanceof EngineAbortedError || (res.headersSent && res.writableEnded)) {
      // The client left; there is nobody to answer.
      if (!res.headersSent) res.status(499).end();
      return;
    }
    const problem = toProblem(err);
    if (problem.status >= 500) req.log?.error({ err }, 'request failed');
    else req.log?.info({ code: problem.code, param: problem.param }, 'request rejected');
    metrics.errors.inc({ code: problem.code });
    if (res.headersSent) return res.end();
    res.status(problem.status).set(problem.headers).type('application/problem+json').send(JSON.stringify(problem.toBody()));
  };
}
