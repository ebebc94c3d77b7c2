/**
 * CPU seconds per OS thread of this process (Linux /proc; empty elsewhere), so the raw indexing
 * run can say where its cores went: the indexing thread, the tagging workers, V8's helper threads.
 */
import { readdirSync, readFileSync } from 'node:fs';

/** tid → CPU seconds (user + system) so far. */
export function threadCpuSeconds(): Map<number, number> {
  const out = new Map<number, number>();
  let tids: string[];
  try {
    tids = readdirSync('/proc/self/task');
  } catch {
    return out;
  }
  const tick = 100; // USER_HZ: /proc reports clock ticks, 100 a second on Linux
  for (const tid of tids) {
    try {
      const stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
      // Fields after the parenthesised name: state is the 3rd field, utime the 14th, stime the 15th.
      const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(Number(tid), (Number(rest[11]) + Number(rest[12])) / tick);
    } catch {
      // The thread ended between the listing and the read.
    }
  }
  return out;
}

export interface RawRunCpu {
  /** The indexing (main) thread: loading, documents, the engine write and the final build. */
  mainS: number;
  /** Threads started with the tagging pool: the tagging workers. */
  taggingS: number;
  /** Threads that existed before the pool, other than the main one: V8's GC and compiler helpers, libuv. */
  helpersS: number;
  /** engine commit(): the build of the generation, on the main thread while the workers idle. */
  commitS: number;
  wallS: number;
}

/** CPU used since `before` by each group, given the threads that existed when the pool started. */
export function splitCpu(before: Map<number, number>, poolStart: Set<number>, after: Map<number, number>): Omit<RawRunCpu, 'commitS' | 'wallS'> {
  let mainS = 0;
  let taggingS = 0;
  let helpersS = 0;
  for (const [tid, s] of after) {
    const used = s - (before.get(tid) ?? 0);
    if (tid === process.pid) mainS += used;
    else if (poolStart.has(tid)) helpersS += used;
    else taggingS += used;
  }
  const r = (x: number) => Math.round(x * 10) / 10;
  return { mainS: r(mainS), taggingS: r(taggingS), helpersS: r(helpersS) };
}
