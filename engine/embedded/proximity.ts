/**
 * The proximity criterion (rank.ts): per passage, the closest distance of each pair of
 * consecutive query words inside one attribute value, from the passage's token stream.
 */
import type { WordSets } from './expand.js';
import { FIELD_COUNT, VALUE_GAP } from './schema.js';
import type { Snapshot } from './snapshot.js';

export const MAX_PROXIMITY = 8;
/** Positions jump this far between attributes and between values of an array attribute. */
const POSITION_GAP = 16;
/** Zeroed mask arrays waiting for the next scorer of their snapshot (taken out while one is in use). */
const scratchMasks = new WeakMap<Snapshot, Uint16Array>();

/**
 * Proximity needs positions: it reads the passage's token stream. The other criteria come from word sets.
 * One pass per passage keeps, per query word, its last position: the closest pair of consecutive
 * words (A before B: b - a; B before A: a - b + 1; one token matching both counts for neither) is
 * always between neighbours, so the last positions are all a pair distance needs.
 */
export class ProximityScorer {
  /** Per term id: a bitmask of the query words the term matches, from the words' matched vocabulary. */
  private readonly masks: Uint16Array;
  private readonly n: number;
  private readonly last: Float64Array;
  private readonly best: Int32Array;

  constructor(
    private readonly snap: Snapshot,
    private readonly words: readonly WordSets[],
  ) {
    this.n = words.length;
    // One array per snapshot, all zeros between rankings: a fresh one (2 bytes per vocabulary
    // term, 612 KB at 1M) cost 1-3 ms per multi-word query to allocate and fault in, more than
    // setting and clearing the matched terms (tens of thousands for a one-letter prefix).
    this.masks = scratchMasks.get(snap) ?? new Uint16Array(snap.vocab.terms.length);
    scratchMasks.delete(snap);
    const ids = snap.vocab.ids;
    words.forEach((w, i) => {
      for (const [lo, hi] of w.termRanges) for (let k = lo; k < hi; k++) this.masks[ids[k]] |= 1 << i;
    });
    this.last = new Float64Array(this.n);
    this.best = new Int32Array(Math.max(0, this.n - 1));
  }

  /** Clears the masks and gives them back to the snapshot; the scorer is not used after. */
  release(): void {
    const ids = this.snap.vocab.ids;
    for (const w of this.words) for (const [lo, hi] of w.termRanges) for (let k = lo; k < hi; k++) this.masks[ids[k]] = 0;
    scratchMasks.set(this.snap, this.masks);
  }

  proximity(docnum: number): number {
    this.snap.toksInto(docnum);
    const toks = this.snap.tokBuffer;
    const { n, last, best, masks } = this;
    last.fill(-Infinity);
    best.fill(MAX_PROXIMITY);
    // Pairs still above 1: at 0 every pair is adjacent and no later token can do better.
    let open = n - 1;
    let at: number = FIELD_COUNT;
    let pos = 0;
    for (let f = 0; f < FIELD_COUNT && open > 0; f++) {
      const end = at + toks[f];
      for (; at < end; at++) {
        const id = toks[at];
        if (id === VALUE_GAP) {
          pos += POSITION_GAP;
          continue;
        }
        const m = masks[id];
        if (m !== 0) {
          for (let i = 0; i < n; i++) {
            if ((m & (1 << i)) === 0) continue;
            // This token as B of pair (i-1, i), then as A of pair (i, i+1), against earlier tokens only
            // (last[] is updated after), so one token matching two words pairs with neither.
            if (i > 0 && best[i - 1] > 1) {
              const d = pos - last[i - 1];
              if (d < best[i - 1] && (best[i - 1] = d) === 1) open--;
            }
            if (i + 1 < n && best[i] > 1) {
              const d = pos - last[i + 1] + 1;
              if (d < best[i] && (best[i] = d) === 1) open--;
            }
          }
          for (let i = 0; i < n; i++) if (m & (1 << i)) last[i] = pos;
          if (open === 0) break;
        }
        pos++;
      }
      at = end;
      pos += POSITION_GAP;
    }
    let proximity = 0;
    for (let i = 0; i + 1 < n; i++) proximity += best[i];
    return proximity;
  }
}
