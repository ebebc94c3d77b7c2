/**
 * The indexer applies the run-level pass exactly like `npm run tag`: a bare title resolved through
 * a title learned in another article, and spellings merged across articles, reach the search
 * facets; articles written again leave no stale passages in the same engine write.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TaggedPassage } from '../../indexer/tagging/types.js';
import { runIndex, type Tagger } from '../../indexer/run.js';
import { tagRun } from '../../indexer/tagging/run-learning.js';
import { createTagger } from '../../indexer/tagging/tagger.js';
import { openTempEngine, req, type TempIndex } from '../engine/fixture.js';
import { article, BARE_TITLE, KHATTAK, teaches } from '../tagging/run-articles.js';

const inputs = [teaches('a', '2024-05-10'), article('b', '2024-06-02', BARE_TITLE), ...KHATTAK];
const tagger = createTagger();
let dir: string;
let input: string;
let index: TempIndex | undefined;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'nf-run-learning-'));
  input = join(dir, 'articles.jsonl');
  writeFileSync(input, inputs.map((a) => JSON.stringify({ ...a, title: `Article ${a.id}` })).join('\n'));
});
afterEach(async () => {
  await index?.cleanup();
  index = undefined;
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test('the speakers facet shows the learned speaker for B and one form of Ataullah Khattak', async () => {
  index = openTempEngine('nf-run-learning-');
  const summary = await runIndex({ paths: [input], engine: index.engine, mode: 'replace' });
  const all = await index.engine.search(req('', { facets: ['speakers'], limit: 100 }));
  expect(all.facets.speakers).toEqual({ 'Jam Kamal Khan': 2, 'Ataullah Khattak': 4 });
  const byJam = await index.engine.search(req('', { filters: { speakers: ['Jam Kamal Khan'] }, limit: 100 }));
  expect(byJam.hits.map((h) => h.doc.id).sort()).toEqual(['a-0', 'b-0']);
  expect(summary).toMatchObject({
    articles: 6,
    passages: 6,
    speakers: 2,
    reResolved: { retagged: 1, articles: 1, mentions: 1, rewritten: 3 },
    variantMerges: [{ canonical: 'Ataullah Khattak', variants: ['Ata Khattak', 'Attaullah Khattak'], articles: 2 }],
    learnedAliases: [{ name: 'Jam Kamal Khan', title: 'commerce minister', articles: 1, firstArticle: 'a', appliedArticles: 1 }],
  });
  expect(summary.index).toMatchObject({ articles: 6, passages: 6 });
  // Search and export agree: the index holds what the run-level pass of `npm run tag` gives.
  const { results } = await tagRun(tagger, inputs);
  for (const r of results) {
    const docs = await index.engine.getArticlePassages(r.id);
    expect(docs.map((d) => d.speakers)).toEqual(r.passages.map((p) => p.speakers));
  }
});

test('an article written again with fewer passages leaves none of its first version behind', async () => {
  // The real tagger, except that a first pass (no learned roles) splits B's passage in two.
  const split: Tagger = {
    tag: (input) => tagger.tag(input),
    tagDetailed(input) {
      const t = tagger.tagDetailed(input);
      if (input.id !== 'b' || input.learnedRoles) return t;
      const [p] = t.result.passages;
      const cut = BARE_TITLE.indexOf('“');
      const halves: TaggedPassage[] = [{ ...p, end: cut, speakers: [] }, { ...p, start: cut }];
      return { ...t, result: { ...t.result, passages: halves } };
    },
  };
  index = openTempEngine('nf-run-learning-');
  const summary = await runIndex({ paths: [input], engine: index.engine, mode: 'replace', tagger: split });
  expect((await index.engine.getArticlePassages('b')).map((d) => [d.id, d.speakers])).toEqual([['b-0', ['Jam Kamal Khan']]]);
  expect(summary).toMatchObject({ passages: 6, index: { articles: 6, passages: 6 } });
});
