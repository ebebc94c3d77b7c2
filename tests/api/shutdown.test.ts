/**
 * The real process: `server/main.ts` in a child. SIGTERM stops accepting, lets a request that is
 * already in flight finish, closes the engine and exits 0.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { buildSeedIndex, type SeedIndex } from '../helpers/seed-index.js';

let seeds: SeedIndex;
beforeAll(async () => {
  seeds = await buildSeedIndex();
});
afterAll(async () => {
  await seeds.cleanup();
});

function startServer(): Promise<{ child: ChildProcess; port: number; logs: string[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    env: { ...process.env, DATA_DIR: seeds.dataDir, HOST: '127.0.0.1', PORT: '0', BUILD_WEB: 'false', LOG_LEVEL: 'info', SHUTDOWN_GRACE_MS: '5000' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: string[] = [];
  return new Promise((resolve, reject) => {
    let buffer = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop() ?? '';
      for (const line of lines) {
        logs.push(line);
        const entry = JSON.parse(line) as { msg: string; address?: { port: number } };
        if (entry.msg === 'listening' && entry.address) resolve({ child, port: entry.address.port, logs });
      }
    });
    child.stderr?.on('data', (c: Buffer) => logs.push(c.toString()));
    child.on('exit', (code) => reject(new Error(`server exited early (${code}): ${logs.join('\n')}`)));
  });
}

test('SIGTERM: the in-flight request is answered, then the process exits 0', async () => {
  const { child, port, logs } = await startServer();
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const body = JSON.stringify({ requests: [{ indexName: 'passages', params: { query: 'kashmir', hitsPerPage: 1 } }] });
  const socket = net.connect(port, '127.0.0.1');
  await new Promise((r) => socket.once('connect', r));
  let response = '';
  socket.on('data', (c) => (response += c.toString()));
  // Headers and half the body: the request is in flight when the signal arrives.
  socket.write(`POST /instantsearch HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n`);
  socket.write(body.slice(0, 10));
  await new Promise((r) => setTimeout(r, 200));
  child.kill('SIGTERM');
  await new Promise((r) => setTimeout(r, 300));
  // New connections are refused now.
  const refused = await new Promise<boolean>((r) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => { s.destroy(); r(false); });
    s.once('error', () => r(true));
  });
  expect(refused).toBe(true);
  socket.write(body.slice(10));
  const code = await exited;
  socket.destroy();
  expect(response).toMatch(/^HTTP\/1\.1 200 OK/);
  expect(response).toContain('"nbHits"');
  expect(code).toBe(0);
  const messages = logs.map((l) => { try { return (JSON.parse(l) as { msg: string }).msg; } catch { return l; } });
  expect(messages).toEqual(expect.arrayContaining(['shutting down: no new connections, finishing in-flight requests', 'stopped']));
}, 60_000);
