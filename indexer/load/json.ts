/**
 * JSON (one record or an array of records) and NDJSON (one record per line, streamed) inputs.
 * Records: {id?, title?, date?, source?, url?, text}.
 */
import { createReadStream } from 'node:fs';
import { checkTextBytes, decodeUtf8, formatBytes, type InputFile } from './files.js';
import { jsonErrorLine } from './json-error.js';
import { recordToItem, rejectItem, type LoadItem } from './record.js';

/** A whole JSON file (already decoded). Array elements are reported as `path[index]`. */
export function parseJsonArticles(content: string, path: string): LoadItem[] {
  let value: unknown;
  try {
    value = JSON.parse(content);
  } catch (err) {
    const line = jsonErrorLine(content);
    return [rejectItem(line ? `${path}:${line}` : path, `invalid JSON: ${jsonErrorMessage(err)}${looksLikeNdjson(content) ? NDJSON_HINT : ''}`)];
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return [rejectItem(path, 'empty JSON array (no records)')];
    return value.map((record, i) => recordToItem(record, `${path}[${i}]`));
  }
  return [recordToItem(value, path)];
}

const NDJSON_HINT = ' (it looks like one record per line: name the file .ndjson)';

/** The first line is a complete JSON object by itself, and more follows. */
function looksLikeNdjson(content: string): boolean {
  const nl = content.indexOf('\n');
  if (nl < 0 || content.slice(nl).trim() === '') return false;
  try {
    const first: unknown = JSON.parse(content.slice(0, nl));
    return typeof first === 'object' && first !== null && !Array.isArray(first);
  } catch {
    return false;
  }
}

/**
 * Streams an NDJSON file, one record per non-blank line, reported as `path:line`. Lines are split
 * on bytes and each decoded strictly, so one bad line is one rejection and the rest still load.
 * A NUL byte in the first block means the whole file is binary (one rejection, not thousands).
 */
export async function* streamNdjsonArticles(file: InputFile, maxLineBytes: number, origins?: ReadonlySet<string>): AsyncGenerator<LoadItem> {
  if (file.sizeBytes === 0) {
    yield rejectItem(file.path, 'empty file');
    return;
  }
  let lineNo = 0;
  let parts: Buffer[] = [];
  let partsLength = 0;
  let overflow = false;
  let sawRecordLine = false;
  let first = true;

  const finishLine = (): LoadItem | null => {
    lineNo += 1;
    const origin = `${file.path}:${lineNo}`;
    if (overflow) {
      overflow = false;
      sawRecordLine = true;
      return rejectItem(origin, `line too long (over ${formatBytes(maxLineBytes)})`);
    }
    if (origins && !origins.has(origin)) {
      // Not wanted by this pass (loadArticlesAt): not decoded, not parsed.
      parts = [];
      partsLength = 0;
      sawRecordLine = true;
      return null;
    }
    const bytes = parts.length === 1 ? parts[0] : Buffer.concat(parts, partsLength);
    parts = [];
    partsLength = 0;
    return parseNdjsonLine(bytes, origin, () => (sawRecordLine = true));
  };

  for await (const chunk of createReadStream(file.path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    if (first) {
      first = false;
      const binary = checkTextBytes(chunk.subarray(0, 8192));
      if (binary) {
        yield rejectItem(file.path, binary);
        return;
      }
    }
    let start = 0;
    for (let nl = chunk.indexOf(10, start); nl >= 0; nl = chunk.indexOf(10, start)) {
      append(chunk.subarray(start, nl));
      start = nl + 1;
      const item = finishLine();
      if (item) yield item;
    }
    append(chunk.subarray(start));
  }
  if (partsLength > 0 || overflow) {
    const item = finishLine();
    if (item) yield item;
  }
  if (!sawRecordLine) yield rejectItem(file.path, 'empty file (only whitespace)');

  function append(piece: Buffer): void {
    if (overflow || piece.length === 0) return;
    if (partsLength + piece.length > maxLineBytes) {
      overflow = true;
      parts = [];
      partsLength = 0;
      return;
    }
    parts.push(piece);
    partsLength += piece.length;
  }
}

function parseNdjsonLine(bytes: Buffer, origin: string, markRecord: () => void): LoadItem | null {
  const binary = checkTextBytes(bytes);
  if (binary) {
    markRecord();
    return rejectItem(origin, binary);
  }
  const text = decodeUtf8(bytes);
  if (text === null) {
    markRecord();
    return rejectItem(origin, 'not valid UTF-8 text');
  }
  if (text.trim() === '') return null;
  markRecord();
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return rejectItem(origin, `malformed JSON line: ${jsonErrorMessage(err)}`);
  }
  return recordToItem(value, origin);
}

/** JSON.parse's message without its position and snippet (the origin already says where). */
function jsonErrorMessage(err: unknown): string {
  const raw = err instanceof Error ? err.message : String(err);
  return raw
    .replace(/, (?:\.\.\.)?".*" is not valid JSON$/s, '')
    .replace(/\s*(?:in JSON )?at position \d+.*$/s, '')
    .replace(/\s*\(line \d+ column \d+\)$/, '');
}
