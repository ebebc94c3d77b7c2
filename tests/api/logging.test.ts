/**
 * Logs: pino JSON, a request id on every line of a request, keys and tokens never written.
 */
import { Writable } from 'node:stream';
import request from 'supertest';
import { buildSeedIndex, testApp, type SeedIndex } from '../helpers/seed-index.js';
import { createLogger } from '../../server/logger.js';

let seeds: SeedIndex;
beforeAll(async () => {
  seeds = await buildSeedIndex();
});
afterAll(async () => {
  await seeds.cleanup();
});

function capture() {
  const lines: Record<string, unknown>[] = [];
  const raw: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      for (const line of String(chunk).split('\n').filter(Boolean)) {
        raw.push(line);
        lines.push(JSON.parse(line));
      }
      done();
    },
  });
  return { lines, raw, logger: createLogger('info', stream) };
}

test('every request line carries the request id; secrets are redacted', async () => {
  const { lines, raw, logger } = capture();
  const app = testApp(seeds.engine, { logger });
  await request(app)
    .get('/search')
    .query({ q: 'kashmir' })
    .set('x-request-id', 'req-42')
    .set('authorization', 'Bearer SECRET-TOKEN-123')
    .set('x-api-key', 'SECRET-KEY-456')
    .set('cookie', 'session=SECRET-COOKIE-789')
    .expect(200);
  await request(app).get('/search').query({ page: '0' }).set('x-request-id', 'req-43').expect(400);
  const requestLines = lines.filter((l) => l.req || l.code);
  expect(requestLines.length).toBeGreaterThanOrEqual(3);
  for (const l of requestLines) expect(['req-42', 'req-43']).toContain((l.req as { id: string }).id);
  const all = raw.join('\n');
  for (const secret of ['SECRET-TOKEN-123', 'SECRET-KEY-456', 'SECRET-COOKIE-789']) expect(all).not.toContain(secret);
  expect(all).toContain('[redacted]');
  const done = lines.find((l) => l.msg === 'request completed' && (l.req as { id: string }).id === 'req-42');
  expect(done).toMatchObject({ level: 30, res: { statusCode: 200 } });
});

test('a configuration object logged at boot has its Meilisearch keys redacted', () => {
  const { raw, logger } = capture();
  logger.info({ config: { MEILI_URL: 'http://m:7700', MEILI_API_KEY: 'search-key-SECRET', MEILI_ADMIN_KEY: 'admin-SECRET' } }, 'starting');
  expect(raw.join('')).not.toContain('SECRET');
});
