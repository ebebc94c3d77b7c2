/**
 * A tagging worker thread: loads one tagger and tags the articles the pool sends it. tag() is a
 * pure function of its input, so which worker tags which article does not change any result.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createTagger, type TaggerOptions } from './tagging/tagger.js';
import type { TagInput } from './tagging/types.js';

export type WorkerCall = { type: 'tag'; input: TagInput } | { type: 'tagDetailed'; input: TagInput } | { type: 'learned' };
export type WorkerRequest = WorkerCall & { seq: number };
export type WorkerReply =
  | { type: 'ready' }
  | { type: 'result'; seq: number; result: unknown }
  | { type: 'error'; seq: number; message: string };

const port = parentPort;
if (port) {
  const tagger = createTagger((workerData as { options?: Partial<TaggerOptions> } | undefined)?.options ?? {});
  const reply = (m: WorkerReply) => port.postMessage(m);
  port.on('message', (m: WorkerRequest) => {
    try {
      const result = m.type === 'tag' ? tagger.tag(m.input) : m.type === 'tagDetailed' ? tagger.tagDetailed(m.input) : tagger.learned();
      reply({ type: 'result', seq: m.seq, result });
    } catch (err) {
      reply({ type: 'error', seq: m.seq, message: err instanceof Error ? err.message : String(err) });
    }
  });
  reply({ type: 'ready' });
}
