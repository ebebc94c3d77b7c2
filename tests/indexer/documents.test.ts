import { dayToUnixSeconds, monthOf, toPassageDocs } from '../../indexer/documents.js';
import type { TagResult, TaggedPassage } from '../../indexer/tagging/types.js';
import type { Article } from '../../indexer/types.js';

const text = 'First passage, “quoted”.  \n\n  Second one\uE000 here. \n\n   \n\nThird.';
const article: Article = {
  id: 'art1',
  origin: 'x.txt',
  title: 'A title',
  source: 'Dawn',
  url: 'https://example.com/a',
  text,
  publishedDate: '2024-03-17',
  dateSource: 'header',
};
const passage = (start: number, end: number, extra: Partial<TaggedPassage> = {}): TaggedPassage => ({
  start,
  end,
  speakers: [],
  topics: [],
  places: [],
  organisations: [],
  dates: [],
  topicMatches: [],
  ...extra,
});
const second = text.indexOf('Second');
const blank = text.indexOf('   \n');
const third = text.indexOf('Third');
const tags: TagResult = {
  id: 'art1',
  quotes: [],
  passages: [
    // Out of order on purpose: positions follow the text, not the tagger's list.
    passage(second - 2, blank, { speakers: ['Khawaja Asif', 'Khawaja Asif', ' '], topics: ['Terrorism'], places: ['Pakistan'], dates: ['2024-03-16', '2024-03-10'] }),
    passage(0, second - 2, { organisations: ['PTI'] }),
    passage(blank, third - 1),
    passage(third, text.length),
  ],
};

describe('passage documents', () => {
  const docs = toPassageDocs(article, tags);

  test('one document per non-blank passage, ids and positions in text order', () => {
    expect(docs.map((d) => [d.id, d.position, d.text])).toEqual([
      ['art1-0', 0, 'First passage, “quoted”.'],
      ['art1-1', 1, 'Second one here.'],
      ['art1-2', 2, 'Third.'],
    ]);
  });

  test('article fields, de-duplicated tags, and dates: statement date first, publication date otherwise', () => {
    const published = Date.UTC(2024, 2, 17) / 1000;
    expect(docs[1]).toEqual({
      id: 'art1-1',
      articleId: 'art1',
      title: 'A title',
      source: 'Dawn',
      url: 'https://example.com/a',
      position: 1,
      text: 'Second one here.',
      speakers: ['Khawaja Asif'],
      topics: ['Terrorism'],
      places: ['Pakistan'],
      organisations: [],
      publishedAt: published,
      dateSource: 'header',
      statementDate: Date.UTC(2024, 2, 16) / 1000,
      date: Date.UTC(2024, 2, 16) / 1000,
      month: '2024-03',
    });
    expect([docs[0].statementDate, docs[0].date, docs[0].month, docs[0].organisations]).toEqual([null, published, '2024-03', ['PTI']]);
  });

  test('an undated article gives null dates and month', () => {
    const undated = toPassageDocs({ ...article, publishedDate: null, dateSource: 'unknown' }, tags);
    expect(undated.map((d) => [d.publishedAt, d.date, d.month, d.dateSource])).toEqual([
      [null, null, null, 'unknown'],
      [null, Date.UTC(2024, 2, 16) / 1000, '2024-03', 'unknown'],
      [null, null, null, 'unknown'],
    ]);
  });

  test('tags of another article are refused', () => {
    expect(() => toPassageDocs(article, { ...tags, id: 'other' })).toThrow('Indexer: tags belong to article "other", not "art1"');
  });

  test('day conversions are UTC midnight and refuse non-dates', () => {
    expect(dayToUnixSeconds('1970-01-02')).toBe(86400);
    expect(dayToUnixSeconds('2025-02-30')).toBeNull();
    expect(dayToUnixSeconds(null)).toBeNull();
    expect(monthOf(Date.UTC(2023, 11, 31) / 1000)).toBe('2023-12');
  });
});
