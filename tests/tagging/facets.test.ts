/**
 * Passage facets: topics from the editable taxonomy (stemmed), the phrase that matched, places
 * and organisations with canonical names.
 */
import { fileURLToPath } from 'node:url';
import { createTagger } from '../../indexer/tagging/tagger.js';

const tagger = createTagger();
const passage = (text: string) => tagger.tag({ id: 'f', text, date: '2024-03-18' }).passages[0];

test('topics match stemmed phrases and report the words as written', () => {
  const p = passage('Militants found sanctuaries across the border, and thousands of refugees were deported last month.');
  expect(p.topics).toEqual(['Cross-border militancy and sanctuaries', 'Afghan refugees and deportation']);
  expect(p.topicMatches).toEqual([
    { topic: 'Cross-border militancy and sanctuaries', phrase: 'sanctuaries' },
    { topic: 'Afghan refugees and deportation', phrase: 'refugees' },
  ]);
});

test('one phrase may serve two topics', () => {
  expect(passage('Officials said 12 militants have been killed in the operation.').topics).toEqual([
    'Attacks and casualties',
    'Military operations',
  ]);
});

test('places and organisations get canonical names; a capitalised name before "district" is a place', () => {
  const p = passage('The ISPR said troops in KP and in Kurram district repulsed an attack by the TTP.');
  expect(p.places).toEqual(['Khyber Pakhtunkhwa', 'Kurram']);
  expect(p.organisations).toEqual(['Inter-Services Public Relations', 'Tehreek-e-Taliban Pakistan']);
  expect(p.speakers).toEqual(['Inter-Services Public Relations']);
});

test('the taxonomy is an editable file', () => {
  const custom = createTagger({ taxonomyPath: fileURLToPath(new URL('../fixtures/tagging-taxonomy.json', import.meta.url)) });
  const [p] = custom.tag({ id: 'w', text: 'India began work on a new dam, which Pakistan says breaches the Indus Waters Treaty.' }).passages;
  expect(p.topicMatches).toEqual([{ topic: 'Water disputes', phrase: 'dam' }]);
});
