/**
 * `npx tsx bench/profile-top.ts <file.cpuprofile> [n]`: the top frames of a V8 CPU profile by self
 * time (and by inclusive time for our own code), the evidence RESULTS.md asks for when a target is missed.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

function frameName(n: ProfileNode): string {
  const f = n.callFrame;
  const file = f.url.replace(/^file:\/\//, '').replace(/^.*\/(node_modules\/[^/]+|work\/main\/)/, '$1');
  return `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}`;
}

export function topFrames(profile: Profile, n: number): { self: [string, number][]; inclusive: [string, number][]; totalMs: number } {
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  const parent = new Map<number, number>();
  for (const x of profile.nodes) for (const c of x.children ?? []) parent.set(c, x.id);
  const self = new Map<string, number>();
  const incl = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    total += dt;
    const node = byId.get(id)!;
    const name = frameName(node);
    self.set(name, (self.get(name) ?? 0) + dt);
    // Inclusive time: each distinct frame on the stack once.
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const nm = frameName(byId.get(cur)!);
      if (seen.has(nm)) continue;
      seen.add(nm);
      incl.set(nm, (incl.get(nm) ?? 0) + dt);
    }
  });
  const top = (m: Map<string, number>, keep: (k: string) => boolean) => [...m].filter(([k]) => keep(k)).sort((a, b) => b[1] - a[1]).slice(0, n);
  return {
    self: top(self, (k) => !/^\((idle|program|root)\)/.test(k)),
    inclusive: top(incl, (k) => /(engine|server|indexer)\//.test(k)),
    totalMs: total,
  };
}

if (process.argv[1]?.endsWith('profile-top.ts')) {
  const [file, count] = process.argv.slice(2);
  if (!file) throw new Error('usage: npx tsx bench/profile-top.ts <file.cpuprofile> [n]');
  const { self, inclusive, totalMs } = topFrames(JSON.parse(readFileSync(file, 'utf8')) as Profile, Number(count ?? 15));
  const pct = (ms: number) => `${((ms / totalMs) * 100).toFixed(1)}%`;
  console.log(`total ${Math.round(totalMs)} ms sampled\n\nself time:`);
  for (const [k, ms] of self) console.log(`  ${pct(ms).padStart(6)}  ${Math.round(ms)} ms  ${k}`);
  console.log('\ninclusive (engine/server/indexer):');
  for (const [k, ms] of inclusive) console.log(`  ${pct(ms).padStart(6)}  ${Math.round(ms)} ms  ${k}`);
}
