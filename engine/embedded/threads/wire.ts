/**
 * What crosses the thread boundary: read calls out, results or errors back. Values are
 * structured-cloned; errors are not (a clone loses the class), so they travel as their `code`
 * and come back as the same EngineError subclass with the same message.
 */
import { EngineAbortedError, EngineError, EngineTimeoutError, EngineUnavailableError, EngineWriteError, IndexNotFoundError, InvalidEngineRequestError } from '../../errors.js';
import type { Engine } from '../../types.js';
import type { Region } from '../resident.js';

/** The Engine port's reads: what a worker thread serves. Writes and close stay with the caller. */
export type ReadOp = 'search' | 'searchFacetValues' | 'completeWord' | 'getArticlePassages' | 'stats' | 'ready';
export type ReadArgs<Op extends ReadOp> = Parameters<Engine[Op]>;
export type ReadResult<Op extends ReadOp> = Awaited<ReturnType<Engine[Op]>>;

export interface ReadCall {
  seq: number;
  op: ReadOp;
  args: unknown[];
}

export interface WireError {
  name: string;
  message: string;
  code?: string;
  param?: string;
  stack?: string;
  cause?: { name: string; message: string };
}

export type WorkerReply =
  | { type: 'ready' }
  | { type: 'result'; seq: number; value: unknown }
  | { type: 'error'; seq: number; error: WireError }
  /** The worker's snapshot wants a region of its data file in memory (resident.ts); `id` is the worker's. */
  | { type: 'resident-load'; id: number; region: Region }
  | { type: 'resident-release'; id: number };

/** The pool's answer to resident-load: bytes on a SharedArrayBuffer (shared, not copied), or null. */
export interface ResidentDelivery {
  type: 'resident';
  id: number;
  bytes: Uint8Array | null;
}

function plain(err: unknown): { name: string; message: string } {
  return err instanceof Error ? { name: err.name, message: err.message } : { name: 'Error', message: String(err) };
}

export function toWire(err: unknown): WireError {
  const wire: WireError = { ...plain(err), stack: err instanceof Error ? err.stack : undefined };
  if (err instanceof EngineError) wire.code = err.code;
  if (err instanceof InvalidEngineRequestError) wire.param = err.param;
  if (err instanceof Error && err.cause !== undefined) wire.cause = plain(err.cause);
  return wire;
}

type Rebuild = (message: string, param: string | undefined, options: { cause?: unknown }) => EngineError;

/** Keyed by code, so a subclass added to engine/errors.ts without an entry here still arrives as an EngineError with its code. */
const BY_CODE: Record<string, Rebuild> = {
  engine_unavailable: (m, _p, o) => new EngineUnavailableError(m, o),
  engine_timeout: (m, _p, o) => new EngineTimeoutError(m, o),
  index_not_found: (m, _p, o) => new IndexNotFoundError(m, o),
  invalid_request: (m, p, o) => new InvalidEngineRequestError(m, p, o),
  engine_write_failed: (m, _p, o) => new EngineWriteError(m, o),
  aborted: (m, _p, o) => new EngineAbortedError(m, o),
};

export function fromWire(wire: WireError): Error {
  const options = wire.cause ? { cause: Object.assign(new Error(wire.cause.message), { name: wire.cause.name }) } : {};
  let err: Error;
  if (wire.code !== undefined) err = (BY_CODE[wire.code] ?? ((m, _p, o) => new EngineError(wire.code as string, m, o)))(wire.message, wire.param, options);
  else {
    err = new Error(wire.message, options);
    err.name = wire.name;
  }
  // The worker's stack says where it failed; the caller's would only show the message handler.
  if (wire.stack) err.stack = wire.stack;
  return err;
}
