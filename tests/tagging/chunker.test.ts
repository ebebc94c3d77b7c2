/**
 * Passages: sentence-bounded, never inside a quotation (also one running over paragraphs),
 * about minWords–maxWords, in order and covering the text.
 */
import fc from 'fast-check';
import { countWords } from '../../indexer/tagging/chunker.js';
import { findQuotes, splitParagraphs, splitSentences } from '../../indexer/tagging/structure.js';
import { createTagger, TAGGER_DEFAULTS } from '../../indexer/tagging/tagger.js';
import { seedFiles, seedInput } from './seed-text.js';

const tagger = createTagger();

function passagesOf(text: string) {
  return tagger.tag({ id: 't', text }).passages;
}

/** Passages are ordered, disjoint, and what lies between them is only white space. */
function expectCovering(text: string, spans: Array<{ start: number; end: number }>) {
  let at = 0;
  for (const p of spans) {
    expect(p.start).toBeGreaterThanOrEqual(at);
    expect(text.slice(at, p.start).trim()).toBe('');
    expect(p.end).toBeGreaterThan(p.start);
    at = p.end;
  }
  expect(text.slice(at).trim()).toBe('');
}

describe('sentence splitting', () => {
  test('abbreviations, initials and dotted acronyms do not end sentences; closing quotes stay with their sentence', () => {
    const text = 'Mr. Asif met Gen. Munir in Nov. 2023 with J. Smith. U.S. officials said “No.” The talks ended.';
    const [para] = splitParagraphs(text);
    expect(splitSentences(text, para).map((s) => text.slice(s.start, s.end))).toEqual([
      'Mr. Asif met Gen. Munir in Nov. 2023 with J. Smith.',
      'U.S. officials said “No.”',
      'The talks ended.',
    ]);
  });

  test('a quotation over two paragraphs (the opening mark repeats, the first paragraph has no closing mark) is one span', () => {
    const text = '“We will not allow it. Our soil is ours.\n\n“Nobody should doubt that,” he said.\nNext paragraph.';
    const quotes = findQuotes(text, splitParagraphs(text));
    expect(quotes.map((q) => text.slice(q.start, q.end))).toEqual(['“We will not allow it. Our soil is ours.\n\n“Nobody should doubt that,”']);
    expect(quotes[0].multiParagraph).toBe(true);
  });
});

describe('passages', () => {
  test('the seeds: every passage between minWords and maxWords, covering the text in order', () => {
    for (const f of seedFiles()) {
      const input = seedInput(f);
      const passages = tagger.tag(input).passages;
      expectCovering(input.text, passages);
      for (const p of passages) {
        const words = countWords(input.text, p.start, p.end);
        expect(words).toBeGreaterThanOrEqual(TAGGER_DEFAULTS.minWords);
        expect(words).toBeLessThanOrEqual(TAGGER_DEFAULTS.maxWords);
      }
    }
  });

  test('a long quotation over paragraphs is never cut, even past maxWords', () => {
    const long = Array.from({ length: 30 }, (_, i) => `Sentence number ${i} of the statement goes on.`).join(' ');
    const text = `The minister spoke at length.\n“${long}\n“${long}” he said.\nAfterwards the meeting ended quietly.`;
    const quote = findQuotes(text, splitParagraphs(text))[0];
    const passages = passagesOf(text);
    const holding = passages.filter((p) => p.start < quote.end && p.end > quote.start);
    expect(holding).toHaveLength(1);
    expect(holding[0].start).toBeLessThanOrEqual(quote.start);
    expect(holding[0].end).toBeGreaterThanOrEqual(quote.end);
    expectCovering(text, passages);
  });

  test('random articles: passages cover the text, never cut a quotation, stay under maxWords unless one sentence is longer', () => {
    const word = fc.constantFrom('the', 'minister', 'said', 'border', 'Afghanistan', 'talks', 'Mr.', 'U.S.', 'attack', 'refugees');
    const sentence = fc
      .tuple(fc.array(word, { minLength: 3, maxLength: 25 }), fc.boolean())
      .map(([ws, quoted]) => (quoted ? `“${ws.join(' ')},” he said.` : `${ws.join(' ')}.`).replace(/^./, (c) => c.toUpperCase()));
    const paragraph = fc.array(sentence, { minLength: 1, maxLength: 5 }).map((ss) => ss.join(' '));
    fc.assert(
      fc.property(fc.array(paragraph, { minLength: 1, maxLength: 12 }), (paras) => {
        const text = paras.join('\n\n');
        const passages = passagesOf(text);
        expectCovering(text, passages);
        for (const q of findQuotes(text, splitParagraphs(text))) {
          expect(passages.filter((p) => p.start < q.end && p.end > q.start)).toHaveLength(1);
        }
        for (const p of passages) {
          const words = countWords(text, p.start, p.end);
          if (words > TAGGER_DEFAULTS.maxWords) {
            const sentences = splitParagraphs(text.slice(p.start, p.end)).flatMap((pp) => splitSentences(text.slice(p.start, p.end), pp));
            expect(sentences).toHaveLength(1);
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
