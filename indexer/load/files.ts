/**
 * Finding and reading input files: directory walks in a deterministic order, and the checks a
 * newsroom's folder needs before any parsing (size, emptiness, binary content, UTF-8).
 */
import { readdir, realpath, stat, open } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { Rejection } from '../types.js';

/** The extensions a directory walk picks up, by the loader that reads them. */
export const INPUT_EXTENSIONS = {
  text: ['.txt', '.text', '.md', '.markdown'],
  json: ['.json'],
  ndjson: ['.ndjson', '.jsonl'],
} as const;

export type InputFormat = keyof typeof INPUT_EXTENSIONS;

/**
 * Largest file read whole (text, Markdown, JSON). 10 MB is ~1,500 long news articles in one
 * JSON array; anything bigger is far more likely a mistake (a dump, a video) than one input,
 * and reading it whole would cost its size several times over in memory. NDJSON is streamed
 * line by line, so it has no file limit, only this limit per line.
 */
export const DEFAULT_MAX_FILE_BYTES = 10 * 1024 * 1024;

export interface InputFile {
  path: string;
  format: InputFormat;
  sizeBytes: number;
  mtimeMs: number;
}

export function formatOf(path: string): InputFormat | null {
  const ext = extname(path).toLowerCase();
  for (const [format, exts] of Object.entries(INPUT_EXTENSIONS) as [InputFormat, readonly string[]][]) {
    if (exts.includes(ext)) return format;
  }
  return null;
}

export interface WalkResult {
  files: InputFile[];
  rejected: Rejection[];
  /** Newest mtime among the files and the directories walked (a deletion changes its directory). */
  newestMtimeMs: number;
}

/**
 * Expands the arguments into files, in argument order, each directory sorted by name (code
 * point order, not locale: the same on every machine). Hidden entries are skipped; a file of
 * another type inside a directory is reported, not silently ignored; a file named explicitly
 * with an unknown extension is read as text, since the user asked for it.
 */
export async function walkInputs(paths: readonly string[]): Promise<WalkResult> {
  const result: WalkResult = { files: [], rejected: [], newestMtimeMs: 0 };
  const seen = new Set<string>();
  for (const path of paths) await visit(path, true, result, seen);
  return result;
}

async function visit(path: string, explicit: boolean, out: WalkResult, seen: Set<string>): Promise<void> {
  let info;
  let real;
  try {
    info = await stat(path);
    real = await realpath(path);
  } catch (err) {
    out.rejected.push({ origin: path, reason: describeFsError(err) });
    return;
  }
  // The same file twice (two arguments, a symlink) is read once; a symlink loop ends here too.
  if (seen.has(real)) return;
  seen.add(real);
  out.newestMtimeMs = Math.max(out.newestMtimeMs, info.mtimeMs);
  if (info.isDirectory()) {
    let names: string[];
    try {
      names = await readdir(path);
    } catch (err) {
      out.rejected.push({ origin: path, reason: describeFsError(err) });
      return;
    }
    names.sort();
    for (const name of names) {
      if (!name.startsWith('.')) await visit(join(path, name), false, out, seen);
    }
    return;
  }
  if (!info.isFile()) {
    out.rejected.push({ origin: path, reason: 'not a regular file' });
    return;
  }
  const format = formatOf(path) ?? (explicit ? 'text' : null);
  if (!format) {
    const all = Object.values(INPUT_EXTENSIONS).flat().join(', ');
    out.rejected.push({ origin: path, reason: `unsupported file type "${extname(path) || '(none)'}" (supported: ${all})` });
    return;
  }
  out.files.push({ path, format, sizeBytes: info.size, mtimeMs: info.mtimeMs });
}

function describeFsError(err: unknown): string {
  const code = (err as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'no such file or directory';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return `cannot read (${code ?? String(err)})`;
}

/** Checks that apply to any text input, on its bytes. Returns a reason, or null when fine. */
export function checkTextBytes(bytes: Uint8Array): string | null {
  const nul = bytes.indexOf(0);
  if (nul >= 0) return `binary content (NUL byte at offset ${nul})`;
  return null;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/** Decodes strict UTF-8 (a BOM is dropped); null when the bytes are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

export type ReadOutcome = { ok: true; text: string } | { ok: false; reason: string };

/** Reads a whole file after checking its size on disk, so a 50 MB file is never read. */
export async function readTextFile(file: InputFile, maxBytes: number): Promise<ReadOutcome> {
  if (file.sizeBytes > maxBytes) {
    return { ok: false, reason: `file too large (${formatBytes(file.sizeBytes)}; the limit is ${formatBytes(maxBytes)})` };
  }
  if (file.sizeBytes === 0) return { ok: false, reason: 'empty file' };
  let bytes: Buffer;
  const handle = await open(file.path, 'r');
  try {
    bytes = await handle.readFile();
  } finally {
    await handle.close();
  }
  const binary = checkTextBytes(bytes);
  if (binary) return { ok: false, reason: binary };
  const text = decodeUtf8(bytes);
  if (text === null) return { ok: false, reason: 'not valid UTF-8 text' };
  if (text.trim() === '') return { ok: false, reason: 'empty file (only whitespace)' };
  return { ok: true, text };
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${n} bytes`;
}

/** Newest mtime of the inputs (files and directories), 0 when none exists. */
export async function newestInputMtime(paths: readonly string[]): Promise<number> {
  const { newestMtimeMs } = await walkInputs(paths);
  return newestMtimeMs;
}
