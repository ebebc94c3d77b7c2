import { mkdtempSync, mkdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadArticles, loadArticlesAt, type LoadItem } from '../../indexer/load/index.js';
import { markdownToText } from '../../indexer/load/text.js';

async function collect(paths: string[], maxFileBytes?: number): Promise<LoadItem[]> {
  const out: LoadItem[] = [];
  for await (const item of loadArticles(paths, { maxFileBytes })) out.push(item);
  return out;
}
const articles = (items: LoadItem[]) => items.flatMap((i) => (i.kind === 'article' ? [i.article] : []));
const rejections = (items: LoadItem[]) => items.flatMap((i) => (i.kind === 'rejection' ? [i.rejection] : []));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'nf-load-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, content: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe('seeds (plain text)', () => {
  test('five articles in file-name order; the date line and its caption are kept out of the body', async () => {
    const items = await collect(['seeds']);
    expect(rejections(items)).toEqual([]);
    const got = articles(items);
    expect(got.map((a) => a.origin)).toEqual([
      'seeds/000_9153a9bdaae7da52.txt',
      'seeds/001_511f5539208b600b.txt',
      'seeds/002_9ed90721f07426c1.txt',
      'seeds/003_2c0e9143ce19bf27.txt',
      'seeds/004_1b458f87f4b913ed.txt',
    ]);
    expect(got[0].date).toBe('2024-03-17');
    expect(got[0].caption).toBe('Defence Minister Khawaja Asif is addressing the media in Sialkot on March 17, 2024. — APP');
    expect(got[0].text.trimStart().startsWith('Defence Minister Khawaja Asif has said that militants')).toBe(true);
    expect(got[0].text).not.toContain('date 2024-03-17');
    expect(got.slice(1).map((a) => a.date)).toEqual([undefined, undefined, undefined, undefined]);
    expect(got[1].text.startsWith('ISLAMABAD: Pakistan’s Defense Minister')).toBe(true);
    expect(got[4].text.startsWith('VANCOUVER, CANADA – Khawaja Muhammad Asif')).toBe(true);
  });

  test('a date line without caption, with a colon, and prose starting with "date" that is not one', async () => {
    const a = file('a.txt', 'date 2024-01-05\nBody one.');
    const b = file('b.txt', '\tDate: 2024-01-06   \r\nBody two.');
    const c = file('c.txt', 'date night was fun, the mayor said.\nMore.');
    const got = articles(await collect([a, b, c]));
    expect(got.map((x) => [x.date, x.text, x.caption])).toEqual([
      ['2024-01-05', 'Body one.', undefined],
      ['2024-01-06', 'Body two.', undefined],
      [undefined, 'date night was fun, the mayor said.\nMore.', undefined],
    ]);
  });

  test('an impossible date on the date line is passed on as written (the article stage rejects it)', async () => {
    const got = articles(await collect([file('x.txt', 'date 2025-02-30\nText.')]));
    expect(got[0].date).toBe('2025-02-30');
  });
});

describe('Markdown and front matter', () => {
  test('front matter fields, a leading heading and inline markup', async () => {
    const md = file(
      'story.md',
      '---\ntitle: "Budget passed"\ndate: 2024-06-01\nsource: Dawn\nurl: https://example.com/a?utm_source=x\n---\n# Ignored heading\n\nThe **finance minister** said [the budget](https://x.y) was *fair*.\n> “We did it,” she said.\n',
    );
    const [a] = articles(await collect([md]));
    expect(a).toEqual({
      origin: md,
      title: 'Budget passed',
      date: '2024-06-01',
      source: 'Dawn',
      url: 'https://example.com/a?utm_source=x',
      text: '\nThe finance minister said the budget was fair.\n“We did it,” she said.\n',
    });
  });

  test('a leading # heading is the title when front matter has none', () => {
    expect(markdownToText('# Floods in Sindh\n\n- first *point*\n1. second\n***\n![pic](p.png)end')).toEqual({
      heading: 'Floods in Sindh',
      text: '\nfirst point\nsecond\n\nend',
    });
  });

  test('front matter errors are rejections with the line', async () => {
    const bad = file('bad.md', '---\ntitle: ok\nkey: a: b\n---\nBody');
    const open = file('open.md', '---\ntitle: never closed\nBody');
    const typed = file('typed.md', '---\ntitle: [a, b]\n---\nBody');
    const rej = rejections(await collect([bad, open, typed]));
    expect(rej.map((r) => r.origin)).toEqual([`${bad}:3`, `${open}:1`, typed]);
    expect(rej[0].reason).toMatch(/^invalid front matter: /);
    expect(rej[1].reason).toBe('front matter opened with "---" is never closed');
    expect(rej[2].reason).toBe('front matter: field "title" must be a string, got an array');
  });
});

