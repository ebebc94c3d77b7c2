import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { splitCpu, threadCpuSeconds } from '../../bench/thread-cpu.js';

const linux = existsSync('/proc/self/task');
if (!linux) console.warn('thread-cpu: SKIPPED, no /proc/self/task on this system (the thread accounting reads Linux /proc)');
const onLinux = linux ? test : test.skip;

/** Spins until the process has used `ms` more CPU (getrusage, all threads), or 20 s of wall time pass. */
function spinCpu(ms: number): number {
  const start = process.cpuUsage();
  const deadline = Date.now() + 20_000;
  let x = 0;
  for (;;) {
    for (let i = 0; i < 10_000; i++) x += Math.sqrt(x + 1);
    const used = process.cpuUsage(start);
    if ((used.user + used.system) / 1000 >= ms || Date.now() > deadline) return x;
  }
}

describe('bench thread CPU accounting', () => {
  onLinux('reads the main thread by the process id and counts its work', () => {
    const before = threadCpuSeconds();
    const x = spinCpu(400);
    const after = threadCpuSeconds();
    expect(x).toBeGreaterThan(0);
    expect(after.has(process.pid)).toBe(true);
    // 400 ms of the process's CPU (getrusage), spent by this thread alone, is at least 0.2 s in /proc at the 10 ms tick.
    expect(after.get(process.pid)! - (before.get(process.pid) ?? 0)).toBeGreaterThanOrEqual(0.2);
  });

  onLinux('counts a thread started after the pool snapshot as tagging, not as a helper', async () => {
    const before = threadCpuSeconds();
    const known = new Set(before.keys());
    // The worker spins until its own thread has used 400 ms of CPU (its /proc/thread-self/stat): on
    // a loaded machine (jest runs test files side by side) wall time, or the whole process's CPU,
    // can be far less of this thread's.
    const worker = new Worker(
      `const fs = require('node:fs');
       const ticks = () => { const st = fs.readFileSync('/proc/thread-self/stat', 'utf8'); const f = st.slice(st.lastIndexOf(')') + 2).split(' '); return Number(f[11]) + Number(f[12]); };
       const start = ticks(); const deadline = Date.now() + 20000; let x = 0;
       while (ticks() - start < 40 && Date.now() < deadline) for (let i = 0; i < 100000; i++) x += Math.sqrt(x + 1);
       require('node:worker_threads').parentPort.postMessage(x);
       setInterval(() => {}, 1000); // alive (its thread in /proc) until terminated`,
      { eval: true },
    );
    await new Promise((resolve) => worker.once('message', resolve));
    const after = threadCpuSeconds();
    await worker.terminate();
    const split = splitCpu(before, known, after);
    expect(split.taggingS).toBeGreaterThanOrEqual(0.2);
  });

  test('splits by group with exact sums', () => {
    const pid = process.pid;
    const before = new Map([[pid, 1], [11, 2], [12, 0]]);
    const after = new Map([[pid, 4.25], [11, 2.5], [12, 0.5], [31, 7], [32, 6.04]]);
    expect(splitCpu(before, new Set([pid, 11, 12]), after)).toEqual({ mainS: 3.3, helpersS: 1, taggingS: 13 });
  });
});
