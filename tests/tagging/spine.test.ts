import { createTagger } from '../../indexer/tagging/tagger.js';
import type { TagResult } from '../../indexer/tagging/types.js';
import { seedFiles, seedInput } from './seed-text.js';

const tagger = createTagger();
const results = new Map<string, { text: string; result: TagResult }>();
for (const f of seedFiles()) {
  const input = seedInput(f);
  results.set(f.slice(0, 3), { text: input.text, result: tagger.tag(input) });
}

function passageWith(seed: string, phrase: string) {
  const { text, result } = results.get(seed)!;
  const at = text.indexOf(phrase);
  expect(at).toBeGreaterThanOrEqual(0);
  const passage = result.passages.find((p) => p.start <= at && at < p.end);
  expect(passage).toBeDefined();
  return passage!;
}

describe('spine facts on the seeds', () => {
  test('seed 001: the passage quoting “Terrorism is being conducted mostly from Afghanistan against us” has Khawaja Asif', () => {
    expect(passageWith('001', 'Terrorism is being conducted mostly from Afghanistan against us').speakers).toContain('Khawaja Asif');
  });

  test('seed 004: the passage with “The border between Pakistan and Afghanistan differs…” has Khawaja Asif', () => {
    expect(passageWith('004', 'The border between Pakistan and Afghanistan differs from conventional international borders').speakers).toContain(
      'Khawaja Asif',
    );
  });

  test('Ataullah, Attaullah and Ata Tarar are one speaker: Ataullah Tarar', () => {
    const t = createTagger();
    const speakerOf = (name: string) =>
      t.tag({ id: name, text: `“We will act against the accounts,” ${name} told reporters on Sunday.`, date: '2024-03-18' }).quotes[0].speaker;
    expect(['Ataullah Tarar', 'Attaullah Tarar', 'Ata Tarar'].map(speakerOf)).toEqual(['Ataullah Tarar', 'Ataullah Tarar', 'Ataullah Tarar']);
    // And in the seeds themselves: seed 000 writes Attaullah, seed 001 Ataullah.
    const seedSpeakers = (seed: string) => results.get(seed)!.result.quotes.map((q) => q.speaker);
    expect(seedSpeakers('000')).toContain('Ataullah Tarar');
    expect(seedSpeakers('001')).toContain('Ataullah Tarar');
    expect([...seedSpeakers('000'), ...seedSpeakers('001')].filter((s) => s && /Tarar/.test(s) && s !== 'Ataullah Tarar')).toEqual([]);
  });
});
