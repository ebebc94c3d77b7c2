/**
 * Child process for the storage tests: writes to an embedded index in ways the parent interrupts.
 *   flip <dataDir> <rounds>   replace the index `rounds` times, alternating corpora x (30) and y (40)
 *   stage <dataDir> <count>   stage `count` passages, print "commit", commit, print "done"
 */
import { createEmbeddedEngine } from '../../engine/embedded/index.js';
import { passage } from './fixture.js';

const [mode, dataDir, n] = process.argv.slice(2);
const engine = createEmbeddedEngine({ dataDir });
const corpus = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => passage(`${prefix}${Math.floor(i / 10)}`, i % 10, `${prefix} passage number ${i} about the border`));

if (mode === 'flip') {
  for (let round = 0; round < Number(n); round++) {
    const w = await engine.beginWrite('replace');
    await w.putArticles(round % 2 === 0 ? corpus('y', 40) : corpus('x', 30));
    await w.commit();
  }
} else if (mode === 'stage') {
  const w = await engine.beginWrite('replace');
  const docs = corpus('z', Number(n));
  for (let i = 0; i < docs.length; i += 500) await w.putArticles(docs.slice(i, i + 500));
  process.stdout.write('commit\n');
  await w.commit();
  process.stdout.write('done\n');
}
await engine.close();
