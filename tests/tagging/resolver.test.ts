/**
 * Speaker resolution: one canonical name per person, never two people merged because they share
 * a surname, titles and appositions learned per article, roles by date, organisations as speakers.
 */
import { fileURLToPath } from 'node:url';
import { PeopleDirectory } from '../../indexer/tagging/people.js';
import { createTagger, TAGGER_DEFAULTS } from '../../indexer/tagging/tagger.js';

const people = PeopleDirectory.load(TAGGER_DEFAULTS.peoplePath);
const speakers = (text: string, date: string | null = '2024-05-01') =>
  createTagger()
    .tag({ id: 'r', text, date })
    .quotes.map((q) => q.speaker);

describe('people file', () => {
  test('spelling variants of one name resolve to the canonical name', () => {
    expect(['Ataullah Tarar', 'Attaullah Tarar', 'Ata Tarar', 'Atta Tarar'].map((n) => people.byName(n)?.name)).toEqual([
      'Ataullah Tarar',
      'Ataullah Tarar',
      'Ataullah Tarar',
      'Ataullah Tarar',
    ]);
    expect(people.byName('Khawaja Mohammad Asif')?.name).toBe('Khawaja Asif');
    // Not listed: matched by rule (same surname, one first name a shortening of the other, doubled letters folded).
    expect(people.byName('Ataulla Tarar')?.name).toBe('Ataullah Tarar');
  });

  test('the Sharif brothers stay apart; a bare "Sharif" names neither', () => {
    expect(people.byName('Shehbaz Sharif')?.name).toBe('Shehbaz Sharif');
    expect(people.byName('Nawaz Sharif')?.name).toBe('Nawaz Sharif');
    expect(people.byName('Sharif')).toBeNull();
    // "Nawaz" alone is Maryam Nawaz's surname but Nawaz Sharif's first name: no guess.
    expect(people.byName('Nawaz')).toBeNull();
    expect(people.byName('Asif')?.name).toBe('Khawaja Asif');
  });

  test('a title resolves to who held it on the date; undated, a title with several holders resolves to no one', () => {
    expect(people.byTitle('prime minister', '2024-05-01')?.name).toBe('Shehbaz Sharif');
    expect(people.byTitle('prime minister', '2015-01-01')?.name).toBe('Nawaz Sharif');
    expect(people.byTitle('prime minister', null)).toBeNull();
    expect(people.byTitle('information minister', null)?.name).toBe('Ataullah Tarar');
  });

  test('a malformed people file is rejected with the file and entry named', () => {
    const bad = fileURLToPath(new URL('../fixtures/tagging-bad-people.json', import.meta.url));
    expect(() => PeopleDirectory.load(bad)).toThrow(/people file .*tagging-bad-people\.json entry #1 role date "2024-3-1" is not YYYY-MM-DD/);
  });
});

describe('in an article', () => {
  test('Shehbaz and Nawaz Sharif quoted in one article are two speakers', () => {
    const text = [
      '“The economy will recover,” Prime Minister Shehbaz Sharif said on Monday.',
      '“We built the motorways,” former prime minister Nawaz Sharif said.',
      '“Inflation is falling,” Shehbaz Sharif added.',
    ].join('\n');
    expect(speakers(text)).toEqual(['Shehbaz Sharif', 'Nawaz Sharif', 'Shehbaz Sharif']);
  });

  test('title, "Mr.", surname, pronoun and description all resolve to the person the article introduced', () => {
    const text = [
      'Defence Minister Khawaja Asif said militants use Afghan soil for attacks on Pakistan.',
      '“We will respond,” Mr. Asif told reporters.',
      '“The border is porous,” he added.',
      'The defence minister said the fence would be completed next year.',
      '“Afghanistan must act,” Asif said.',
    ].join('\n');
    expect(speakers(text)).toEqual(['Khawaja Asif', 'Khawaja Asif', 'Khawaja Asif', 'Khawaja Asif', 'Khawaja Asif']);
  });

  test('an apposition teaches a title to an unknown person; the run reports it', () => {
    const tagger = createTagger();
    const text = [
      'Zara Khanum, the interior ministry spokeswoman, said the camps would close in June.',
      '“No one will be forced out,” the spokeswoman said.',
    ].join('\n');
    expect(tagger.tag({ id: 'z', text, date: '2024-05-01' }).quotes.map((q) => q.speaker)).toEqual(['Zara Khanum', 'Zara Khanum']);
    expect(tagger.learned()).toEqual([{ name: 'Zara Khanum', title: 'interior ministry spokeswoman', articles: 1, firstArticle: 'z' }]);
  });

  test('a pronoun skips a person of the other gender that the article marked ("Mr.", "spokeswoman")', () => {
    const text = [
      'Sana Mir, the ministry spokeswoman, briefed reporters on the talks.',
      '“The delegation leaves on Monday,” Ms. Mir said.',
      'Mr. Rehman Dar, who led the last round, was not present.',
      '“We expect results,” she added.',
    ].join('\n');
    expect(speakers(text)).toEqual(['Sana Mir', 'Sana Mir']);
  });

  test('a headline in title case makes no names; a surname never given in full is its own speaker', () => {
    const text = ['Obama Says Museum Will Tell The Story Of America', '“It is our story,” Mr. Obama said at the opening.'].join('\n');
    const quotes = createTagger().tag({ id: 'h', text, date: '2016-09-25' }).quotes;
    // The headline itself reports Obama ("Obama Says …"), and the quote is his too — never "Obama Says Museum …".
    expect(quotes.map((q) => [q.kind, q.speaker, text.slice(q.mention!.start, q.mention!.end)])).toEqual([
      ['indirect', 'Obama', 'Obama'],
      ['direct', 'Obama', 'Mr. Obama'],
    ]);
  });

  test('organisations speak: ISPR and the Taliban', () => {
    const text = [
      'The ISPR said in a statement that five militants were killed in North Waziristan.',
      '“Pakistan must solve its own problems,” the Taliban said.',
    ].join('\n');
    expect(speakers(text)).toEqual(['Inter-Services Public Relations', 'Taliban']);
  });
});
