/**
 * The flat side-file of a generation (`gen-<n>.data`): named sections appended one after the
 * other, their [offset, length] kept in the SQLite file's meta table. Postings and the arrays a
 * reader loads at open live here because SQLite stores big blobs as chains of overflow pages,
 * which costs milliseconds per read; here a read is one pread.
 */
import { closeSync, fsyncSync, openSync, readSync, writeSync } from 'node:fs';

export type SectionDirectory = Record<string, [number, number]>;

/** Where sections (and term postings) start: a multiple of this. */
export const SECTION_ALIGN = 8;

export class DataFileWriter {
  private readonly fd: number;
  private offset = 0;
  readonly sections: SectionDirectory = {};

  constructor(readonly path: string) {
    this.fd = openSync(path, 'w');
  }

  /**
   * Appends bytes at the next multiple of `align` (zero padding before); returns their offset.
   * Sections and postings start at multiples of 8, so a reader's views of them in an in-memory
   * copy are aligned for typed arrays without a copy (resident.ts).
   */
  append(data: Uint8Array, align = 1): number {
    const pad = (align - (this.offset % align)) % align;
    if (pad > 0) this.write(new Uint8Array(pad));
    return this.write(data);
  }

  private write(data: Uint8Array): number {
    const at = this.offset;
    let done = 0;
    while (done < data.length) done += writeSync(this.fd, data, done, data.length - done, at + done);
    this.offset += data.length;
    return at;
  }

  section(name: string, data: Uint8Array): void {
    this.sections[name] = [this.append(data, SECTION_ALIGN), data.length];
  }

  /** Names bytes already appended (a section written in pieces). */
  register(name: string, offset: number, length: number): void {
    this.sections[name] = [offset, length];
  }

  get size(): number {
    return this.offset;
  }

  /** Flushes to disk and closes: the file is complete when this returns. */
  finish(): void {
    fsyncSync(this.fd);
    closeSync(this.fd);
  }

  discard(): void {
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
  }
}

export class DataFileReader {
  private readonly fd: number;
  private readonly resident: { from: number; bytes: Uint8Array }[] = [];
  constructor(
    readonly path: string,
    private readonly sections: SectionDirectory,
  ) {
    this.fd = openSync(path, 'r');
  }

  /**
   * The bytes at [offset, offset + length): inside a resident region a view of it, shared with
   * every other reader of the region and never to be written to (as cached postings are not);
   * else a fresh buffer of its own (never a slice of Node's pool). Either way a view starts at a
   * multiple of SECTION_ALIGN when `offset` does, so typed views on it need no copy. (A fresh
   * buffer per read cost more than the read: new memory is ~7 µs a page to fault in here.)
   */
  read(offset: number, length: number): Buffer {
    for (const r of this.resident) {
      const at = offset - r.from;
      if (at >= 0 && at + length <= r.bytes.length) return Buffer.from(r.bytes.buffer, r.bytes.byteOffset + at, length);
    }
    const out = Buffer.from(new ArrayBuffer(length));
    let done = 0;
    while (done < length) {
      const n = readSync(this.fd, out, done, length - done, offset + done);
      if (n === 0) throw new Error(`${this.path} is truncated (wanted ${length} bytes at ${offset})`);
      done += n;
    }
    return out;
  }

  section(name: string): Buffer {
    const [offset, length] = this.where(name);
    return this.read(offset, length);
  }

  has(name: string): boolean {
    return name in this.sections;
  }

  /** [offset, length] of a section. */
  where(name: string): [number, number] {
    const s = this.sections[name];
    if (!s) throw new Error(`${this.path} has no section ${name}`);
    return s;
  }

  /** [offset, length] of every section whose name passes `test`. */
  sectionsWhere(test: (name: string) => boolean): [number, number][] {
    return Object.entries(this.sections)
      .filter(([name]) => test(name))
      .map(([, s]) => s);
  }

  /**
   * In-memory copies of regions of this file (resident.ts): reads inside one are served from it.
   * `from` must be a multiple of SECTION_ALIGN (alignment is kept from file to memory).
   */
  attach(from: number, bytes: Uint8Array): void {
    if (from % SECTION_ALIGN !== 0 || bytes.byteOffset % SECTION_ALIGN !== 0) throw new Error(`DataFileReader: a resident region must start at a multiple of ${SECTION_ALIGN}, got ${from}`);
    this.resident.push({ from, bytes });
  }

  /** Bytes of this file held in memory. */
  get residentBytes(): number {
    return this.resident.reduce((sum, r) => sum + r.bytes.length, 0);
  }

  close(): void {
    try {
      closeSync(this.fd);
    } catch {
      // already closed
    }
  }
}
