/**
 * Every engine call goes through here: a deadline (→ EngineTimeoutError → 504), cancellation
 * when the client goes away (a superseded keystroke stops costing work), and a duration metric.
 */
import type { Request } from 'express';
import { EngineAbortedError, EngineTimeoutError } from '../engine/errors.js';
import type { Metrics } from './metrics.js';

export type EngineCall = <T>(op: string, req: Request, fn: (signal: AbortSignal) => Promise<T>) => Promise<T>;

export function createEngineCall(timeoutMs: number, metrics: Metrics): EngineCall {
  return async (op, req, fn) => {
    const controller = new AbortController();
    // The response's 'close' fires when it was sent or when the connection died; only an
    // unfinished response means the client left.
    const res = req.res;
    const onClose = () => {
      if (!res?.writableFinished) controller.abort(new EngineAbortedError('client closed the connection'));
    };
    res?.on('close', onClose);
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const err = new EngineTimeoutError(`engine call "${op}" exceeded ${timeoutMs} ms`);
        controller.abort(err);
        reject(err);
      }, timeoutMs);
    });
    const end = metrics.engineDuration.startTimer({ op });
    try {
      const value = await Promise.race([fn(controller.signal), deadline]);
      end({ outcome: 'ok' });
      return value;
    } catch (err) {
      end({ outcome: err instanceof EngineTimeoutError ? 'timeout' : 'error' });
      throw err;
    } finally {
      clearTimeout(timer);
      res?.off('close', onClose);
    }
  };
}
