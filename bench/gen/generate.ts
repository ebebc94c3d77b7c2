/**
 * Builds a benchmark corpus from the Brown press sections: sentence-aligned passages of ~40–120 words
 * grouped into articles, with tags distributed like a news archive (Zipf speakers, topics, places,
 * organisations; dates uniform over ten years). Writes both shapes the harness needs:
 *   articles.jsonl — raw article records for the real indexer path (loader → tagger → engine);
 *   passages.jsonl — pre-tagged PassageDocs for the engine writer and the peers.
 * Everything derives from one seed, so a size and seed always give byte-identical files.
 */
import { closeSync, mkdirSync, openSync, renameSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { PassageDoc } from '../../engine/types.js';
import { loadBrownPress, renderSentence, type BrownSentence, type BrownText } from './brown.js';
import { organisationNames, placeNames, SOURCES, speakerNames, syntheticWord, TOPICS } from './names.js';
import { createRng, distinctDraws, zipfSampler, type Rng } from './prng.js';

export interface GenerateOptions {
  passages: number;
  seed: number;
  outDir: string;
  /** Distinct speakers (Zipf-drawn). */
  speakers: number;
  places: number;
  organisations: number;
  /** Proper nouns in the text are drawn by Zipf from this many synthetic names: the vocabulary grows with size. */
  namePool: number;
  nameExponent: number;
  /** Zipf–Mandelbrot offset: flattens the head so no synthetic name is as common as "the". */
  nameOffset: number;
  /** Passage length bounds in words (sentence-aligned, so a passage may end past `maxWords` by one sentence only when shorter than `minWords`). */
  minWords: number;
  maxWords: number;
  /** First and last publication day (YYYY-MM-DD), inclusive. */
  fromDate: string;
  toDate: string;
}

export const DEFAULT_GENERATE_OPTIONS: Omit<GenerateOptions, 'passages' | 'outDir'> = {
  seed: 20261122,
  speakers: 2000,
  places: 400,
  organisations: 300,
  namePool: 3_000_000,
  nameExponent: 1.35,
  nameOffset: 30,
  minWords: 40,
  maxWords: 120,
  fromDate: '2016-01-01',
  toDate: '2025-12-31',
};

/** Bumped whenever the same seed would give different files, so cached corpora are regenerated. */
export const GENERATOR_VERSION = 2;

export interface CorpusManifest {
  generatorVersion: number;
  passages: number;
  articles: number;
  seed: number;
  passageBytes: number;
  articleBytes: number;
  /** Bytes of passage text alone (the MB/s denominator). */
  textBytes: number;
  generatedAt: string;
}

function validate(o: GenerateOptions): void {
  const positive: (keyof GenerateOptions)[] = ['passages', 'speakers', 'places', 'organisations', 'namePool', 'minWords', 'maxWords'];
  for (const k of positive) {
    const v = o[k] as number;
    if (!(Number.isInteger(v) && v > 0)) throw new Error(`Corpus generator: option "${k}" must be a positive integer, got ${v}`);
  }
  if (o.maxWords < o.minWords) throw new Error(`Corpus generator: option "maxWords" must be >= minWords (${o.minWords}), got ${o.maxWords}`);
  if (!(o.nameExponent > 0)) throw new Error(`Corpus generator: option "nameExponent" must be > 0, got ${o.nameExponent}`);
  if (!(Date.parse(o.fromDate) <= Date.parse(o.toDate))) throw new Error(`Corpus generator: option "fromDate" must be <= toDate, got ${o.fromDate} > ${o.toDate}`);
}

/** Buffered append-only writer: one write syscall per ~1 MB, fast enough for 1M lines. */
class LineFile {
  private fd: number;
  private buf: string[] = [];
  private pending = 0;
  bytes = 0;
  constructor(readonly path: string) {
    this.fd = openSync(path + '.part', 'w');
  }
  line(s: string): void {
    this.buf.push(s, '\n');
    this.pending += s.length + 1;
    if (this.pending > 1 << 20) this.flush();
  }
  private flush(): void {
    const chunk = this.buf.join('');
    this.bytes += writeSync(this.fd, chunk);
    this.buf = [];
    this.pending = 0;
  }
  close(): void {
    this.flush();
    closeSync(this.fd);
    renameSync(this.path + '.part', this.path);
  }
}

const DAY = 86_400;

function isoDay(unix: number): string {
  return new Date(unix * 1000).toISOString().slice(0, 10);
}

/** A cursor over one Brown text's sentences, wrapping round, so consecutive passages read as one story. */
interface Story {
  text: BrownText;
  at: number;
}

function takeSentences(story: Story, rng: Rng, min: number, max: number): BrownSentence[] {
  const target = rng.int(min, max);
  const out: BrownSentence[] = [];
  let words = 0;
  const n = story.text.sentences.length;
  while (out.length < 12) {
    const s = story.text.sentences[story.at % n];
    if (words >= min && words + s.words > Math.max(target, min)) break;
    out.push(s);
    words += s.words;
    story.at++;
    if (words >= target) break;
  }
  return out;
}

function quoteAttribution(sentence: string, speaker: string, rng: Rng): string {
  const body = sentence.replace(/[.!?;:,]+$/, '');
  const forms = [
    () => `“${body},” ${speaker} said.`,
    () => `“${body},” said ${speaker}.`,
    () => `${speaker} said ${body[0].toLowerCase()}${body.slice(1)}.`,
    () => `${body}, according to ${speaker}.`,
  ];
  return rng.pick(forms)();
}

export function generateCorpus(options: Partial<GenerateOptions> & Pick<GenerateOptions, 'passages' | 'outDir'>, log: (msg: string) => void = () => {}): CorpusManifest {
  const o: GenerateOptions = { ...DEFAULT_GENERATE_OPTIONS, ...options };
  validate(o);
  mkdirSync(o.outDir, { recursive: true });
  const texts = loadBrownPress();
  const rng = createRng(o.seed);
  const speakers = speakerNames(o.speakers);
  const places = placeNames(o.places);
  const orgs = organisationNames(o.organisations);
  const drawSpeaker = zipfSampler(rng, speakers.length, 1);
  const drawTopic = zipfSampler(rng, TOPICS.length, 1);
  const drawPlace = zipfSampler(rng, places.length, 1);
  const drawOrg = zipfSampler(rng, orgs.length, 1);
  const drawName = zipfSampler(rng, o.namePool, o.nameExponent, o.nameOffset);
  const name = (): string => syntheticWord(drawName());
  const firstDay = Math.floor(Date.parse(o.fromDate) / 1000 / DAY);
  const lastDay = Math.floor(Date.parse(o.toDate) / 1000 / DAY);

  const passagesOut = new LineFile(join(o.outDir, 'passages.jsonl'));
  const articlesOut = new LineFile(join(o.outDir, 'articles.jsonl'));
  let produced = 0;
  let articles = 0;
  let textBytes = 0;
  while (produced < o.passages) {
    const articleId = `a${String(articles).padStart(7, '0')}`;
    const story: Story = { text: rng.pick(texts), at: 0 };
    story.at = rng.int(0, story.text.sentences.length - 1);
    const count = Math.min(o.passages - produced, rng.int(2, 10));
    const publishedAt = rng.int(firstDay, lastDay) * DAY;
    const source = rng.pick(SOURCES);
    const url = `https://news.example/${articleId}`;
    const title = renderSentence(story.text.sentences[story.at % story.text.sentences.length], name).split(' ').slice(0, 9).join(' ').replace(/[,;:“”]+$/, '');
    const paragraphs: string[] = [];
    const tagSpeakers = distinctDraws(drawSpeaker, rng.int(1, 3)).map((i) => speakers[i]);
    for (let position = 0; position < count; position++) {
      const sentences = takeSentences(story, rng, o.minWords, o.maxWords).map((s) => ({ s, text: renderSentence(s, name) }));
      const r = rng.next();
      const nSpeakers = r < 0.3 ? 0 : r < 0.85 ? 1 : 2;
      const passageSpeakers = tagSpeakers.slice(0, nSpeakers);
      // Speakers are quoted in the text, so the tagger on the raw path has real attributions to find.
      passageSpeakers.forEach((sp, k) => {
        const candidates = sentences.filter((x) => !x.s.quoted);
        if (candidates.length === 0) {
          // Only sentences with their own quotation marks: attribute one without re-quoting it.
          const target = sentences[k % sentences.length];
          target.text = `${target.text.replace(/[.!?;:,]+$/, '')}, according to ${sp}.`;
          return;
        }
        const target = candidates[(k + rng.int(0, candidates.length - 1)) % candidates.length];
        target.text = quoteAttribution(target.text, sp, rng);
      });
      const text = sentences.map((x) => x.text).join(' ');
      const topics = distinctDraws(drawTopic, rng.int(1, 3)).map((i) => TOPICS[i]);
      const pr = rng.next();
      const passagePlaces = distinctDraws(drawPlace, pr < 0.4 ? 0 : pr < 0.85 ? 1 : 2).map((i) => places[i]);
      const or = rng.next();
      const passageOrgs = distinctDraws(drawOrg, or < 0.5 ? 0 : or < 0.9 ? 1 : 2).map((i) => orgs[i]);
      const statementDate = nSpeakers > 0 && rng.next() < 0.4 ? publishedAt - rng.int(0, 3) * DAY : null;
      const date = statementDate ?? publishedAt;
      const doc: PassageDoc = {
        id: `${articleId}-${position}`,
        articleId,
        title,
        source,
        url,
        position,
        text,
        speakers: passageSpeakers,
        topics,
        places: passagePlaces,
        organisations: passageOrgs,
        publishedAt,
        dateSource: 'header',
        statementDate,
        date,
        month: isoDay(date).slice(0, 7),
      };
      passagesOut.line(JSON.stringify(doc));
      paragraphs.push(text);
      textBytes += Buffer.byteLength(text);
      produced++;
      if (produced % 100_000 === 0) log(`generated ${produced}/${o.passages} passages`);
    }
    articlesOut.line(JSON.stringify({ id: articleId, title, date: isoDay(publishedAt), source, url, text: paragraphs.join('\n\n') }));
    articles++;
  }
  passagesOut.close();
  articlesOut.close();
  return {
    generatorVersion: GENERATOR_VERSION,
    passages: produced,
    articles,
    seed: o.seed,
    passageBytes: passagesOut.bytes,
    articleBytes: articlesOut.bytes,
    textBytes,
    generatedAt: new Date().toISOString(),
  };
}
