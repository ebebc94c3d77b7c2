import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { splitCpu, threadCpuSeconds } from '../../bench/thread-cpu.js';

const linux = existsSync('/proc/self/task');
if (!linux) console.warn('thread-cpu: SKIPPED, no /proc/self/task on this system (the thread accounting reads Linux /proc)');
const onLinux = linux ? test : test.skip;

describe('bench thread CPU accounting', () => {
  onLinux('reads the main thread by the process id and counts its work', () => {
    const before = threadCpuSeconds();
    const until = performance.now() + 300;
    let x = 0;
    while (performance.now() < until) x += Math.sqrt(x + 1);
    const after = threadCpuSeconds();
    expect(x).toBeGreaterThan(0);
    expect(after.has(process.pid)).toBe(true);
    // 300 ms of spinning is at least 0.2 s of CPU at the 10 ms tick, even on a loaded machine.
    expect(after.get(process.pid)! - (before.get(process.pid) ?? 0)).toBeGreaterThanOrEqual(0.2);
  });

  onLinux('counts a thread started after the pool snapshot as tagging, not as a helper', async () => {
    const before = threadCpuSeconds();
    const known = new Set(before.keys());
    const worker = new Worker('const t = Date.now() + 400; let x = 0; while (Date.now() < t) x += Math.sqrt(x + 1); require("node:worker_threads").parentPort.postMessage(x);', { eval: true });
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