describe('JSON and NDJSON', () => {
  test('one record, an array of records, and records without text', async () => {
    const one = file('one.json', JSON.stringify({ id: 7, title: 'T', date: '2024-02-02', text: 'Hello.' }));
    const many = file('many.json', JSON.stringify([{ text: 'A.' }, { title: 'no text' }, { text: 42 }, 'str', { text: 'B.', url: 'https://e.com/b' }]));
    const items = await collect([many, one]);
    expect(articles(items)).toEqual([
      { origin: `${many}[0]`, text: 'A.' },
      { origin: `${many}[4]`, url: 'https://e.com/b', text: 'B.' },
      { origin: one, id: '7', title: 'T', date: '2024-02-02', text: 'Hello.' },
    ]);
    expect(rejections(items)).toEqual([
      { origin: `${many}[1]`, reason: 'record has no "text"' },
      { origin: `${many}[2]`, reason: 'field "text" must be a string, got a number' },
      { origin: `${many}[3]`, reason: 'expected a record object, got a string' },
    ]);
  });

  test('malformed JSON is reported with its line', async () => {
    const bad = file('bad.json', '[\n{"text": "a"},\n{"text": }\n]');
    const rej = rejections(await collect([bad]));
    expect(rej).toHaveLength(1);
    expect(rej[0].origin).toBe(`${bad}:3`);
    expect(rej[0].reason).toBe("invalid JSON: Unexpected token '}'");
  });

  test('NDJSON content in a .json file gets a hint', async () => {
    const misnamed = file('feed.json', '{"text":"a"}\n{"text":"b"}\n');
    expect(rejections(await collect([misnamed]))).toEqual([
      { origin: `${misnamed}:2`, reason: 'invalid JSON: Unexpected non-whitespace character after JSON (it looks like one record per line: name the file .ndjson)' },
    ]);
  });

  test('NDJSON: each bad line is one rejection at path:line, the good lines load', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"text":"first"}\n\n{"text": broken\n{"title":"x"}\r\n'),
      Buffer.from([0x7b, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d, 0x0a]),
      Buffer.from('{"text":"last","id":"abc"}'),
    ]);
    const nd = file('feed.ndjson', bytes);
    const items = await collect([nd]);
    expect(articles(items)).toEqual([
      { origin: `${nd}:1`, text: 'first' },
      { origin: `${nd}:6`, id: 'abc', text: 'last' },
    ]);
    const rej = rejections(items);
    expect(rej.map((r) => r.origin)).toEqual([`${nd}:3`, `${nd}:4`, `${nd}:5`]);
    expect(rej[0].reason).toMatch(/^malformed JSON line: /);
    expect(rej[1].reason).toBe('record has no "text"');
    expect(rej[2].reason).toBe('not valid UTF-8 text');
  });

  test('NDJSON: an over-long line is rejected without stopping the file', async () => {
    const nd = file('long.jsonl', `${JSON.stringify({ text: 'x'.repeat(300) })}\n{"text":"ok"}\n`);
    const items = await collect([nd], 100);
    expect(rejections(items)).toEqual([{ origin: `${nd}:1`, reason: 'line too long (over 100 bytes)' }]);
    expect(articles(items)).toEqual([{ origin: `${nd}:2`, text: 'ok' }]);
  });
});

