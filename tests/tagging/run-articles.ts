/**
 * Small articles for run-level learning tests: a title bound to a person in one article, bare
 * titles in others, and one unlisted person written three ways. Neither Jam Kamal Khan nor the
 * title "commerce minister" is in indexer/tagging/people.json.
 */
import type { TagInput } from '../../indexer/tagging/types.js';

export const TEACHES = 'Commerce Minister Jam Kamal Khan said on Friday that exports would recover this year. “We will meet our targets,” Khan told reporters in Islamabad.';
export const BARE_TITLE = 'Funds for new dams were cut again. “The export budget has been cut by a third,” the commerce minister said in Islamabad on Saturday.';
/** Where BARE_TITLE's quote, its mention and its cue are. */
export const BARE_QUOTE = { start: 35, end: 79, kind: 'direct', mention: { start: 80, end: 101 }, cue: { start: 102, end: 106 } } as const;

export const article = (id: string, date: string | null, text: string): TagInput => ({ id, date, text });

export const teaches = (id: string, date: string, name = 'Jam Kamal Khan') => article(id, date, TEACHES.replace('Jam Kamal Khan', name).replace('Khan told', `${name.split(' ').pop()} told`));

/** Four articles naming one person three ways; "Ataullah Khattak" is the form most articles use. */
export const KHATTAK: TagInput[] = [
  article('c', '2024-06-03', '“The border will stay open for trade,” Attaullah Khattak said on Sunday.'),
  article('d', '2024-06-04', '“We have no plans to close the crossing,” Ataullah Khattak told reporters.'),
  article('e', '2024-06-05', '“Trade is up this month,” said Ataullah Khattak, speaking in Peshawar.'),
  article('f', '2024-06-06', '“The crossing reopens on Monday,” Ata Khattak said.'),
];
