import { createMeilisearchEngine } from '../../engine/meilisearch/index.js';
import { passageIndexSettings, wordIndexSettings } from '../../engine/meilisearch/settings.js';
import { wordId } from '../../engine/meilisearch/words.js';
import { EngineWriteError } from '../../engine/errors.js';
import type { PassageDoc } from '../../engine/types.js';
import { FakeMeili } from './fake-meili.js';
import { CONTRACT_PASSAGES } from '../fixtures/contract-passages.js';

const KEY = 'admin-key-d5e1f0c9-never-print';

/** A fixture passage re-keyed and re-worded: the writer only cares about ids and text. */
function passage(articleId: string, position: number, text: string): PassageDoc {
  return { ...CONTRACT_PASSAGES[0], id: `${articleId}-${position}`, articleId, position, text };
}

let fake: FakeMeili;
beforeEach(async () => {
  fake = await new FakeMeili().start();
});
afterEach(async () => {
  await fake.stop();
});

const engine = (batchSize = 2) =>
  createMeilisearchEngine({ url: fake.url, apiKey: KEY, indexName: 'passages', timeoutMs: 2000, batchSize, taskPollIntervalMs: 1 });

/** Every task-creating request is followed by polling of that very task before the next request. */
function expectEveryTaskAwaited(): void {
  const reqs = fake.requests;
  reqs.forEach((r, i) => {
    if (r.taskUid === undefined) return;
    const next = reqs.slice(i + 1).find((x) => !x.path.startsWith('/tasks/') || x.path === `/tasks/${r.taskUid}`);
    expect(next?.path).toBe(`/tasks/${r.taskUid}`);
  });
}

