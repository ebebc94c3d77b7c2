/**
 * Peer measurement, run inside a worker process: stream the pre-tagged passages into the peer
 * (timed, with peak RSS), then every query class. The parent bounds it in time and memory.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runClasses, type ClassResults } from './classes.js';
import { buildStats, type BuildResult } from './measure.js';
import { passageBatches, type QuerySet } from './queries.js';
import { createFlexSearchPeer } from './targets/flexsearch.js';
import { createMiniSearchPeer } from './targets/minisearch.js';
import { createOramaPeer } from './targets/orama.js';
import { createSqlitePeer } from './targets/sqlite.js';
import type { PeerTarget } from './targets/types.js';

export const PEER_NAMES = ['sqlite', 'minisearch', 'orama', 'flexsearch'] as const;
export type PeerName = (typeof PEER_NAMES)[number];

export function createPeer(name: PeerName, workDir: string): PeerTarget {
  switch (name) {
    case 'sqlite':
      return createSqlitePeer(join(workDir, 'sqlite-peer.db'));
    case 'minisearch':
      return createMiniSearchPeer();
    case 'orama':
      return createOramaPeer();
    case 'flexsearch':
      return createFlexSearchPeer();
  }
}

export interface PeerResult extends ClassResults {
  name: string;
  version: string;
  build: BuildResult;
}

const BATCH = 1000;

export async function measurePeer(name: PeerName, workDir: string, qs: QuerySet, budgetMs: number, log: (m: string) => void, partial: (sofar: object) => void): Promise<PeerResult> {
  const peer = createPeer(name, workDir);
  let passages = 0;
  let textBytes = 0;
  let indexing = 0;
  // Only the peer's own work is timed: JSON parsing of the input stream is excluded.
  for await (const batch of passageBatches(join(workDir, 'passages.jsonl'), BATCH)) {
    for (const d of batch) textBytes += Buffer.byteLength(d.text);
    const t = performance.now();
    await peer.add(batch);
    indexing += performance.now() - t;
    passages += batch.length;
    // The parent reads this to say how far a peer got when it is stopped at the time bound.
    if (passages % 50_000 === 0) process.stderr.write(`progress ${passages}\n`);
  }
  const t = performance.now();
  await peer.finish();
  indexing += performance.now() - t;
  const seconds = indexing / 1000;
  log(`${name}: built ${passages} passages in ${seconds.toFixed(1)} s`);
  const build = buildStats(passages, seconds, textBytes, peer.sizeBytes());
  process.stderr.write('phase queries\n');
  const results = await runClasses(peer, qs, { budgetMs, unsupported: peer.unsupported, log: (m) => log(`${name} ${m}`), onClass: (sofar) => partial({ name: peer.name, version: peer.version, build, ...sofar }) });
  await peer.close();
  return { name: peer.name, version: peer.version, build, ...results };
}
