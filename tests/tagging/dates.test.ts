/**
 * Statement dates resolve against the publication date with a bias to the past; without a
 * publication date only expressions that carry their year resolve.
 */
import { findDates } from '../../indexer/tagging/dates.js';
import { createTagger } from '../../indexer/tagging/tagger.js';

const dateIn = (text: string, published: string | null) => findDates(text, 0, text.length, published).map((d) => d.date);

describe('relative dates against a Monday publication (2024-03-18)', () => {
  const published = '2024-03-18';
  test.each([
    ['he said on Sunday', '2024-03-17'],
    ['on Saturday', '2024-03-16'],
    ['on Monday', '2024-03-18'],
    ['on Wednesday', '2024-03-13'], // the last Wednesday, not the coming one
    ['a day earlier', '2024-03-17'],
    ['yesterday', '2024-03-17'],
    ['today', '2024-03-18'],
    ['last month', '2024-02-01'],
    ['on March 12', '2024-03-12'],
    ['on March 27', '2023-03-27'], // later this year would be the future: last year's
    ['on July 17, 2023', '2023-07-17'],
  ])('%s → %s', (text, expected) => {
    expect(dateIn(text, published)).toEqual([expected]);
  });

  test('vague or forward expressions give no date', () => {
    expect(dateIn('last year', published)).toEqual([]);
    expect(dateIn('right now', published)).toEqual([]);
    expect(dateIn('next week', published)).toEqual([]);
    expect(dateIn('a day after the attack', published)).toEqual([]);
  });
});

test('a weekday equal to the publication day is that day', () => {
  expect(dateIn('on Sunday', '2024-03-17')).toEqual(['2024-03-17']);
});

test('without a publication date only absolute dates resolve', () => {
  expect(dateIn('on Sunday', null)).toEqual([]);
  expect(dateIn('today, March 27', null)).toEqual([]);
  expect(dateIn('On July 17, 2023, the minister said', null)).toEqual(['2023-07-17']);
});

describe('dates on quotations', () => {
  const tagger = createTagger();

  test('the date in the frame is the statement date; dates inside the quoted content are not', () => {
    const text = '“Seven soldiers were killed on Saturday,” Asif told reporters on Sunday.';
    const [q] = tagger.tag({ id: 'a', text, date: '2024-03-18' }).quotes;
    expect(q.date).toBe('2024-03-17');
  });

  test('a later statement of the same speaker keeps the date; "had said" does not', () => {
    const text = [
      'Asif told reporters in Sialkot on Sunday that militants operate from Afghanistan.',
      '“We have raised this issue with Afghanistan,” he said.',
      '“Pakistan is a sovereign country,” Asif had said in a speech.',
    ].join('\n');
    const r = tagger.tag({ id: 'b', text, date: '2024-03-18' });
    expect(r.quotes.map((q) => [q.speaker, q.date])).toEqual([
      ['Khawaja Asif', '2024-03-17'],
      ['Khawaja Asif', '2024-03-17'],
      ['Khawaja Asif', null],
    ]);
    expect(r.passages[0].dates).toEqual(['2024-03-17']);
  });
});
