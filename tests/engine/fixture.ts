/**
 * A small hand-written corpus for exact engine expectations, and helpers to index it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createEmbeddedEngine, EMBEDDED_DEFAULTS, type EmbeddedEngineOptions } from '../../engine/embedded/index.js';
import { localLoader } from '../../engine/embedded/resident.js';
import { Snapshot } from '../../engine/embedded/snapshot.js';
import { IndexStore } from '../../engine/embedded/store.js';
import type { Engine, PassageDoc, SearchRequest } from '../../engine/types.js';

const DAY = 86_400;
export const utc = (iso: string): number => Date.parse(`${iso}T00:00:00Z`) / 1000;

export function passage(articleId: string, position: number, text: string, extra: Partial<PassageDoc> = {}): PassageDoc {
  const date = extra.date === undefined ? null : extra.date;
  return {
    id: `${articleId}-${position}`,
    articleId,
    title: `Title of ${articleId}`,
    source: null,
    url: null,
    position,
    text,
    speakers: [],
    topics: [],
    places: [],
    organisations: [],
    publishedAt: date,
    dateSource: date === null ? 'unknown' : 'header',
    statementDate: null,
    date,
    month: date === null ? null : new Date(date * 1000).toISOString().slice(0, 7),
    ...extra,
  };
}

/** Eleven passages in five articles. Ids sort a1-0 < a1-1 < … < e5-0. */
export const FIXTURE: PassageDoc[] = [
  passage('a1', 0, 'Defence Minister Khawaja Asif said terrorism is conducted from Afghanistan.', {
    speakers: ['Khawaja Asif'], topics: ['Security'], places: ['Afghanistan', 'Pakistan'], date: utc('2024-03-17'),
  }),
  passage('a1', 1, 'The border between Pakistan and Afghanistan differs from other borders.', {
    speakers: ['Khawaja Asif'], topics: ['Security', 'Diplomacy'], places: ['Pakistan'], date: utc('2024-03-17'),
  }),
  passage('a1', 2, 'Sanctuaries across the border must end, the minister said.', {
    speakers: ['Khawaja Asif'], topics: ['Security'], date: utc('2024-03-18'),
  }),
  passage('b2', 0, 'Information Minister Ataullah Tarar rejected the report on inflation.', {
    speakers: ['Ataullah Tarar'], topics: ['Economy'], places: ['Islamabad'], date: utc('2024-05-02'),
  }),
  passage('b2', 1, 'Tarar said the ministers would meet the governor of the central bank.', {
    speakers: ['Ataullah Tarar'], topics: ['Economy', 'Diplomacy'], date: utc('2024-05-03'),
  }),
  passage('c3', 0, 'Speaker Asad Qaiser adjourned the session of the national assembly.', {
    speakers: ['Asad Qaiser'], topics: ['Parliament'], places: ['Islamabad'], date: utc('2023-11-20'),
  }),
  passage('c3', 1, 'The assembly passed the budget after a long debate on inflation and taxes.', {
    speakers: [], topics: ['Parliament', 'Economy'], date: utc('2023-11-21'),
  }),
  passage('d4', 0, 'Ministry officials said the terrorist attack in Zürich was condemned.', {
    speakers: [], topics: ['Security'], places: ['Zürich'], organisations: ['Ministry of Interior'], date: null,
  }),
  passage('d4', 1, 'Minister for Interior condemned the attack.', {
    title: 'Terror attack condemned', speakers: ['Mohsin Naqvi'], topics: ['Security'], date: null,
  }),
  passage('e5', 0, 'Border trade resumed as the crossing reopened for trucks.', {
    speakers: [], topics: ['Economy'], places: ['Torkham'], date: utc('2025-01-09') + 0 * DAY,
  }),
  passage('e5', 1, 'Trucks carrying fruit crossed the border at Torkham in the morning.', {
    speakers: [], topics: ['Economy'], places: ['Torkham', 'Afghanistan'], date: utc('2025-01-09'),
  }),
];

export interface TempIndex {
  dataDir: string;
  engine: Engine;
  cleanup(): Promise<void>;
}

/** An embedded engine over a fresh temporary DATA_DIR that cleanup() removes. */
export function openTempEngine(prefix = 'nf-embedded-', options: Partial<EmbeddedEngineOptions> = {}): TempIndex {
  const dataDir = mkdtempSync(path.join(tmpdir(), prefix));
  const engine = createEmbeddedEngine({ dataDir, ...options });
  return {
    dataDir,
    engine,
    async cleanup() {
      await engine.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export async function indexDocs(docs: PassageDoc[], options: Partial<EmbeddedEngineOptions> = {}): Promise<TempIndex> {
  const index = openTempEngine('nf-embedded-', options);
  const w = await index.engine.beginWrite('replace');
  await w.putArticles(docs);
  await w.commit();
  return index;
}

export function req(q: string, more: Partial<SearchRequest> = {}): SearchRequest {
  return { q, filters: {}, facets: [], sort: 'relevance', offset: 0, limit: 20, groupByArticle: false, ...more };
}

export const ids = (r: { hits: { doc: PassageDoc }[] }): string[] => r.hits.map((h) => h.doc.id);

/** A deterministic random integer in [0, n) per call (mulberry32): generated corpora for tests. */
export function seededRandom(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % n;
  };
}

/** The index's current generation opened directly (1 MB caches), its postings region copied into memory or not; close it. */
export function openSnapshot(index: TempIndex, residentPostings: boolean): Snapshot {
  const current = new IndexStore(index.dataDir, EMBEDDED_DEFAULTS.indexName).readCurrent()!;
  return Snapshot.open(current.file, current.dataFile, { postingsBytes: 1 << 20, derivedBytes: 1 << 20 }, { busyTimeoutMs: 200, mmapBytes: EMBEDDED_DEFAULTS.docsMmapBytes }, { loader: localLoader, postings: residentPostings, identity: 'test' });
}
