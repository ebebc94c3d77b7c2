import { cpSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../../engine/index.js';
import type { Engine, PassageDoc, SearchRequest } from '../../engine/types.js';
import { runIndex, type RunSummary } from '../../indexer/run.js';
import { createTagger } from '../../indexer/tagging/tagger.js';

const tagger = createTagger();
const browse = (filters: SearchRequest['filters'] = {}): SearchRequest => ({
  q: '',
  filters,
  facets: [],
  sort: 'relevance',
  offset: 0,
  limit: 1000,
  groupByArticle: false,
});

async function allPassages(engine: Engine): Promise<PassageDoc[]> {
  const result = await engine.search(browse());
  return result.hits.map((h) => h.doc).sort((a, b) => a.id.localeCompare(b.id));
}

let root: string;
let input: string;
let engine: Engine;
const run = (extra: Partial<Parameters<typeof runIndex>[0]> = {}): Promise<RunSummary> =>
  runIndex({ paths: [input], engine, tagger, ...extra });

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'nf-run-'));
  input = join(root, 'input');
  cpSync('seeds', input, { recursive: true });
  engine = await createEngine({ kind: 'embedded', dataDir: join(root, 'data'), indexName: 'passages' });
});
afterAll(async () => {
  await engine?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('runIndex on the seeds with the embedded engine', () => {
  let first: RunSummary;
  let firstDocs: PassageDoc[];

  test('a first run builds the index (replace) and its summary matches what the engine holds', async () => {
    first = await run();
    firstDocs = await allPassages(engine);
    expect(first.mode).toBe('replace');
    expect(first.articles).toBe(5);
    expect(first.rejected).toEqual([]);
    expect(first.dates).toEqual({ header: 1, inferred: 1, unknown: 3 });
    expect(first.passages).toBe(firstDocs.length);
    expect(first.index).toMatchObject({ passages: firstDocs.length, articles: 5 });
    expect(first.speakers).toBe(new Set(firstDocs.flatMap((d) => d.speakers)).size);
    expect(first.topics).toBe(new Set(firstDocs.flatMap((d) => d.topics)).size);
    expect(first.places).toBe(new Set(firstDocs.flatMap((d) => d.places)).size);
    expect(first.passagesPerSecond).toBeGreaterThan(0);
    // Seed 004's date is inferred (2024-03-27); seed 000's comes from its date line.
    const vancouver = firstDocs.filter((d) => d.text.startsWith('VANCOUVER'));
    expect(vancouver.map((d) => [d.publishedAt, d.dateSource])).toEqual([[Date.UTC(2024, 2, 27) / 1000, 'inferred']]);
    const asif = await engine.search({ ...browse({ speakers: ['Khawaja Asif'] }), q: 'conducted mostly from Afghanistan' });
    expect(asif.hits.map((h) => h.doc.text)).toEqual(expect.arrayContaining([expect.stringContaining('“Terrorism is being conducted mostly from Afghanistan against us,” Asif told reporters')]));
  });

  test('the same input again is incremental and changes nothing: same ids, same documents', async () => {
    const again = await run();
    expect(again.mode).toBe('incremental');
    expect(again.passages).toBe(first.passages);
    expect(await allPassages(engine)).toEqual(firstDocs);
  });

  test('small batches give the same index as one batch (articles are never split across writes)', async () => {
    await run({ batchPassages: 1, mode: 'replace' });
    expect(await allPassages(engine)).toEqual(firstDocs);
  });

  test('a changed article replaces its passages', async () => {
    const path = join(input, 'changing.json');
    const long = Array.from({ length: 12 }, (_, i) => `Paragraph ${i}: the council met to discuss the budget and water supply for the district, members said.`).join('\n\n');
    writeFileSync(path, JSON.stringify({ id: 'changing', title: 'Council', date: '2024-05-01', text: long }));
    await run();
    const before = await engine.getArticlePassages('changing');
    expect(before.length).toBeGreaterThan(1);
    writeFileSync(path, JSON.stringify({ id: 'changing', title: 'Council, revised', date: '2024-05-02', text: 'The council cancelled its meeting.' }));
    const summary = await run();
    const after = await engine.getArticlePassages('changing');
    expect(after.map((d) => [d.id, d.title, d.text, d.publishedAt])).toEqual([
      ['changing-0', 'Council, revised', 'The council cancelled its meeting.', Date.UTC(2024, 4, 2) / 1000],
    ]);
    expect(summary.index.passages).toBe(first.passages + 1);
  });

  test('--prune deletes articles no longer in the input; without it they stay', async () => {
    unlinkSync(join(input, 'changing.json'));
    await run();
    expect(await engine.getArticlePassages('changing')).toHaveLength(1);
    const pruned = await run({ prune: true });
    expect(pruned.pruned).toBe(1);
    expect(await engine.getArticlePassages('changing')).toEqual([]);
    expect(await allPassages(engine)).toEqual(firstDocs);
  });

  test('--prune keeps an article whose record was rejected this time (a bad date), not deleted as gone', async () => {
    const path = join(input, 'dated.json');
    writeFileSync(path, JSON.stringify({ id: 'dated', date: '2024-02-28', text: 'The assembly met on Wednesday.' }));
    await run();
    writeFileSync(path, JSON.stringify({ id: 'dated', date: '2025-02-30', text: 'The assembly met on Wednesday.' }));
    const summary = await run({ prune: true });
    expect(summary.rejected).toEqual([{ origin: path, reason: 'date "2025-02-30" does not exist (February 2025 has 28 days)' }]);
    expect(summary.pruned).toBe(0);
    expect((await engine.getArticlePassages('dated')).map((d) => d.publishedAt)).toEqual([Date.UTC(2024, 1, 28) / 1000]);
    unlinkSync(path);
    await run({ prune: true });
  });

  test('a run that fails halfway leaves the serving index as it was', async () => {
    const before = await allPassages(engine);
    const controller = new AbortController();
    let tagged = 0;
    const failing = {
      tag: (input: Parameters<typeof tagger.tag>[0]) => {
        if (++tagged === 3) controller.abort(new Error('stop'));
        return tagger.tag(input);
      },
    };
    await expect(run({ tagger: failing, mode: 'replace', batchPassages: 1, signal: controller.signal })).rejects.toMatchObject({ name: 'IndexerError', message: 'Indexer: run aborted' });
    expect(await allPassages(engine)).toEqual(before);
    // The engine is writable again afterwards (the failed run released its write).
    expect((await run()).index.passages).toBe(before.length);
  });

  test('an input with nothing indexable is fatal and leaves the index as it was', async () => {
    const empty = join(root, 'empty.txt');
    writeFileSync(empty, '');
    const rejected: string[] = [];
    await expect(runIndex({ paths: [empty], engine, tagger, mode: 'replace', onReject: (r) => rejected.push(`${r.origin}: ${r.reason}`) })).rejects.toThrow(
      'Indexer: no article could be indexed from the input; the index is left as it was',
    );
    expect(rejected).toEqual([`${empty}: empty file`]);
    expect(await allPassages(engine)).toEqual(firstDocs);
  });

  test('--full (replace) keeps only what is in the input', async () => {
    const summary = await runIndex({ paths: [join(input, '004_1b458f87f4b913ed.txt')], engine, tagger, mode: 'replace' });
    expect(summary.index.articles).toBe(1);
    expect(new Set((await allPassages(engine)).map((d) => d.articleId)).size).toBe(1);
    await run({ mode: 'replace' });
    expect(await allPassages(engine)).toEqual(firstDocs);
  });

  test('the tagger is released after the last article is tagged and before the build commits', async () => {
    const fresh = await createEngine({ kind: 'embedded', dataDir: join(root, 'data-release'), indexName: 'passages' });
    const seen: string[] = [];
    const released = {
      tag: (i: Parameters<typeof tagger.tag>[0]) => (seen.push(i.id), tagger.tag(i)),
      release: async () => {
        // The new index is not committed yet: the engine still has none.
        await expect(fresh.stats()).rejects.toThrow();
        seen.push('release');
      },
    };
    try {
      const summary = await runIndex({ paths: [input], engine: fresh, tagger: released });
      expect(seen).toHaveLength(6);
      expect(seen[5]).toBe('release');
      expect(summary.index.passages).toBe(firstDocs.length);
    } finally {
      await fresh.close();
    }
  });

  test('a tagger with workers is handed 64 articles per worker ahead of the one the run waits for', async () => {
    // Deep enough to cover the indexing thread's pauses (staging a batch): with 4 per worker, as
    // before, both workers sat idle through each one.
    const fresh = await createEngine({ kind: 'embedded', dataDir: join(root, 'data-ahead'), indexName: 'passages' });
    const many = join(root, 'many.jsonl');
    const text = 'Defence Minister Khawaja Asif said on Monday that talks would resume. '.repeat(6);
    writeFileSync(many, Array.from({ length: 300 }, (_, i) => JSON.stringify({ id: `m${i}`, date: '2024-03-18', text })).join('\n'));
    let outstanding = 0;
    let most = 0;
    // Answers held until the run has stopped handing out articles for 250 ms (it is waiting for the
    // oldest), then all given at once, as busy workers would: the most held at once is the run's bound.
    let held: Array<() => void> = [];
    let quiet: NodeJS.Timeout | undefined;
    const answerAll = () => {
      const now = held;
      held = [];
      for (const answer of now) answer();
    };
    const pooled = {
      concurrency: 2,
      tag: (i: Parameters<typeof tagger.tag>[0]) => {
        most = Math.max(most, ++outstanding);
        clearTimeout(quiet);
        quiet = setTimeout(answerAll, 250);
        return new Promise<ReturnType<typeof tagger.tag>>((resolve) => held.push(() => (outstanding--, resolve(tagger.tag(i)))));
      },
    };
    try {
      const summary = await runIndex({ paths: [many], engine: fresh, tagger: pooled });
      expect(summary.articles).toBe(300);
      expect(most).toBe(128);
    } finally {
      await fresh.close();
    }
  });

  test('options are validated', async () => {
    await expect(runIndex({ paths: [input], engine, tagger, batchPassages: 0 })).rejects.toThrow('Indexer: option "batchPassages" must be a positive integer, got 0');
    await expect(runIndex({ paths: [], engine, tagger })).rejects.toThrow('Indexer: option "paths" must name at least one file or directory');
  });
});
