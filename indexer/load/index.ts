/**
 * Loading: paths → a stream of raw articles and rejections, file by file in a deterministic
 * order, so memory holds one file (or one NDJSON line) at a time, never the whole input.
 */
import { DEFAULT_MAX_FILE_BYTES, readTextFile, walkInputs, type InputFile } from './files.js';
import { parseJsonArticles, streamNdjsonArticles } from './json.js';
import { rejectItem, type LoadItem } from './record.js';
import { parseTextArticle } from './text.js';

export type { LoadItem, LoadedArticle } from './record.js';
export { DEFAULT_MAX_FILE_BYTES, walkInputs, newestInputMtime, INPUT_EXTENSIONS } from './files.js';

export interface LoadOptions {
  /** Files read whole (text, Markdown, JSON) above this size are rejected unread; also the NDJSON line limit. */
  maxFileBytes?: number;
}

export function validateLoadOptions(options: LoadOptions): Required<LoadOptions> {
  const maxFileBytes = options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES;
  if (!Number.isInteger(maxFileBytes) || maxFileBytes <= 0) {
    throw new Error(`Indexer: option "maxFileBytes" must be a positive integer, got ${maxFileBytes}`);
  }
  return { maxFileBytes };
}

export async function* loadArticles(paths: readonly string[], options: LoadOptions = {}): AsyncGenerator<LoadItem> {
  const { maxFileBytes } = validateLoadOptions(options);
  const walk = await walkInputs(paths);
  for (const rejection of walk.rejected) yield { kind: 'rejection', rejection };
  for (const file of walk.files) yield* loadFile(file, maxFileBytes);
}

const originOf = (item: LoadItem): string => (item.kind === 'article' ? item.article.origin : item.rejection.origin);

/**
 * loadArticles() for a second pass that knows which records it wants: only the items at these
 * origins. NDJSON lines elsewhere are skipped before they are decoded or parsed, and text files
 * elsewhere are not read; the first pass already reported every rejection.
 */
export async function* loadArticlesAt(paths: readonly string[], origins: ReadonlySet<string>, options: LoadOptions = {}): AsyncGenerator<LoadItem> {
  const { maxFileBytes } = validateLoadOptions(options);
  const walk = await walkInputs(paths);
  for (const file of walk.files) {
    if (file.format === 'text' && !origins.has(file.path)) continue;
    for await (const item of loadFile(file, maxFileBytes, origins)) if (origins.has(originOf(item))) yield item;
  }
}

export async function* loadFile(file: InputFile, maxFileBytes: number, origins?: ReadonlySet<string>): AsyncGenerator<LoadItem> {
  try {
    if (file.format === 'ndjson') {
      yield* streamNdjsonArticles(file, maxFileBytes, origins);
      return;
    }
    const read = await readTextFile(file, maxFileBytes);
    if (!read.ok) {
      yield rejectItem(file.path, read.reason);
      return;
    }
    if (file.format === 'json') yield* parseJsonArticles(read.text, file.path);
    else yield parseTextArticle(read.text, file.path);
  } catch (err) {
    // A file that vanished or became unreadable between the walk and the read: its problem, not the run's.
    const code = (err as NodeJS.ErrnoException)?.code;
    yield rejectItem(file.path, `cannot read (${code ?? (err instanceof Error ? err.message : String(err))})`);
  }
}
