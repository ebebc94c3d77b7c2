/**
 * Run-level learning with the real tagger: a title bound to a person in one article resolves a bare
 * title in another article of the same run (within the date window, never between two holders, the
 * people file first), and unlisted people written several ways end as one name.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clusterNames, variantMap } from '../../indexer/tagging/name-variants.js';
import { RunLearning, tagRun } from '../../indexer/tagging/run-learning.js';
import { createTagger } from '../../indexer/tagging/tagger.js';
import type { TagInput } from '../../indexer/tagging/types.js';
import { article, BARE_QUOTE, BARE_TITLE, KHATTAK, teaches } from './run-articles.js';

const tagger = createTagger();
const bare = (date: string) => article('b', date, BARE_TITLE);
/** The speaker of the bare-title article after a run over these articles. */
async function bareSpeaker(inputs: TagInput[]): Promise<string | null> {
  const { results } = await tagRun(tagger, inputs);
  const b = results.find((r) => r.id === 'b')!;
  expect(b.quotes).toHaveLength(1);
  return b.quotes[0].speaker;
}

describe('titles learned in one article resolve bare titles in others', () => {
  test('"Commerce Minister Jam Kamal Khan" in A makes B\'s "the commerce minister said" his', async () => {
    const inputs = [teaches('a', '2024-05-10'), bare('2024-06-02')];
    const { results, report } = await tagRun(tagger, inputs);
    expect(results[1].quotes).toEqual([{ ...BARE_QUOTE, speaker: 'Jam Kamal Khan', date: '2024-06-01' }]);
    expect(results[1].passages.map((p) => p.speakers)).toEqual([['Jam Kamal Khan']]);
    // A itself is as the tagger makes it alone.
    expect(results[0]).toEqual(tagger.tag(inputs[0]));
    expect(report.reResolved).toEqual({ retagged: 1, articles: 1, mentions: 1 });
    expect(report.learnedAliases).toEqual([{ name: 'Jam Kamal Khan', title: 'commerce minister', articles: 1, firstArticle: 'a', appliedArticles: 1 }]);
  });

  test('tagged alone, B has no speaker', async () => {
    expect(tagger.tag(bare('2024-06-02')).quotes).toEqual([{ ...BARE_QUOTE, speaker: null, date: '2024-06-01' }]);
    expect(await bareSpeaker([bare('2024-06-02')])).toBeNull();
  });

  test('the window is 365 days either way', async () => {
    expect(await bareSpeaker([teaches('a', '2023-06-03'), bare('2024-06-02')])).toBe('Jam Kamal Khan'); // 365 days (2024 is a leap year)
    expect(await bareSpeaker([teaches('a', '2023-06-02'), bare('2024-06-02')])).toBeNull(); // 366 days
    expect(await bareSpeaker([teaches('a', '2025-06-02'), bare('2024-06-02')])).toBe('Jam Kamal Khan'); // later articles teach too
    expect(await bareSpeaker([teaches('a', '2024-05-10'), article('b', null, BARE_TITLE)])).toBeNull(); // no date, no window
    const narrow = await tagRun(tagger, [teaches('a', '2024-05-10'), bare('2024-06-02')], { windowDays: 10 });
    expect(narrow.results[1].quotes[0].speaker).toBeNull();
  });

  test('a successor nearest in date wins; equal distance or interleaved holders resolve nobody', async () => {
    const rana = (id: string, date: string) => teaches(id, date, 'Rana Tanveer Hussain');
    expect(await bareSpeaker([teaches('a1', '2024-01-10'), rana('a2', '2024-05-25'), bare('2024-06-02')])).toBe('Rana Tanveer Hussain');
    expect(await bareSpeaker([teaches('a1', '2024-05-20'), rana('a2', '2024-06-15'), bare('2024-06-02')])).toBeNull();
    expect(await bareSpeaker([teaches('a1', '2024-01-10'), rana('a2', '2024-03-01'), teaches('a3', '2024-05-01'), bare('2024-06-02')])).toBeNull();
  });

  test('the people file stays the authority: its interior minister, not the one an article taught', async () => {
    const teachesInterior = article('a', '2024-05-10', teaches('a', '2024-05-10').text.replace('Commerce Minister', 'Interior Minister'));
    const bareInterior = article('b', '2024-06-02', BARE_TITLE.replace('commerce minister', 'interior minister'));
    const { results, report } = await tagRun(tagger, [teachesInterior, bareInterior]);
    expect(results[0].quotes.map((q) => q.speaker)).toEqual(['Jam Kamal Khan', 'Jam Kamal Khan']);
    expect(results[1].quotes.map((q) => q.speaker)).toEqual(['Mohsin Naqvi']);
    expect(report.reResolved).toEqual({ retagged: 0, articles: 0, mentions: 0 });
  });

  test('one-word titles and titles many people hold at once never travel', async () => {
    for (const [title, bareTitle] of [['President', 'president'], ['Provincial Senator', 'provincial senator'], ['Law Professor', 'law professor']]) {
      const a = article('a', '2024-05-10', teaches('a', '2024-05-10').text.replace('Commerce Minister', title));
      const b = article('b', '2024-06-02', BARE_TITLE.replace('commerce minister', bareTitle));
      expect(tagger.tag(a).quotes[0].speaker).toBe('Jam Kamal Khan');
      expect(await bareSpeaker([a, b])).toBeNull();
    }
  });

  test('the outcome does not depend on article order', async () => {
    const inputs = [teaches('a1', '2024-01-10'), teaches('a2', '2024-05-25', 'Rana Tanveer Hussain'), bare('2024-06-02'), ...KHATTAK];
    const forward = await tagRun(tagger, inputs);
    const backward = await tagRun(tagger, [...inputs].reverse());
    const byId = (rs: { id: string }[]) => [...rs].sort((x, y) => x.id.localeCompare(y.id));
    expect(byId(backward.results)).toEqual(byId(forward.results));
    expect(backward.report.variantMerges).toEqual(forward.report.variantMerges);
    expect(backward.report.reResolved).toEqual(forward.report.reResolved);
  });

  test('options are validated', () => {
    expect(() => new RunLearning({ windowDays: -1 })).toThrow('Tagger: option "windowDays" must be an integer >= 0, got -1');
  });
});