describe("'replace' run", () => {
  it('settings before documents into a build index, one atomic swap of both pairs, then the old generation is deleted', async () => {
    fake.handler = (r) => {
      if (r.method === 'DELETE' && r.path.endsWith('__next') && fake.requests.filter((x) => x.method === 'DELETE').length <= 2) {
        return { task: 'indexDeletion', outcome: { status: 'failed', error: { code: 'index_not_found', message: 'gone' } } };
      }
      if (r.method === 'POST' && r.path === '/indexes' && !(r.body as { uid: string }).uid.endsWith('__next')) {
        return { task: 'indexCreation', outcome: { status: 'failed', error: { code: 'index_already_exists', message: 'exists' } } };
      }
      return undefined;
    };
    const w = await engine().beginWrite('replace');
    await w.putArticles([passage('a1', 0, 'Border border fence'), passage('a1', 1, 'Afghan border'), passage('a2', 0, 'Kabul')]);
    expect(await w.listArticleIds()).toEqual(['a1', 'a2']);
    const stats = await w.commit();

    expect(fake.calls()).toEqual([
      'DELETE /indexes/passages__next',
      'DELETE /indexes/passages_words__next',
      'POST /indexes',
      'PATCH /indexes/passages__next/settings',
      'POST /indexes',
      'PATCH /indexes/passages_words__next/settings',
      'POST /indexes/passages__next/documents',
      'POST /indexes/passages__next/documents',
      'POST /indexes/passages_words__next/documents',
      'POST /indexes/passages_words__next/documents',
      'POST /indexes',
      'POST /indexes',
      'POST /swap-indexes',
      'DELETE /indexes/passages__next',
      'DELETE /indexes/passages_words__next',
      'POST /multi-search',
      'GET /indexes/passages/stats',
      'GET /indexes/passages',
    ]);
    const bodies = fake.requests.filter((r) => r.taskUid !== undefined).map((r) => r.body);
    expect(bodies[2]).toEqual({ uid: 'passages__next', primaryKey: 'id' });
    expect(bodies[3]).toEqual(passageIndexSettings());
    expect(bodies[4]).toEqual({ uid: 'passages_words__next', primaryKey: 'id' });
    expect(bodies[5]).toEqual(wordIndexSettings());
    expect((bodies[6] as PassageDoc[]).map((d) => d.id)).toEqual(['a1-0', 'a1-1']);
    expect((bodies[7] as PassageDoc[]).map((d) => d.id)).toEqual(['a2-0']);
    const words = [bodies[8], bodies[9]].flat() as Array<{ id: string; word: string; count: number }>;
    expect(Object.fromEntries(words.map((d) => [d.word, d.count]))).toEqual({ border: 2, fence: 1, afghan: 1, kabul: 1 });
    expect(words.every((d) => d.id === wordId(d.word))).toBe(true);
    expect(bodies[12]).toEqual([
      { indexes: ['passages', 'passages__next'], rename: false },
      { indexes: ['passages_words', 'passages_words__next'], rename: false },
    ]);
    expect(fake.requests.find((r) => r.path === '/indexes/passages__next/documents')?.query).toEqual({ primaryKey: 'id' });
    expectEveryTaskAwaited();
    expect(stats).toEqual({ passages: 0, articles: 0, sizeBytes: 4096, updatedAt: Date.parse('2026-01-02T00:00:00Z') });
    expect(fake.requests.every((r) => r.authorization === `Bearer ${KEY}`)).toBe(true);
  });

  it('a failed task is an EngineWriteError naming the task and its code; nothing is swapped in', async () => {
    fake.handler = (r) =>
      r.path === '/indexes/passages__next/documents'
        ? { task: 'documentAdditionOrUpdate', outcome: { status: 'failed', error: { code: 'invalid_document_id', message: `bad id; key ${KEY}` } } }
        : undefined;
    const w = await engine().beginWrite('replace');
    const err = await w.putArticles([passage('a1', 0, 'x')]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EngineWriteError);
    const uid = fake.requests.find((r) => r.path === '/indexes/passages__next/documents')?.taskUid;
    expect((err as Error).message).toBe(`Meilisearch task ${uid} (add 1 documents to passages__next, documentAdditionOrUpdate) failed: invalid_document_id`);
    expect((err as Error).message).not.toContain(KEY);
    await w.abort();
    expect(fake.calls().slice(-2)).toEqual(['DELETE /indexes/passages__next', 'DELETE /indexes/passages_words__next']);
    expect(fake.calls()).not.toContain('POST /swap-indexes');
    await expect(w.commit()).rejects.toThrow(/already aborted/);
  });

  it('putting an article twice in one run replaces its passages and their word counts', async () => {
    fake.handler = (r) => {
      if (r.path === '/indexes/passages__next/documents' && r.method === 'GET') {
        return { status: 200, body: { results: [{ id: 'a1-0', articleId: 'a1', text: 'old words' }, { id: 'a1-1', articleId: 'a1', text: 'old' }], offset: 0, limit: 1000, total: 2 } };
      }
      if (r.path === '/indexes/passages__next/documents/fetch') {
        return { status: 200, body: { results: [{ id: 'a1-0', articleId: 'a1', text: 'old words' }, { id: 'a1-1', articleId: 'a1', text: 'old' }], offset: 0, limit: 1000, total: 2 } };
      }
      return undefined;
    };
    const w = await engine(10).beginWrite('replace');
    await w.putArticles([passage('a1', 0, 'old words'), passage('a1', 1, 'old')]);
    await w.putArticles([passage('a1', 0, 'new words')]);
    await w.commit();
    const fetch = fake.requests.find((r) => r.path === '/indexes/passages__next/documents/fetch');
    expect(fetch?.body).toEqual({ filter: 'articleId = "a1"', fields: ['id', 'articleId', 'text'], limit: 1000, offset: 0 });
    const del = fake.requests.find((r) => r.path === '/indexes/passages__next/documents/delete-batch');
    expect(del?.body).toEqual(['a1-1']);
    const words = fake.requests.filter((r) => r.path === '/indexes/passages_words__next/documents' && r.method === 'POST').flatMap((r) => r.body as Array<{ word: string; count: number }>);
    expect(Object.fromEntries(words.map((d) => [d.word, d.count]))).toEqual({ new: 1, words: 1 });
  });
});

describe('passage validation', () => {
  it('an id Meilisearch would refuse fails the call that brings it, before any document is sent', async () => {
    const w = await engine().beginWrite('replace');
    const sent = fake.calls().length;
    await expect(w.putArticles([passage('a1', 0, 'x'), { ...passage('a1', 1, 'y'), id: 'a1/1' }])).rejects.toThrow(
      'passage "a1/1": Meilisearch ids must match [A-Za-z0-9_-]{1,511}',
    );
    expect(fake.calls()).toHaveLength(sent);
  });
});

