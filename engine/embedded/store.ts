/**
 * The index directory: immutable generation files `gen-<n>.sqlite`, a `CURRENT` pointer that a
 * commit replaces atomically (temp file + rename), and a writer lock holding the writer's pid.
 * Readers only ever open what CURRENT names, so they see a whole generation or the previous one.
 */
import { closeSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { EngineWriteError } from '../errors.js';

const GEN_FILE = /^gen-(\d+)\.(sqlite|staging\.sqlite|data)(-journal|-wal|-shm)?$/;

export interface Current {
  generation: number;
  file: string;
  dataFile: string;
}

export class IndexStore {
  readonly dir: string;
  constructor(dataDir: string, indexName: string) {
    this.dir = path.join(dataDir, indexName);
  }

  get currentFile(): string {
    return path.join(this.dir, 'CURRENT');
  }

  generationFile(n: number): string {
    return path.join(this.dir, `gen-${n}.sqlite`);
  }

  dataFile(n: number): string {
    return path.join(this.dir, `gen-${n}.data`);
  }

  stagingFile(n: number): string {
    return path.join(this.dir, `gen-${n}.staging.sqlite`);
  }

  /** null when nothing was ever committed here. */
  readCurrent(): Current | null {
    let text: string;
    try {
      text = readFileSync(this.currentFile, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return null;
      throw err;
    }
    const m = /^gen-(\d+)\.sqlite\s*$/.exec(text);
    if (!m) throw new Error(`CURRENT in ${this.dir} is malformed: ${JSON.stringify(text.slice(0, 40))}`);
    const generation = Number(m[1]);
    return { generation, file: this.generationFile(generation), dataFile: this.dataFile(generation) };
  }

  /** Atomic flip: readers see the old name or the new one, never a partial file. */
  writeCurrent(n: number): void {
    const tmp = path.join(this.dir, `CURRENT.${process.pid}.tmp`);
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, `gen-${n}.sqlite\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.currentFile);
    fsyncDir(this.dir);
  }

  /** A number above every generation file present, committed or not. */
  nextGeneration(): number {
    let max = 0;
    for (const name of this.list()) {
      const m = GEN_FILE.exec(name);
      if (m) max = Math.max(max, Number(m[1]));
    }
    return max + 1;
  }

  /**
   * When a commit last confirmed the serving generation without changing it (an incremental run
   * over unchanged input). Freshness checks compare inputs with this too, or a touched but
   * unchanged input would look newer than the index forever.
   */
  private confirmedFile(): string {
    return path.join(this.dir, 'CONFIRMED');
  }

  confirm(at: number): void {
    const tmp = `${this.confirmedFile()}.${process.pid}.tmp`;
    writeFileSync(tmp, `${at}\n`);
    renameSync(tmp, this.confirmedFile());
  }

  confirmedAt(): number | null {
    try {
      const at = Number(readFileSync(this.confirmedFile(), 'utf8').trim());
      return Number.isFinite(at) ? at : null;
    } catch {
      return null;
    }
  }

  /** Deletes generation and staging files other than `keep` (open readers keep their fds valid). */
  removeGenerationsExcept(keep: number | null): void {
    for (const name of this.list()) {
      const m = GEN_FILE.exec(name);
      if (m && !(Number(m[1]) === keep && (m[2] === 'sqlite' || m[2] === 'data') && !m[3])) rmSync(path.join(this.dir, name), { force: true });
      else if (/^CURRENT\.\d+\.tmp$/.test(name)) rmSync(path.join(this.dir, name), { force: true });
    }
  }

  private list(): string[] {
    try {
      return readdirSync(this.dir);
    } catch {
      return [];
    }
  }

  /** One writer at a time; the lock of a writer that died (kill -9) is taken over. */
  acquireWriteLock(): () => void {
    mkdirSync(this.dir, { recursive: true });
    const lockFile = path.join(this.dir, 'write.lock');
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        writeFileSync(lockFile, String(process.pid), { flag: 'wx' });
        return () => rmSync(lockFile, { force: true });
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new EngineWriteError(`cannot create ${lockFile}: ${String(err)}`, { cause: err });
      }
      const holder = Number(readFileSafe(lockFile));
      if (Number.isInteger(holder) && holder > 0 && isAlive(holder)) {
        throw new EngineWriteError(`another writer (pid ${holder}) holds ${lockFile}`);
      }
      rmSync(lockFile, { force: true });
    }
    throw new EngineWriteError(`cannot take over the stale lock ${lockFile}`);
  }

  fileSize(file: string): number | null {
    try {
      return statSync(file).size;
    } catch {
      return null;
    }
  }
}

function readFileSafe(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function fsyncFile(file: string): void {
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function fsyncDir(dir: string): void {
  try {
    fsyncFile(dir);
  } catch {
    // Not every filesystem lets a directory be fsynced; the rename is still atomic.
  }
}
