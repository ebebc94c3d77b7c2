/**
 * The real app (createApp with the InstantSearch routes and the built page) over the seed index,
 * listening on an ephemeral port for the browser.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildWeb } from '../../web/build.js';
import { instantSearchRoutes } from '../../server/instantsearch/index.js';
import { buildSeedIndex, testApp, type SeedIndex } from '../helpers/seed-index.js';

export interface RunningSite {
  baseUrl: string;
  seeds: SeedIndex;
  close(): Promise<void>;
}

export async function startSite(): Promise<RunningSite> {
  // Built into a temp folder so a concurrent `npm run build:web` cannot race the test.
  const webDir = mkdtempSync(path.join(tmpdir(), 'newsfacets-web-'));
  const [seeds] = await Promise.all([buildSeedIndex(), buildWeb({ outDir: webDir })]);
  const app = testApp(seeds.engine, { webDir, routers: [instantSearchRoutes] });
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    seeds,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections?.();
      await seeds.cleanup();
      rmSync(webDir, { recursive: true, force: true });
    },
  };
}
