/**
 * One engine worker thread: the in-thread embedded engine over the same index (its own Snapshot,
 * caches and CURRENT checks, so it picks up new generations by itself), serving one read at a time.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Engine } from '../../types.js';
import { createEmbeddedEngine, type EmbeddedEngineOptions } from '../index.js';
import type { ResidentLoader } from '../resident.js';
import { toWire, type ReadCall, type ResidentDelivery, type WorkerReply } from './wire.js';

const port = parentPort;
if (port) {
  const reply = (m: WorkerReply) => port.postMessage(m);
  // Regions come from the pool, which keeps one copy for all workers.
  const pending = new Map<number, (bytes: Uint8Array | null) => void>();
  let nextId = 0;
  const loader: ResidentLoader = {
    load(region, done) {
      const id = nextId++;
      pending.set(id, done);
      reply({ type: 'resident-load', id, region });
      return () => {
        const waiting = pending.get(id);
        pending.delete(id);
        reply({ type: 'resident-release', id });
        waiting?.(null);
      };
    },
  };
  const engine = createEmbeddedEngine({ ...(workerData as EmbeddedEngineOptions), threads: 0 }, loader);
  port.on('message', (call: ReadCall | ResidentDelivery) => {
    if ('type' in call) {
      const done = pending.get(call.id);
      pending.delete(call.id);
      done?.(call.bytes);
      return;
    }
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
