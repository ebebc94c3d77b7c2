import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { warmPageCache } from '../../bench/page-cache.js';

test('warming the page cache reads every byte of the files and folders named, and skips paths that do not exist', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nf-warm-'));
  try {
    mkdirSync(join(dir, 'passages'));
    writeFileSync(join(dir, 'passages', 'gen-1.data'), Buffer.alloc(9 << 20, 1)); // more than one 8 MB read
    writeFileSync(join(dir, 'passages', 'gen-1.sqlite'), Buffer.alloc(1234, 2));
    writeFileSync(join(dir, 'peer.db'), Buffer.alloc(10, 3));
    expect(warmPageCache([dir]).bytes).toBe((9 << 20) + 1234 + 10);
    expect(warmPageCache([join(dir, 'peer.db'), join(dir, 'missing.db')]).bytes).toBe(10);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
