/**
 * Plain text and Markdown articles: optional YAML front matter, optional first line
 * `date YYYY-MM-DD [photo caption]`, then the body.
 */
import { parseDocument } from 'yaml';
import { extname } from 'node:path';
import { readMetaFields, rejectItem, type LoadItem } from './record.js';

/**
 * `date 2024-03-17 …` on the first line, leading whitespace allowed (the seeds have it). Only a
 * date-shaped value makes it a header: "date night was fun" stays body text. The value is checked
 * for existence later, so 2025-02-30 is reported rather than read as prose.
 */
const DATE_LINE = /^[ \t\u00a0]*date:?[ \t]+(\d{4}-\d{1,2}-\d{1,2})(?:[ \t]+(.*?))?[ \t]*$/i;
const FRONT_MATTER_OPEN = /^---[ \t]*\r?\n/;
const FRONT_MATTER_CLOSE = /^(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/m;

export function isMarkdownPath(path: string): boolean {
  const ext = extname(path).toLowerCase();
  return ext === '.md' || ext === '.markdown';
}

/** Parses one text/Markdown file's content (already decoded) into one article or a rejection. */
export function parseTextArticle(content: string, path: string): LoadItem {
  let body = content.replace(/^\uFEFF/, '');
  let meta: Record<string, string | undefined> = {};

  if (FRONT_MATTER_OPEN.test(body)) {
    const afterOpen = body.replace(FRONT_MATTER_OPEN, '');
    const close = FRONT_MATTER_CLOSE.exec(afterOpen);
    if (!close) return rejectItem(`${path}:1`, 'front matter opened with "---" is never closed');
    const yamlText = afterOpen.slice(0, close.index);
    const doc = parseDocument(yamlText);
    if (doc.errors.length > 0) {
      const err = doc.errors[0];
      // +1: the opening "---" line precedes the YAML.
      const line = (err.linePos?.[0]?.line ?? 0) + 1;
      return rejectItem(`${path}:${line}`, `invalid front matter: ${err.message.split('\n')[0]}`);
    }
    const data: unknown = doc.toJS();
    if (data !== null && data !== undefined) {
      if (typeof data !== 'object' || Array.isArray(data)) return rejectItem(`${path}:2`, 'front matter must be a mapping of fields');
      const fields = readMetaFields(data as Record<string, unknown>);
      if (!fields.ok) return rejectItem(path, `front matter: ${fields.reason}`);
      meta = fields.fields;
    }
    body = afterOpen.slice(close.index + close[0].length);
  }

  let caption: string | undefined;
  const firstLineEnd = body.indexOf('\n');
  const firstLine = firstLineEnd < 0 ? body : body.slice(0, firstLineEnd);
  const dateLine = DATE_LINE.exec(firstLine.replace(/\r$/, ''));
  if (dateLine) {
    // Front matter wins over the date line when both give one (front matter is the explicit field).
    meta.date ??= dateLine[1];
    if (dateLine[2]) caption = dateLine[2].trim();
    body = firstLineEnd < 0 ? '' : body.slice(firstLineEnd + 1);
  }

  if (isMarkdownPath(path)) {
    const md = markdownToText(body);
    body = md.text;
    if (md.heading && !meta.title) meta.title = md.heading;
  }
  if (body.trim() === '') return rejectItem(path, 'no article text after the header');
  return { kind: 'article', article: { origin: path, ...meta, ...(caption ? { caption } : {}), text: body } };
}

/**
 * Markdown → the plain text a reader sees, so offsets, highlights and snippets never show markup.
 * A leading `# Heading` becomes the title. This is a light pass over the syntax news exports use
 * (headings, emphasis, links, images, block quotes, lists, inline HTML), not a full CommonMark parser.
 */
export function markdownToText(markdown: string): { text: string; heading: string | null } {
  let heading: string | null = null;
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const firstContent = lines.findIndex((l) => l.trim() !== '');
  if (firstContent >= 0) {
    const h1 = /^#\s+(.+?)\s*#*\s*$/.exec(lines[firstContent]);
    if (h1) {
      heading = stripInline(h1[1]);
      lines.splice(firstContent, 1);
    }
  }
  const out = lines.map((line) => {
    if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(line)) return '';
    const bare = line
      .replace(/^\s{0,3}#{1,6}\s+/, '')
      .replace(/\s+#+\s*$/, '')
      .replace(/^\s{0,3}(?:>\s?)+/, '')
      .replace(/^\s*(?:[-*+]|\d{1,9}[.)])\s+/, '');
    return stripInline(bare);
  });
  return { text: out.join('\n'), heading };
}

function stripInline(s: string): string {
  return s
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '')
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1')
    .replace(/<\/?[A-Za-z][^>]*>/g, '')
    .replace(/`([^`]+)`/g, '$1')
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])/g, '$1')
    .replace(/(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])/g, '$1');
}
