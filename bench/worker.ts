/**
 * One measurement in its own process, so peak RSS, cold open and memory limits belong to that
 * measurement alone. The parent (bench/run.ts) passes a task as JSON and reads the result file.
 * Progress goes to stderr; the result is written to `task.out` as JSON.
 */
import { writeFileSync } from 'node:fs';
import { measurePeer, type PeerName } from './peers.js';
import { loadQuerySet } from './queries.js';

export type WorkerTask =
  | { mode: 'peer'; peer: PeerName; workDir: string; budgetMs: number; out: string }
  | { mode: 'ours-index'; source: 'docs' | 'raw'; workDir: string; indexDir: string; out: string }
  | { mode: 'ours-open'; indexDir: string; q: string; out: string }
  | { mode: 'ours-queries'; workDir: string; indexDir: string; budgetMs: number; out: string }
  | { mode: 'serve'; what: 'ours' | 'ceiling'; indexDir?: string; bodiesFile?: string; out: string };

const log = (m: string): void => void process.stderr.write(`${m}\n`);

async function main(): Promise<void> {
  const task = JSON.parse(process.argv[2]) as WorkerTask;
  const partial = (sofar: object): void => writeFileSync(`${task.out}.partial`, JSON.stringify(sofar));
  let result: unknown;
  switch (task.mode) {
    case 'peer':
      result = await measurePeer(task.peer, task.workDir, loadQuerySet(task.workDir), task.budgetMs, log, partial);
      break;
    case 'ours-index': {
      const { indexOurs } = await import('./ours.js');
      result = await indexOurs(task.source, task.workDir, task.indexDir, log);
      break;
    }
    case 'ours-open': {
      const { openCold } = await import('./ours.js');
      result = await openCold(task.indexDir, task.q);
      break;
    }
    case 'ours-queries': {
      const { queryOurs } = await import('./ours.js');
      result = await queryOurs(task.indexDir, loadQuerySet(task.workDir), task.budgetMs, log, partial);
      break;
    }
    case 'serve': {
      const { serve } = await import('./http/serve.js');
      // Stays up until the parent stops it; a clean exit on SIGTERM lets --cpu-prof write its profile.
      process.on('SIGTERM', () => process.exit(0));
      await serve(task.what, task.indexDir, (port) => writeFileSync(task.out, JSON.stringify({ port })), task.bodiesFile);
      return;
    }
  }
  writeFileSync(task.out, JSON.stringify(result));
  process.exit(0);
}

main().catch((e: unknown) => {
  log(`worker failed: ${e instanceof Error ? e.stack : String(e)}`);
  process.exit(1);
});
