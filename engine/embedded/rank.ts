/**
 * Ranking, Meilisearch's bucket order after the sort: typo, proximity, attribute, exactness,
 * then docnum (= id order). Per passage:
 *   typo       Σ over query words of the fewest typos the word matches with anywhere
 *   proximity  Σ over consecutive query words of their closest distance inside one attribute
 *              value (in order: gap; reversed: gap + 1; capped at 8, 8 when never together)
 *   attribute  Σ over query words of the first searchable attribute the word matches in
 *   exactness  number of query words that never match an indexed word exactly
 * Only the passages needed for the page are scored: candidates are produced bucket by bucket
 * (date, then typo count from the word doc sets), and inside a bucket every passage reaching
 * the best possible score is final as soon as it is found, in docnum order.
 */
import { EngineAbortedError } from '../errors.js';
import { matchTypos, type ParsedQuery } from '../query.js';
import type { SortOrder } from '../types.js';
import * as ds from './docset.js';
import type { WordSets } from './expand.js';
import { FIELD_COUNT, VALUE_GAP } from './schema.js';
import type { Snapshot } from './snapshot.js';

export const MAX_PROXIMITY = 8;
/** Positions jump this far between attributes and between values of an array attribute. */
const POSITION_GAP = 16;

export interface Criteria {
  typo: number;
  proximity: number;
  attribute: number;
  exactness: number;
}

export function scoreOf(c: Criteria): number {
  return ((c.typo * 100 + c.proximity) * 100 + c.attribute) * 100 + c.exactness;
}

/** Closest distance of a B position to an A position (A before B: b - a; B before A: a - b + 1). */
export function pairProximity(a: readonly number[], b: readonly number[]): number {
  let best = MAX_PROXIMITY;
  let ia = 0;
  for (const p of b) {
    while (ia < a.length && a[ia] < p) ia++;
    if (ia > 0) best = Math.min(best, p - a[ia - 1]);
    let j = ia;
    if (j < a.length && a[j] === p) j++;
    if (j < a.length) best = Math.min(best, a[j] - p + 1);
    if (best === 1) break;
  }
  return best;
}

export class Scorer {
  private readonly memo = new Map<number, Int8Array | null>();
  private readonly n: number;

  constructor(
    private readonly snap: Snapshot,
    private readonly query: ParsedQuery,
  ) {
    this.n = query.words.length;
  }

  /** Per query word: -1 no match, else the number of typos (0 = exact or prefix); +8 flags an exact match. */
  private info(termId: number): Int8Array | null {
    let r = this.memo.get(termId);
    if (r !== undefined) return r;
    const term = this.snap.termsById()[termId];
    r = null;
    for (let i = 0; i < this.n; i++) {
      const w = this.query.words[i];
      const t = matchTypos(w, term);
      if (t < 0) continue;
      r ??= new Int8Array(this.n).fill(-1);
      r[i] = term === w.term ? 8 : t;
    }
    this.memo.set(termId, r);
    return r;
  }

  criteria(docnum: number): Criteria {
    const toks = this.snap.toks(docnum);
    const n = this.n;
    const typo = new Array<number>(n).fill(3);
    const attr = new Array<number>(n).fill(FIELD_COUNT);
    const exact = new Array<boolean>(n).fill(false);
    const occ: number[][] = Array.from({ length: n }, () => []);
    let at = FIELD_COUNT;
    let pos = 0;
    for (let f = 0; f < FIELD_COUNT; f++) {
      const end = at + toks[f];
      for (; at < end; at++) {
        const id = toks[at];
        if (id === VALUE_GAP) {
          pos += POSITION_GAP;
          continue;
        }
        const info = this.info(id);
        if (info) {
          for (let i = 0; i < n; i++) {
            const c = info[i];
            if (c < 0) continue;
            const t = c === 8 ? 0 : c;
            if (t < typo[i]) typo[i] = t;
            if (f < attr[i]) attr[i] = f;
            if (c === 8) exact[i] = true;
            if (n > 1) occ[i].push(pos);
          }
        }
        pos++;
      }
      pos += POSITION_GAP;
    }
    let proximity = 0;
    for (let i = 0; i + 1 < n; i++) proximity += pairProximity(occ[i], occ[i + 1]);
    return {
      typo: typo.reduce((a, b) => a + b, 0),
      proximity,
      attribute: attr.reduce((a, b) => a + b, 0),
      exactness: exact.reduce((a, e) => a + (e ? 0 : 1), 0),
    };
  }
}

