/**
 * Bitmaps for cached word sets, carved from one buffer reserved per generation and recycled when
 * the cache drops them. Each new bitmap was external memory to V8 (125 KB at 1M passages, a
 * dozen for a word with typos), and every 64 MB of it started a full GC: a 7–17 ms pause inside
 * whichever keystroke was running, about once per hundred keystrokes, so they made the as-you-type
 * p99. One reservation is counted once; its pages are faulted in only as blocks are first used.
 *
 * A block is handed out again only after `reclaim()`, which the engine calls between reads: a
 * word set evicted in the middle of a search may still be in use by that search.
 *
 * `reserve()` faults the pages in ahead (the engine does it in the background after open): a
 * fresh block otherwise costs its 31 page faults inside the keystroke that first uses it, ~8 per
 * word with typos. The arena's pages are then resident from the start, as a full word-set
 * cache's would be.
 */
import type { DocSet } from './docset.js';

const FREE = 0;
const LIVE = 1;
const RETIRED = 2;

export interface SetArenaOptions {
  /** Bitmap length in 32-bit words ((n + 31) >>> 5). */
  words: number;
  /**
   * Bytes reserved (at the first take or reserve); once every block is live, take() falls back to
   * fresh bitmaps. At most MAX_BLOCKS blocks: small generations' bitmaps are too small to matter.
   */
  capacityBytes: number;
}

export const MAX_BLOCKS = 1 << 16;
const PAGE = 4096;

export class SetArena {
  private buffer: ArrayBuffer | null = null;
  private readonly blockBytes: number;
  private readonly blocks: number;
  /** Blocks never handed out start here. */
  private bump = 0;
  private readonly free: number[] = [];
  private readonly retired: number[] = [];
  private state: Uint8Array | null = null;

  constructor(private readonly options: SetArenaOptions) {
    if (!Number.isInteger(options.words) || options.words < 0) throw new Error(`SetArena: option "words" must be an integer >= 0, got ${options.words}`);
    if (!(options.capacityBytes >= 0)) throw new Error(`SetArena: option "capacityBytes" must be >= 0, got ${options.capacityBytes}`);
    this.blockBytes = options.words * 4;
    this.blocks = this.blockBytes === 0 ? 0 : Math.min(MAX_BLOCKS, Math.floor(options.capacityBytes / this.blockBytes));
  }

  /** An all-zero bitmap: a block of the arena when one is free, else a fresh one (not the arena's). */
  take(): DocSet {
    this.allocate();
    const recycled = this.free.length > 0;
    const block = recycled ? this.free.pop()! : this.bump < this.blocks ? this.bump++ : -1;
    if (block < 0) return new Uint32Array(this.options.words);
    this.state![block] = LIVE;
    const set = new Uint32Array(this.buffer!, block * this.blockBytes, this.options.words);
    // Blocks from the bump are still zero.
    if (recycled) set.fill(0);
    return set;
  }

  private allocate(): void {
    if (this.buffer || this.blocks === 0) return;
    this.buffer = new ArrayBuffer(this.blocks * this.blockBytes);
    this.state = new Uint8Array(this.blocks);
  }

  /**
   * Faults in the arena's pages not yet handed out, `chunkBytes` at a time between turns of the
   * event loop (a page costs ~2 µs here), so that reads can run in between.
   */
  async reserve(chunkBytes = 8 << 20, stopped: () => boolean = () => false): Promise<void> {
    this.allocate();
    if (!this.buffer) return;
    const bytes = new Uint8Array(this.buffer);
    // Blocks handed out already were touched by their users; the bump only moves forward.
    for (let at = this.bump * this.blockBytes; at < bytes.length; at += chunkBytes) {
      if (stopped()) return;
      const end = Math.min(bytes.length, at + chunkBytes);
      for (let i = Math.max(at, this.bump * this.blockBytes); i < end; i += PAGE) bytes[i] = 0;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /** take() holding a copy of `src`. */
  copyOf(src: DocSet): DocSet {
    const set = this.take();
    set.set(src);
    return set;
  }

  /** Whether `set` is one of this arena's blocks. */
  owns(set: DocSet): boolean {
    return set.buffer === this.buffer && this.buffer !== null;
  }

  /** Gives back the arena's blocks among `sets` (others are ignored; duplicates count once). Usable again after reclaim(). */
  retire(sets: Iterable<DocSet | null>): void {
    for (const s of sets) {
      if (!s || !this.owns(s)) continue;
      // Only a live block: one given back twice is retired once.
      const block = s.byteOffset / this.blockBytes;
      if (this.state![block] !== LIVE) continue;
      this.state![block] = RETIRED;
      this.retired.push(block);
    }
  }

  /** Retired blocks become free: call only when no read that could hold them is running. */
  reclaim(): void {
    for (const b of this.retired) {
      this.state![b] = FREE;
      this.free.push(b);
    }
    this.retired.length = 0;
  }

  /** Blocks handed out and not yet retired. */
  get live(): number {
    return this.bump - this.free.length - this.retired.length;
  }
}
