/**
 * One engine worker thread: the in-thread embedded engine over the same index (its own Snapshot,
 * caches and CURRENT checks, so it picks up new generations by itself), serving one read at a time.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Engine } from '../../types.js';
import { createEmbeddedEngine, type EmbeddedEngineOptions } from '../index.js';
import { toWire, type ReadCall, type WorkerReply } from './wire.js';

const port = parentPort;
if (port) {
  const engine = createEmbeddedEngine({ ...(workerData as EmbeddedEngineOptions), threads: 0 });
  const reply = (m: WorkerReply) => port.postMessage(m);
  port.on('message', (call: ReadCall) => {
    const method = engine[call.op] as (...args: unknown[]) => Promise<unknown>;
    method.apply(engine, call.args).then(
      (value) => reply({ type: 'result', seq: call.seq, value }),
      (err: unknown) => reply({ type: 'error', seq: call.seq, error: toWire(err) }),
    );
  });
  // Open the index before taking requests, so a replacement worker does not charge its cold
  // open to the first query it serves. A missing index is not a failure here: ready() says so.
  void (engine as Engine)
    .ready()
    .catch(() => undefined)
    .then(() => reply({ type: 'ready' }));
}
