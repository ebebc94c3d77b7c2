/**
 * A handful of passages whose answers can be worked out by reading them, indexed into a real
 * embedded engine (no mock): the InstantSearch translation is tested against true engine results.
 */
import type { PassageDoc } from '../../engine/types.js';
import { indexDocs, passage as enginePassage, type TempIndex } from '../engine/fixture.js';

export const MAR_17 = Date.UTC(2024, 2, 17) / 1000;
export const APR_02 = Date.UTC(2024, 3, 2) / 1000;
export const MAY_10 = Date.UTC(2024, 4, 10) / 1000;

function passage(p: Partial<PassageDoc> & Pick<PassageDoc, 'id' | 'articleId' | 'title' | 'text'>): PassageDoc {
  return enginePassage(p.articleId, p.position ?? 0, p.text, { source: 'Fixture News', ...p });
}

export const FIXTURE_DOCS: PassageDoc[] = [
  passage({
    id: 'a1-0', articleId: 'a1', title: 'Asif on trade', date: MAR_17,
    text: 'Khawaja Asif said sanctions against Iran would hurt trade & growth.',
    speakers: ['Khawaja Asif'], topics: ['Economy', 'Foreign policy'], places: ['Islamabad'],
  }),
  passage({
    id: 'a1-1', articleId: 'a1', position: 1, title: 'Asif on trade', date: MAR_17,
    text: 'Asif added that the <border> with Afghanistan must be sealed.',
    speakers: ['Khawaja Asif'], topics: ['Security'], places: ['Afghanistan'],
  }),
  passage({
    id: 'a2-0', articleId: 'a2', title: 'Qaiser on the budget', date: APR_02,
    text: "Asad Qaiser said the budget's sanctity must be respected.",
    speakers: ['Asad Qaiser'], topics: ['Economy'], places: ['Islamabad'],
  }),
  passage({
    id: 'a3-0', articleId: 'a3', title: 'Tarar briefs the media', date: MAY_10,
    text: 'Ataullah Tarar said sanctions were discussed in Lahore.',
    speakers: ['Ataullah Tarar'], topics: ['Foreign policy'], places: ['Lahore'],
  }),
  passage({ id: 'a4-0', articleId: 'a4', title: 'Undated note', text: 'Sanctions remain a topic.', topics: ['Economy'] }),
];

export type FixtureIndex = TempIndex;

export function buildFixtureIndex(): Promise<FixtureIndex> {
  return indexDocs(FIXTURE_DOCS, { indexName: 'passages' });
}
