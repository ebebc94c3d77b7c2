/**
 * SQLite FTS5 used directly through better-sqlite3, as a developer would without our layer: one
 * plain FTS5 table (no prefix indexes, no tuning), tags as tokens in a second column for filtering,
 * facet values counted with GROUP BY over json_each. No typo tolerance: FTS5 has no edit distance.
 */
import Database from 'better-sqlite3';
import { existsSync, rmSync, statSync } from 'node:fs';
import { FACET_NAMES, type FacetName, type PassageDoc } from '../../engine/types.js';
import { terms } from '../../engine/text.js';
import type { FacetSearchQuery, FilteredQuery, TypingQuery } from '../queries.js';
import { packageVersion } from './version.js';
import { TOP_K, type PeerTarget } from './types.js';


/** Tag values as single FTS5 tokens: "Khawaja Asif" → "speakers_khawaja_asif". */
function tagToken(facet: string, value: string): string {
  return `${facet}_${terms(value).join('_')}`;
}

/** Every word quoted, so user text can never be FTS5 syntax; the last one as a prefix when typing. */
function match(q: string, prefixLast: boolean): string | null {
  const words = terms(q);
  if (words.length === 0) return null;
  return words.map((w, i) => `"${w}"${prefixLast && i === words.length - 1 ? '*' : ''}`).join(' ');
}

export function createSqlitePeer(path: string): PeerTarget {
  for (const suffix of ['', '-wal', '-shm']) if (existsSync(path + suffix)) rmSync(path + suffix);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`CREATE VIRTUAL TABLE p USING fts5(
    text, title, tags,
    id UNINDEXED, articleId UNINDEXED, date UNINDEXED, month UNINDEXED,
    speakers UNINDEXED, topics UNINDEXED, places UNINDEXED, organisations UNINDEXED,
    tokenize = 'unicode61 remove_diacritics 2')`);
  const insert = db.prepare(`INSERT INTO p (text, title, tags, id, articleId, date, month, speakers, topics, places, organisations)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertMany = db.transaction((docs: PassageDoc[]) => {
    for (const d of docs) {
      const tags = [...d.speakers.map((v) => tagToken('speakers', v)), ...d.topics.map((v) => tagToken('topics', v))].join(' ');
      insert.run(d.text, d.title, tags, d.id, d.articleId, d.date, d.month, JSON.stringify(d.speakers), JSON.stringify(d.topics),
        JSON.stringify(d.places), JSON.stringify(d.organisations));
    }
  });

  const top = db.prepare(`SELECT id, articleId, title, text, speakers, topics, date FROM p WHERE p MATCH ? ORDER BY rank LIMIT ${TOP_K}`);
  const count = db.prepare('SELECT count(*) AS n FROM p WHERE p MATCH ?');
  const grouped = db.prepare(`SELECT id, articleId, min(r) AS s FROM (SELECT id, articleId, rank AS r FROM p WHERE p MATCH ?) GROUP BY articleId ORDER BY s LIMIT ${TOP_K}`);
  const groupCount = db.prepare('SELECT count(DISTINCT articleId) AS n FROM p WHERE p MATCH ?');
  const dated = `p MATCH ? AND date BETWEEN ? AND ?`;
  const topDated = db.prepare(`SELECT id, articleId, title, text, speakers, topics, date FROM p WHERE ${dated} ORDER BY rank LIMIT ${TOP_K}`);
  const countDated = db.prepare(`SELECT count(*) AS n FROM p WHERE ${dated}`);
  const facetDated = Object.fromEntries(
    FACET_NAMES.map((f) => [
      f,
      f === 'month'
        ? db.prepare(`SELECT month AS value, count(*) AS n FROM p WHERE ${dated} GROUP BY month`)
        : db.prepare(`SELECT j.value AS value, count(*) AS n FROM p, json_each(p.${f}) j WHERE ${dated} GROUP BY j.value`),
    ]),
  ) as Record<FacetName, Database.Statement>;
  const facetValues = (f: FacetName, withMatch: boolean) =>
    db.prepare(`SELECT j.value AS value, count(*) AS n FROM p, json_each(p.${f}) j
      WHERE ${withMatch ? 'p MATCH ? AND ' : ''}(j.value LIKE ? OR j.value LIKE ?) GROUP BY j.value ORDER BY n DESC LIMIT 20`);
  const facetSearch = {
    plain: Object.fromEntries(FACET_NAMES.map((f) => [f, facetValues(f, false)])) as Record<FacetName, Database.Statement>,
    matched: Object.fromEntries(FACET_NAMES.map((f) => [f, facetValues(f, true)])) as Record<FacetName, Database.Statement>,
  };

  const topAndCount = (expr: string | null): number => {
    if (expr === null) return 0;
    top.all(expr);
    return (count.get(expr) as { n: number }).n;
  };

  return {
    name: 'SQLite FTS5',
    version: `better-sqlite3 ${packageVersion('better-sqlite3')}, SQLite ${(db.prepare('select sqlite_version() v').get() as { v: string }).v}`,
    unsupported: {
      typo: 'no edit distance in FTS5',
      typingFacets: 'measured as-you-type without facets only',
    },
    add: (batch) => insertMany(batch),
    finish: () => {
      db.exec(`INSERT INTO p(p) VALUES ('optimize')`);
      db.pragma('wal_checkpoint(TRUNCATE)');
    },
    sizeBytes: () => statSync(path).size,
    close: () => {
      db.close();
    },
    keyword: (q) => topAndCount(match(q, false)),
    typing: (t: TypingQuery) => topAndCount(match(t.q, true)),
    grouped: (q) => {
      const expr = match(q, false);
      if (expr === null) return 0;
      grouped.all(expr);
      return (groupCount.get(expr) as { n: number }).n;
    },
    filtered: (f: FilteredQuery) => {
      const text = match(f.q, false);
      const sp = `tags:"${tagToken('speakers', f.speaker)}"`;
      const tp = `tags:"${tagToken('topics', f.topic)}"`;
      const all = `${text} ${sp} ${tp}`;
      topDated.all(all, f.dateFrom, f.dateTo);
      const total = (countDated.get(all, f.dateFrom, f.dateTo) as { n: number }).n;
      // Disjunctive: each facet's counts ignore that facet's own filter.
      for (const facet of FACET_NAMES) {
        const expr = facet === 'speakers' ? `${text} ${tp}` : facet === 'topics' ? `${text} ${sp}` : all;
        facetDated[facet].all(expr, f.dateFrom, f.dateTo);
      }
      return total;
    },
    facetSearch: (f: FacetSearchQuery) => {
      const like = [`${f.facetQuery}%`, `% ${f.facetQuery}%`];
      const expr = match(f.q, false);
      const rows = expr === null ? facetSearch.plain[f.facet].all(...like) : facetSearch.matched[f.facet].all(expr, ...like);
      return rows.length;
    },
  };
}
