/**
 * Synthetic proper names and tag vocabularies. Names are a bijection from a rank to a pronounceable
 * word, so a Zipf draw over millions of ranks needs no table, and every rank is a distinct index term.
 */

const ONSETS = ['b', 'd', 'f', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'z', 'br', 'ch', 'dr', 'kr', 'sh', 'st', 'tr', 'th', 'w'];
const VOWELS = ['a', 'e', 'i', 'o', 'u', 'ai', 'ou', 'ei'];
const SYLLABLES = ONSETS.flatMap((o) => VOWELS.map((v) => o + v));
const CODAS = ['', 'n', 'r', 'l', 's', 'k', 'm', 'x'];

/** The distinct capitalised word for `rank` (0 → the shortest names). */
export function syntheticWord(rank: number): string {
  let n = rank;
  const coda = CODAS[n % CODAS.length];
  n = Math.floor(n / CODAS.length);
  let w = '';
  // Bijective base-|SYLLABLES| with at least two syllables, so no word is a real short English word.
  do {
    w += SYLLABLES[n % SYLLABLES.length];
    n = Math.floor(n / SYLLABLES.length);
  } while (n > 0 || w.length < 4);
  w += coda;
  return w[0].toUpperCase() + w.slice(1);
}

const FIRST_NAMES = [
  'James', 'Mary', 'Ahmed', 'Fatima', 'Wei', 'Ana', 'John', 'Priya', 'Olga', 'Carlos', 'Amina', 'Kenji', 'Sofia',
  'David', 'Nadia', 'Ivan', 'Grace', 'Omar', 'Lucia', 'Peter', 'Aisha', 'Hassan', 'Elena', 'Michael', 'Yuki',
  'Sarah', 'Ali', 'Maria', 'Robert', 'Leila', 'Thomas', 'Zainab', 'Daniel', 'Ines', 'Samuel', 'Chen', 'Laura',
  'Khalid', 'Anna', 'Paul', 'Rosa', 'Imran', 'Julia', 'Mark', 'Noor', 'Victor', 'Helen', 'Tariq', 'Eva', 'George',
];

/** Speaker names: first name plus a synthetic surname, drawn from a rank range disjoint from text names. */
export function speakerNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${FIRST_NAMES[(i * 7) % FIRST_NAMES.length]} ${syntheticWord(5_000_000 + i)}`);
}

const PLACE_FORMS = [(w: string) => w, (w: string) => `Port ${w}`, (w: string) => `${w} City`, (w: string) => `New ${w}`, (w: string) => `${w}ia`];
export function placeNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => PLACE_FORMS[i % PLACE_FORMS.length](syntheticWord(6_000_000 + i)));
}

const ORG_FORMS = [
  (w: string) => `${w} Party`, (w: string) => `Ministry of ${w}`, (w: string) => `${w} Bank`,
  (w: string) => `${w} Corporation`, (w: string) => `${w} Institute`, (w: string) => `${w} Union`,
];
export function organisationNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => ORG_FORMS[i % ORG_FORMS.length](syntheticWord(7_000_000 + i)));
}

/** 40 topic labels, most frequent first (the generator draws them by Zipf rank). */
export const TOPICS = [
  'Politics', 'Economy', 'Elections', 'Crime', 'Health', 'Education', 'Sport', 'Business', 'Security', 'Courts',
  'Foreign Affairs', 'Energy', 'Environment', 'Climate', 'Technology', 'Transport', 'Housing', 'Labour', 'Taxes',
  'Agriculture', 'Immigration', 'Religion', 'Culture', 'Media', 'Science', 'Defence', 'Terrorism', 'Trade',
  'Banking', 'Infrastructure', 'Water', 'Human Rights', 'Corruption', 'Tourism', 'Weather', 'Disasters',
  'Local Government', 'Pensions', 'Public Health', 'Diplomacy',
] as const;

export const SOURCES = ['The Daily Ledger', 'Morning Courier', 'Evening Standard Post', 'The Northern Gazette', 'City Herald', 'The Coastal Times', 'National Observer', 'The Capital Wire'];
