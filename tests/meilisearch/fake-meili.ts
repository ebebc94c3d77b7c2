/**
 * A tiny HTTP stand-in that records what the real `meilisearch` client sends and answers with
 * minimal task JSON. It tests OUR request sequence (settings before documents, tasks awaited,
 * swap then delete), never search behaviour: that is the contract suite's job on a real server.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  path: string;
  query: Record<string, string>;
  body: unknown;
  authorization: string | undefined;
  /** Task uid this request enqueued, if any. */
  taskUid?: number;
}

export interface TaskOutcome {
  status: 'succeeded' | 'failed';
  error?: { code: string; message: string };
}

export type Reply = { status: number; body: unknown } | { task: string; outcome?: TaskOutcome } | 'hang';

export class FakeMeili {
  readonly requests: Recorded[] = [];
  /** Decides replies; return undefined for the defaults below. */
  handler: (r: Recorded) => Reply | undefined = () => undefined;
  #server = http.createServer((req, res) => this.#handle(req, res));
  #tasks = new Map<number, { type: string; outcome: TaskOutcome; indexUid: string | null }>();
  #nextUid = 1;
  url = '';

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  /** Requests other than task polling, as "METHOD /path". */
  calls(): string[] {
    return this.requests.filter((r) => !r.path.startsWith('/tasks/')).map((r) => `${r.method} ${r.path}`);
  }

  #handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      const rec: Recorded = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        body: raw ? JSON.parse(raw) : undefined,
        authorization: req.headers.authorization,
      };
      this.requests.push(rec);
      const reply = this.handler(rec) ?? this.#default(rec);
      if (reply === 'hang') return;
      if ('task' in reply) {
        const uid = this.#nextUid++;
        rec.taskUid = uid;
        const indexUid = rec.path.startsWith('/indexes/') ? rec.path.split('/')[2] : null;
        this.#tasks.set(uid, { type: reply.task, outcome: reply.outcome ?? { status: 'succeeded' }, indexUid });
        return this.#send(res, 202, { taskUid: uid, indexUid, status: 'enqueued', type: reply.task, enqueuedAt: new Date().toISOString() });
      }
      this.#send(res, reply.status, reply.body);
    });
  }

  #default(r: Recorded): Reply {
    const m = /^\/tasks\/(\d+)$/.exec(r.path);
    if (m) {
      const t = this.#tasks.get(Number(m[1]));
      if (!t) return { status: 404, body: { code: 'task_not_found', message: 'no', type: 'invalid_request', link: '' } };
      return {
        status: 200,
        body: {
          uid: Number(m[1]),
          batchUid: 1,
          indexUid: t.indexUid,
          status: t.outcome.status,
          type: t.type,
          canceledBy: null,
          error: t.outcome.error ? { ...t.outcome.error, type: 'invalid_request', link: '' } : null,
          duration: 'PT0.001S',
          enqueuedAt: new Date().toISOString(),
          startedAt: new Date().toISOString(),
          finishedAt: new Date().toISOString(),
        },
      };
    }
    if (r.method === 'POST' && r.path === '/indexes') return { task: 'indexCreation' };
    if (r.method === 'DELETE' && /^\/indexes\/[^/]+$/.test(r.path)) return { task: 'indexDeletion' };
    if (r.method === 'PATCH' && r.path.endsWith('/settings')) return { task: 'settingsUpdate' };
    if (r.method === 'POST' && r.path.endsWith('/documents')) return { task: 'documentAdditionOrUpdate' };
    if (r.method === 'POST' && r.path.endsWith('/documents/delete-batch')) return { task: 'documentDeletion' };
    if (r.method === 'POST' && r.path.endsWith('/documents/delete')) return { task: 'documentDeletion' };
    if (r.method === 'POST' && r.path === '/swap-indexes') return { task: 'indexSwap' };
    if (r.path.endsWith('/documents') || r.path.endsWith('/documents/fetch')) return { status: 200, body: { results: [], offset: 0, limit: 1000, total: 0 } };
    if (r.path === '/multi-search') {
      const queries = (r.body as { queries: unknown[] }).queries;
      return { status: 200, body: { results: queries.map(() => ({ hits: [], totalHits: 0, page: 1, hitsPerPage: 0, totalPages: 0, processingTimeMs: 0, query: '' })) } };
    }
    if (r.path.endsWith('/stats')) return { status: 200, body: { numberOfDocuments: 0, rawDocumentDbSize: 4096, isIndexing: false, fieldDistribution: {} } };
    if (r.path === '/health') return { status: 200, body: { status: 'available' } };
    if (/^\/indexes\/[^/]+$/.test(r.path)) return { status: 200, body: { uid: r.path.split('/')[2], primaryKey: 'id', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-02T00:00:00Z' } };
    return { status: 404, body: { code: 'not_found', message: 'no route', type: 'invalid_request', link: '' } };
  }

  #send(res: http.ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  }
}