export interface RankInput {
  snap: Snapshot;
  scorer: Scorer | null;
  words: WordSets[];
  /** Candidates: match the query and all filters. */
  candidates: ds.DocSet;
  sort: SortOrder;
  /** How many hits (or articles) are needed: offset + limit. */
  need: number;
  groupByArticle: boolean;
  signal?: AbortSignal;
}

type Iterate = (fn: (d: number) => boolean | void) => void;

/** Docnums in rank order, at most `need` (one per article when grouping). */
export function rankedDocs(input: RankInput): number[] {
  const { snap, words, candidates, need } = input;
  const out: number[] = [];
  if (need <= 0) return out;
  const seen = input.groupByArticle ? new Uint8Array(snap.articleIds.length) : null;
  const emit = (d: number): boolean => {
    if (seen) {
      const a = snap.articleOf[d];
      if (seen[a]) return false;
      seen[a] = 1;
    }
    out.push(d);
    return out.length >= need;
  };
  let evaluated = 0;
  const checkAbort = (): void => {
    if ((++evaluated & 255) === 0 && input.signal?.aborted) throw new EngineAbortedError();
  };
  const n = words.length;
  const hasTypos = words.some((w) => w.one || w.two);
  const typoOf = (d: number): number => {
    let t = 0;
    for (const w of words) t += ds.has(w.zero, d) ? 0 : w.one && ds.has(w.one, d) ? 1 : 2;
    return t;
  };
  let exactBound = 0;
  for (const w of words) {
    const probe = w.exact.slice();
    if (ds.count(ds.andInto(probe, candidates)) === 0) exactBound++;
  }

  /** One bucket: passages reaching the best possible score are final as found, the rest get sorted. */
  const rankBucket = (iterate: Iterate, typo: number): boolean => {
    const scorer = input.scorer!;
    const bound = scoreOf({ typo, proximity: n - 1, attribute: 0, exactness: exactBound });
    const rest: { d: number; s: number }[] = [];
    let done = false;
    iterate((d) => {
      checkAbort();
      const s = scoreOf(scorer.criteria(d));
      if (s <= bound) {
        if (emit(d)) return !(done = true);
      } else rest.push({ d, s });
    });
    if (done) return true;
    rest.sort((a, b) => a.s - b.s || a.d - b.d);
    for (const r of rest) if (emit(r.d)) return true;
    return false;
  };

  /** A group of passages tied on the sort: by typo bucket, then score. */
  const rankGroup = (iterate: Iterate): boolean => {
    if (n === 0) {
      let done = false;
      iterate((d) => !(done = emit(d)));
      return done;
    }
    if (!hasTypos) return rankBucket(iterate, 0);
    const byTypo: number[][] = Array.from({ length: 2 * n + 1 }, () => []);
    iterate((d) => {
      byTypo[typoOf(d)].push(d);
    });
    for (let t = 0; t < byTypo.length; t++) {
      const list = byTypo[t];
      if (list.length > 0 && rankBucket((fn) => list.every((d) => fn(d) !== false), t)) return true;
    }
    return false;
  };

  if (input.sort === 'relevance') {
    rankGroup((fn) => ds.forEach(candidates, fn));
    return out;
  }
  if (forEachDateGroup(snap, candidates, input.sort === 'date:desc', (group) => rankGroup((fn) => group.every((d) => fn(d) !== false)))) return out;
  const undated: number[] = [];
  ds.forEach(candidates, (d) => {
    if (Number.isNaN(snap.dates[d])) undated.push(d);
  });
  rankGroup((fn) => undated.every((d) => fn(d) !== false));
  return out;
}

/** Calls fn with each run of candidates sharing one date (ascending docnums), newest or oldest first, until fn returns true. */
function forEachDateGroup(snap: Snapshot, set: ds.DocSet, desc: boolean, fn: (group: number[]) => boolean): boolean {
  const order = snap.byDate;
  const dates = snap.dates;
  let i = desc ? order.length - 1 : 0;
  while (desc ? i >= 0 : i < order.length) {
    const date = dates[order[i]];
    let j = i;
    while ((desc ? j >= 0 : j < order.length) && dates[order[j]] === date) j += desc ? -1 : 1;
    const group: number[] = [];
    const [from, to] = desc ? [j + 1, i + 1] : [i, j];
    for (let k = from; k < to; k++) if (ds.has(set, order[k])) group.push(order[k]);
    if (group.length > 0 && fn(group)) return true;
    i = j;
  }
  return false;
}
