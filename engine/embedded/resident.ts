/**
 * Parts of a generation's data file copied into memory in the background after open: the token
 * streams always, the postings region unless `residentPostings` is off. Hosts may page out file
 * cache nobody touched for a few seconds (this one's DAMON does: 1.1 GB of data file fell to 6.5
 * MB resident within 90 s of idling), and then every first-seen word waits on the disk; process
 * memory stays. The loader is one interface so that worker threads share one copy: each worker's
 * loader asks the pool, which reads a region once into a SharedArrayBuffer (threads/pool.ts).
 */
import { close, open, read } from 'node:fs';

/** A region of one immutable data file: generation files are written once, so path + identity names the bytes. */
export interface Region {
  path: string;
  /** The file's ino:mtime:size, so a replaced file is never served from an old copy. */
  identity: string;
  from: number;
  to: number;
}

export interface ResidentLoader {
  /** Calls done with the region's bytes, or null when the read failed; the returned function cancels (done gets null). */
  load(region: Region, done: (bytes: Uint8Array | null) => void): () => void;
}

export function regionKey(r: Region): string {
  return `${r.path}|${r.identity}|${r.from}|${r.to}`;
}

/** Reads in 8 MB chunks, so the event loop (and the queries it serves) is never held for long. */
const CHUNK = 8 << 20;

/** Reads waiting their turn in this thread: one region at a time, so the first asked (token streams) is the first ready. */
const queue: { start: () => void; drop: () => void }[] = [];
let reading = false;

function next(): void {
  const job = queue.shift();
  if (job) job.start();
  else reading = false;
}

/**
 * Reads [from, to) on the event loop into memory from `alloc`, after the reads asked before it,
 * on a file descriptor of its own (a reader closing its own never hands this one's number to
 * another file mid-read). The returned function cancels: done gets null.
 */
export function readRegion(region: Region, alloc: (bytes: number) => ArrayBufferLike, done: (bytes: Uint8Array | null) => void): () => void {
  const length = region.to - region.from;
  let cancelled = false;
  let settled = false;
  const settle = (bytes: Uint8Array | null): void => {
    if (settled) return;
    settled = true;
    done(cancelled ? null : bytes);
  };
  const start = (): void => {
    if (cancelled) return next();
    let out: Uint8Array;
    try {
      out = new Uint8Array(alloc(length));
    } catch {
      // Not enough memory for the copy: the file still serves every read.
      settle(null);
      return next();
    }
    open(region.path, 'r', (err, fd) => {
      if (err) {
        settle(null);
        return next();
      }
      const finish = (bytes: Uint8Array | null): void =>
        close(fd, () => {
          settle(bytes);
          next();
        });
      const step = (at: number): void => {
        if (cancelled) return finish(null);
        if (at >= length) return finish(out);
        read(fd, out, at, Math.min(CHUNK, length - at), region.from + at, (e, n) => (e || n === 0 ? finish(null) : step(at + n)));
      };
      step(0);
    });
  };
  const job = { start, drop: () => settle(null) };
  if (reading) queue.push(job);
  else {
    reading = true;
    start();
  }
  return () => {
    cancelled = true;
    const waiting = queue.indexOf(job);
    if (waiting >= 0) {
      queue.splice(waiting, 1);
      queueMicrotask(job.drop);
    }
  };
}

/** The in-thread default: each snapshot reads its own copy. */
export const localLoader: ResidentLoader = {
  load: (region, done) => readRegion(region, (n) => new ArrayBuffer(n), done),
};

interface SharedEntry {
  bytes: Uint8Array | null;
  loading: boolean;
  holders: Set<string>;
  /** Holders waiting for the read, by name. */
  waiting: Map<string, (bytes: Uint8Array | null) => void>;
  cancel: () => void;
  /** Settles when the read is done (or failed, or was cancelled). */
  read: Promise<void>;
}

/**
 * One copy per region for many readers (the pool's worker threads): the first claim reads it into
 * a SharedArrayBuffer, later claims get the same bytes, and the copy is dropped when its last
 * holder releases it (a generation replaced, a worker gone).
 */
export class SharedRegions {
  private readonly entries = new Map<string, SharedEntry>();
  private readonly heldBy = new Map<string, string>();
  /** Regions read so far (each once while held). */
  loads = 0;

  claim(holder: string, region: Region, deliver: (bytes: Uint8Array | null) => void): void {
    const key = regionKey(region);
    this.heldBy.set(holder, key);
    let entry = this.entries.get(key);
    if (!entry) {
      let settle = (): void => undefined;
      const fresh: SharedEntry = { bytes: null, loading: true, holders: new Set(), waiting: new Map(), cancel: () => undefined, read: new Promise((resolve) => (settle = resolve)) };
      this.entries.set(key, fresh);
      this.loads++;
      fresh.cancel = readRegion(region, (n) => new SharedArrayBuffer(n), (bytes) => {
        fresh.loading = false;
        settle();
        fresh.bytes = bytes;
        const waiting = [...fresh.waiting.values()];
        fresh.waiting.clear();
        // A failed read is not kept: the next claim tries again.
        if (!bytes && this.entries.get(key) === fresh) this.entries.delete(key);
        for (const w of waiting) w(bytes);
      });
      entry = fresh;
    }
    entry.holders.add(holder);
    if (entry.loading) entry.waiting.set(holder, deliver);
    else deliver(entry.bytes);
  }

  release(holder: string): void {
    const key = this.heldBy.get(holder);
    if (key === undefined) return;
    this.heldBy.delete(holder);
    const entry = this.entries.get(key);
    if (!entry) return;
    entry.holders.delete(holder);
    entry.waiting.delete(holder);
    if (entry.holders.size > 0) return;
    this.entries.delete(key);
    if (entry.loading) entry.cancel();
  }

  /** Releases every claim whose holder name starts with `prefix` (all of one worker's). */
  releaseAll(prefix: string): void {
    for (const holder of [...this.heldBy.keys()]) if (holder.startsWith(prefix)) this.release(holder);
  }

  /** Resolves when no region is being read. */
  async idle(): Promise<void> {
    for (let loading = this.loadingReads(); loading.length > 0; loading = this.loadingReads()) await Promise.all(loading);
  }

  private loadingReads(): Promise<void>[] {
    return [...this.entries.values()].filter((e) => e.loading).map((e) => e.read);
  }

  /** Regions held and their bytes in memory. */
  stats(): { loads: number; regions: number; bytes: number } {
    let bytes = 0;
    for (const e of this.entries.values()) bytes += e.bytes?.length ?? 0;
    return { loads: this.loads, regions: this.entries.size, bytes };
  }
}