describe('spelling variants of unlisted people merge across articles', () => {
  test('Attaullah / Ataullah / Ata Khattak become the form most articles use', async () => {
    expect(KHATTAK.map((a) => tagger.tag(a).quotes[0].speaker)).toEqual(['Attaullah Khattak', 'Ataullah Khattak', 'Ataullah Khattak', 'Ata Khattak']);
    const { results, report } = await tagRun(tagger, KHATTAK);
    expect(results.map((r) => r.quotes.map((q) => q.speaker))).toEqual([['Ataullah Khattak'], ['Ataullah Khattak'], ['Ataullah Khattak'], ['Ataullah Khattak']]);
    expect(results.map((r) => r.passages.map((p) => p.speakers))).toEqual([[['Ataullah Khattak']], [['Ataullah Khattak']], [['Ataullah Khattak']], [['Ataullah Khattak']]]);
    expect(report.variantMerges).toEqual([{ canonical: 'Ataullah Khattak', variants: ['Ata Khattak', 'Attaullah Khattak'], articles: 2 }]);
  });

  test('Shehbaz Sharif and Nawaz Sharif are never merged, with or without the people file knowing them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nf-people-'));
    try {
      const peoplePath = join(dir, 'people.json');
      writeFileSync(peoplePath, JSON.stringify({ people: [{ name: 'Khawaja Asif', roles: [] }] }));
      const sharifs = [
        article('s1', '2024-06-01', '“We will not bow to pressure,” Shehbaz Sharif said on Saturday.'),
        article('s2', '2024-06-02', '“Elections must be held on time,” Nawaz Sharif said on Sunday.'),
        article('s3', '2024-06-03', '“The budget is balanced,” said Shehbaz Sharif.'),
      ];
      for (const t of [createTagger({ peoplePath }), tagger]) {
        const { results, report } = await tagRun(t, sharifs);
        expect(results.map((r) => r.quotes[0].speaker)).toEqual(['Shehbaz Sharif', 'Nawaz Sharif', 'Shehbaz Sharif']);
        expect(report.variantMerges).toEqual([]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a short form that fits two different people joins neither; differing middle names are different people', () => {
    const n = (name: string, articles = 1) => ({ name, articles });
    expect(clusterNames([n('Mark Smith'), n('Marty Smith'), n('Mar Smith', 5)]).map((g) => g.map((x) => x.name))).toEqual([['Marty Smith'], ['Mark Smith'], ['Mar Smith']]);
    expect(variantMap([n('George W. Bush'), n('George H. W. Bush')]).merges).toEqual([]);
    expect(variantMap([n('George W. Bush'), n('George H. W. Bush'), n('George Bush', 3)]).merges).toEqual([]);
    // Equal counts: the longest form, then the alphabetically first.
    expect(variantMap([n('Paul Ryan'), n('Paul D. Ryan')]).merges).toEqual([{ canonical: 'Paul D. Ryan', variants: ['Paul Ryan'], articles: 1 }]);
    expect(variantMap([n('Atta Khattak'), n('Ataa Khattak')]).merges).toEqual([{ canonical: 'Ataa Khattak', variants: ['Atta Khattak'], articles: 1 }]);
  });
});