describe('a second pass by origin (loadArticlesAt)', () => {
  async function collectAt(paths: string[], origins: string[]): Promise<LoadItem[]> {
    const out: LoadItem[] = [];
    for await (const item of loadArticlesAt(paths, new Set(origins))) out.push(item);
    return out;
  }

  test('only the records at the given origins, across NDJSON, JSON and text files', async () => {
    const nd = file('feed.ndjson', '{"text":"one"}\n{"text":"two"}\n{"text":"three"}\n');
    const js = file('set.json', '[{"text":"a"},{"text":"b"}]');
    const tx = file('note.txt', 'plain body');
    const other = file('other.txt', 'not wanted');
    const items = await collectAt([dir], [`${nd}:2`, `${js}[1]`, tx]);
    expect(rejections(items)).toEqual([]);
    expect(articles(items).map((a) => [a.origin, a.text])).toEqual([
      [`${nd}:2`, 'two'],
      [tx, 'plain body'],
      [`${js}[1]`, 'b'],
    ]);
    expect(articles(await collectAt([other], []))).toEqual([]);
  });

  test('NDJSON lines elsewhere are not parsed: a malformed one is no rejection', async () => {
    const nd = file('feed.jsonl', '{"text": broken\n{"text":"kept"}\n{"title":"no text"}\n');
    expect(await collectAt([nd], [`${nd}:2`])).toEqual([{ kind: 'article', article: { origin: `${nd}:2`, text: 'kept' } }]);
    expect(rejections(await collect([nd])).map((r) => r.origin)).toEqual([`${nd}:1`, `${nd}:3`]);
  });
});

describe('bad files and directory walks', () => {
  test('empty, blank, binary, invalid UTF-8 and too large files are rejected with their reason', async () => {
    file('a-empty.txt', '');
    file('b-blank.md', ' \n\t\n');
    file('c-binary.txt', Buffer.from([0x47, 0x49, 0x46, 0x00, 0x01]));
    file('d-latin1.txt', Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]));
    truncateSync(file('e-huge.txt', ''), 50 * 1024 * 1024);
    file('f-empty.ndjson', '');
    file('g-blank.ndjson', '\n\n');
    file('h-good.txt', 'Fine text.');
    const items = await collect([dir]);
    expect(rejections(items)).toEqual([
      { origin: join(dir, 'a-empty.txt'), reason: 'empty file' },
      { origin: join(dir, 'b-blank.md'), reason: 'empty file (only whitespace)' },
      { origin: join(dir, 'c-binary.txt'), reason: 'binary content (NUL byte at offset 3)' },
      { origin: join(dir, 'd-latin1.txt'), reason: 'not valid UTF-8 text' },
      { origin: join(dir, 'e-huge.txt'), reason: 'file too large (50.0 MB; the limit is 10.0 MB)' },
      { origin: join(dir, 'f-empty.ndjson'), reason: 'empty file' },
      { origin: join(dir, 'g-blank.ndjson'), reason: 'empty file (only whitespace)' },
    ]);
    expect(articles(items).map((a) => a.origin)).toEqual([join(dir, 'h-good.txt')]);
  });

  test('walks are sorted and recursive; hidden entries skipped; other types and missing paths reported', async () => {
    mkdirSync(join(dir, 'sub'));
    file('sub/b.txt', 'B');
    file('a.md', 'A');
    file('Z.json', '{"text":"Z"}');
    file('.hidden.txt', 'H');
    file('photo.png', 'PNG');
    const named = file('notes.log', 'L');
    // Named explicitly first, notes.log is read as text; the walk then does not see it twice.
    const items = await collect([named, dir, join(dir, 'missing.txt'), join(dir, 'a.md')]);
    expect(articles(items).map((a) => a.origin)).toEqual([named, join(dir, 'Z.json'), join(dir, 'a.md'), join(dir, 'sub/b.txt')]);
    expect(rejections(items)).toEqual([
      { origin: join(dir, 'photo.png'), reason: 'unsupported file type ".png" (supported: .txt, .text, .md, .markdown, .json, .ndjson, .jsonl)' },
      { origin: join(dir, 'missing.txt'), reason: 'no such file or directory' },
    ]);
  });

  test('an option out of range is refused at construction', async () => {
    await expect(collect(['seeds'], -1)).rejects.toThrow('Indexer: option "maxFileBytes" must be a positive integer, got -1');
  });
});
