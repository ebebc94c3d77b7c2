/**
 * A keystroke superseded by the next one: the widget aborts the request, and the engine call
 * sees its signal aborted so it can stop working.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Engine, SearchRequest } from '../../engine/types.js';
import { buildSeedIndex, testApp, type SeedIndex } from '../helpers/seed-index.js';

let seeds: SeedIndex;
beforeAll(async () => {
  seeds = await buildSeedIndex();
});
afterAll(async () => {
  await seeds.cleanup();
});

test('a client that disconnects aborts the engine call’s signal; a client that waits does not', async () => {
  const seen: boolean[] = [];
  // The real engine, made slow so the client can leave first (fault injection, not a stand-in).
  const slow: Engine = Object.create(seeds.engine, {
    search: {
      value: async (req: SearchRequest) => {
        await new Promise((r) => setTimeout(r, 300));
        seen.push(req.signal?.aborted ?? false);
        return seeds.engine.search(req);
      },
    },
  });
  const server = testApp(slow).listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as AddressInfo;
  try {
    const abandoned = http.get({ port, host: '127.0.0.1', path: '/suggest?q=sanct' });
    abandoned.on('error', () => undefined);
    setTimeout(() => abandoned.destroy(), 50);
    const answered = await new Promise<number>((resolve, reject) => {
      http.get({ port, host: '127.0.0.1', path: '/suggest?q=sanctu' }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      }).on('error', reject);
    });
    expect(answered).toBe(200);
    await new Promise((r) => setTimeout(r, 100));
    expect(seen.sort()).toEqual([false, true]);
  } finally {
    server.close();
  }
});
