/**
 * The deployment files: the compose file checked as data (services, start order, healthcheck,
 * pinned image, where keys go) and by the Compose tool's own `config` where one is installed
 * (no Docker engine runs here, so nothing is started).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { indexerKeySpec, searchKeySpec } from '../../engine/meilisearch/keys.js';

interface Service {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: string[];
}
const compose = parse(readFileSync('docker-compose.yml', 'utf8'), { merge: true }) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const s = compose.services;

describe('docker-compose.yml', () => {
  it('has Meilisearch pinned to a v1.x release, production mode, no analytics, data volume, curl healthcheck', () => {
    expect(s.meilisearch.image).toMatch(/^getmeili\/meilisearch:v1\.\d+\.\d+$/);
    expect(s.meilisearch.environment).toEqual({
      MEILI_MASTER_KEY: expect.stringMatching(/^\$\{MEILI_MASTER_KEY:\?/),
      MEILI_ENV: 'production',
      MEILI_NO_ANALYTICS: 'true',
    });
    expect(s.meilisearch.volumes).toEqual(['meili_data:/meili_data']);
    expect(s.meilisearch.healthcheck?.test).toEqual(['CMD', 'curl', '-fsS', 'localhost:7700/health']);
    expect(Object.keys(compose.volumes).sort()).toEqual(['keys', 'meili_data']);
  });

  it('starts keys, then the one-shot indexer, then the API, each only after the previous step succeeded', () => {
    expect(Object.keys(s).sort()).toEqual(['api', 'indexer', 'keys', 'meilisearch']);
    expect(s.keys.depends_on).toEqual({ meilisearch: { condition: 'service_healthy' } });
    expect(s.indexer.depends_on).toEqual({
      meilisearch: { condition: 'service_healthy' },
      keys: { condition: 'service_completed_successfully' },
    });
    expect(s.api.depends_on).toEqual({
      meilisearch: { condition: 'service_healthy' },
      indexer: { condition: 'service_completed_successfully' },
    });
    expect(s.indexer.command?.join(' ')).toMatch(/exec npm run index$/);
    expect(s.api.command?.join(' ')).toMatch(/exec npm start$/);
    expect(s.api.ports).toEqual(['${PORT:-3000}:3000']);
  });

  it('indexer and API run ENGINE=meilisearch; the master key reaches only meilisearch and keys', () => {
    for (const name of ['indexer', 'api'] as const) {
      expect(s[name].environment).toMatchObject({ ENGINE: 'meilisearch', MEILI_URL: 'http://meilisearch:7700', MEILI_INDEX: '${MEILI_INDEX:-passages}' });
      expect(s[name].build).toBe('.');
      expect(JSON.stringify(s[name])).not.toContain('MASTER');
      expect(s[name].volumes).toEqual(['keys:/keys:ro']);
    }
    expect(s.indexer.command?.join(' ')).toContain('MEILI_ADMIN_KEY');
    expect(s.indexer.command?.join(' ')).toContain('/keys/indexer');
    expect(s.api.command?.join(' ')).toContain('MEILI_API_KEY');
    expect(s.api.command?.join(' ')).toContain('/keys/search');
    expect(JSON.stringify(s.api)).not.toContain('ADMIN');
    expect(s.keys.environment?.MEILI_MASTER_KEY).toMatch(/^\$\{MEILI_MASTER_KEY:\?/);
    expect(s.keys.command).toEqual(['npx', 'tsx', 'engine/meilisearch/keys-cli.ts']);
  });
});

describe('Dockerfile and .dockerignore', () => {
  const dockerfile = readFileSync('Dockerfile', 'utf8');
  it('builds on Node 20 with npm install of the locked runtime dependencies, copies the app, runs as the unprivileged user', () => {
    expect(dockerfile).toMatch(/^FROM node:20[-\w.]*$/m);
    expect(dockerfile).toMatch(/^RUN npm install --omit=dev\b/m);
    expect(dockerfile).toMatch(/^COPY .*\. \.$/m);
    expect(dockerfile).toMatch(/^USER node$/m);
  });
  it('keeps local state, secrets and dependencies out of the build context', () => {
    const ignored = readFileSync('.dockerignore', 'utf8').split('\n');
    for (const p of ['node_modules', 'data', '.git', '.env']) expect(ignored).toContain(p);
  });
});

describe('keys', () => {
  it('the API key can only search the deployment’s indexes; the indexer key cannot manage keys', () => {
    expect(searchKeySpec('passages')).toMatchObject({ actions: ['search'], indexes: ['passages', 'passages_words'], expiresAt: null });
    const indexer = indexerKeySpec('passages');
    expect(indexer.indexes).toEqual(['passages*']);
    expect(indexer.actions).not.toContain('*');
    expect(indexer.actions.some((a) => a.startsWith('keys'))).toBe(false);
    expect(indexer.actions).toEqual(expect.arrayContaining(['documents.*', 'indexes.*', 'settings.*', 'tasks.get']));
  });
});

describe('docker compose config', () => {
  // The file must validate with the Compose tool itself, not only as YAML. Either Compose v2
  // (`docker compose`) or Debian's docker-compose 1.29 will do; without either, say so.
  const tool = [['docker', 'compose'], ['docker-compose']].find(([cmd, ...sub]) => spawnSync(cmd, [...sub, 'version'], { stdio: 'ignore' }).status === 0);
  if (!tool) console.log('docker compose config: SKIPPED, neither `docker compose` nor `docker-compose` is installed (apt-get install docker-compose)');
  (tool ? it : it.skip)('validates docker-compose.yml with the Compose tool', () => {
    const [cmd, ...sub] = tool as string[];
    const res = spawnSync(cmd, [...sub, 'config', '--quiet'], {
      env: { ...process.env, MEILI_MASTER_KEY: 'compose-config-check-0123456789' },
      encoding: 'utf8',
    });
    expect(res.stderr.trim()).toBe('');
    expect(res.status).toBe(0);
  });
});
