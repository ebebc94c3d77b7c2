/**
 * The replay ceiling: the bare Express app serves recorded answers back unchanged, and recording
 * refuses error answers (replaying an error page would flatter the ceiling).
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { recordBodies } from '../../bench/http/client.js';
import { CEILING_BODY, ceilingApp } from '../../bench/http/serve.js';

const recorded = [{ totalHits: 3, hits: [{ id: 'a1-0' }] }, { totalHits: 0, hits: [] }];

test('/replay/:i answers recorded body i, and 404 outside the recording', async () => {
  const app = ceilingApp(recorded);
  expect((await request(app).get('/replay/1')).body).toEqual(recorded[1]);
  expect((await request(app).get('/replay/0')).body).toEqual(recorded[0]);
  expect((await request(app).get('/replay/2')).status).toBe(404);
  expect((await request(app).get('/replay/x')).status).toBe(404);
  expect((await request(app).get('/ceiling')).body).toEqual(CEILING_BODY);
});

describe('recordBodies', () => {
  let server: Server;
  let port: number;
  beforeAll(async () => {
    server = await new Promise<Server>((resolve) => {
      const s = ceilingApp(recorded).listen(0, '127.0.0.1', () => resolve(s));
    });
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('records each path once, in order, with the mean size as sent', async () => {
    const r = await recordBodies(port, ['/replay/0', '/replay/1', '/ceiling']);
    expect(r.bodies).toEqual([recorded[0], recorded[1], CEILING_BODY]);
    const sizes = [recorded[0], recorded[1], CEILING_BODY].map((b) => Buffer.byteLength(JSON.stringify(b)));
    expect(r.meanBytes).toBe(Math.round((sizes[0] + sizes[1] + sizes[2]) / 3));
  });

  test('an error answer fails the recording', async () => {
    await expect(recordBodies(port, ['/replay/0', '/replay/9'])).rejects.toThrow('HTTP 404 for /replay/9');
  });
});