describe("'incremental' run", () => {
  it('writes nothing before commit; then adds new passages before deleting the vanished ones, and moves word counts', async () => {
    fake.handler = (r) => {
      if (r.path === '/indexes/passages/documents/fetch') {
        return { status: 200, body: { results: [{ id: 'a1-0', articleId: 'a1', text: 'fence' }, { id: 'a1-1', articleId: 'a1', text: 'fence wall' }], offset: 0, limit: 1000, total: 2 } };
      }
      if (r.path === '/indexes/passages_words/documents' && r.method === 'GET') {
        return { status: 200, body: { results: [{ word: 'fence', count: 5 }, { word: 'wall', count: 1 }], offset: 0, limit: 1000, total: 2 } };
      }
      return undefined;
    };
    const w = await engine(10).beginWrite('incremental');
    const prep = fake.calls();
    expect(prep).toEqual(['POST /indexes', 'PATCH /indexes/passages/settings', 'POST /indexes', 'PATCH /indexes/passages_words/settings']);
    await w.putArticles([passage('a1', 0, 'fence gate')]);
    expect(fake.calls()).toEqual(prep);
    await w.commit();
    expect(fake.calls().slice(prep.length, prep.length + 5)).toEqual([
      'POST /indexes/passages/documents/fetch',
      'POST /indexes/passages/documents',
      'POST /indexes/passages/documents/delete-batch',
      'GET /indexes/passages_words/documents',
      'POST /indexes/passages_words/documents',
    ]);
    expect(fake.requests.find((r) => r.path === '/indexes/passages/documents/delete-batch')?.body).toEqual(['a1-1']);
    const wordsGet = fake.requests.find((r) => r.path === '/indexes/passages_words/documents' && r.method === 'GET');
    expect(wordsGet?.query.ids?.split(',').sort()).toEqual([wordId('gate'), wordId('fence'), wordId('wall')].sort());
    const upserted = fake.requests.find((r) => r.path === '/indexes/passages_words/documents' && r.method === 'POST')?.body;
    // fence: 5 - 2 old passages + 1 new = 4; gate: new; wall: 1 - 1 = 0 → deleted.
    expect(upserted).toEqual([
      { id: wordId('fence'), word: 'fence', count: 4 },
      { id: wordId('gate'), word: 'gate', count: 1 },
    ]);
    expect(fake.requests.find((r) => r.path === '/indexes/passages_words/documents/delete-batch')?.body).toEqual([wordId('wall')]);
    expect(fake.calls()).not.toContain('POST /swap-indexes');
    expectEveryTaskAwaited();
  });
});

describe("'incremental' deletes", () => {
  it('deleteArticles and deletePassages read the old text (for word counts), then delete by id', async () => {
    fake.handler = (r) => {
      if (r.path === '/indexes/passages/documents/fetch') {
        return { status: 200, body: { results: [{ id: 'u6-0', articleId: 'u6', text: 'Zürich refugees' }], offset: 0, limit: 1000, total: 1 } };
      }
      if (r.path === '/indexes/passages/documents' && r.method === 'GET') {
        return { status: 200, body: { results: [{ id: 'k1-2', articleId: 'k1', text: 'Tarar' }], offset: 0, limit: 1000, total: 1 } };
      }
      if (r.path === '/indexes/passages_words/documents' && r.method === 'GET') {
        return { status: 200, body: { results: [{ word: 'zurich', count: 1 }, { word: 'refugees', count: 3 }, { word: 'tarar', count: 1 }], offset: 0, limit: 1000, total: 3 } };
      }
      return undefined;
    };
    const w = await engine(10).beginWrite('incremental');
    await w.deleteArticles(['u6']);
    await w.deletePassages(['k1-2']);
    await w.commit();
    const fetch = fake.requests.find((r) => r.path === '/indexes/passages/documents/fetch');
    expect(fetch?.body).toEqual({ filter: 'articleId = "u6"', fields: ['id', 'articleId', 'text'], limit: 1000, offset: 0 });
    expect(fake.requests.find((r) => r.path === '/indexes/passages/documents' && r.method === 'GET')?.query).toEqual({
      ids: 'k1-2', fields: 'id,articleId,text', limit: '1000', offset: '0',
    });
    expect(fake.requests.filter((r) => r.path === '/indexes/passages/documents/delete-batch').map((r) => r.body)).toEqual([['u6-0'], ['k1-2']]);
    expect(fake.requests.find((r) => r.path === '/indexes/passages_words/documents' && r.method === 'POST')?.body).toEqual([
      { id: wordId('refugees'), word: 'refugees', count: 2 },
    ]);
    expect((fake.requests.find((r) => r.path === '/indexes/passages_words/documents/delete-batch')?.body as string[]).sort()).toEqual(
      [wordId('zurich'), wordId('tarar')].sort(),
    );
  });
});
