/**
 * `--committed`: measure the code as committed, not the working tree. Several people edit the tree
 * while a long run goes; a half-saved engine file must not end a 1M run. The snapshot is
 * `git archive HEAD` of the code the workers load, with node_modules linked in; corpus, indexes and
 * results stay where they are (tasks carry absolute paths).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = fileURLToPath(new URL('../', import.meta.url));
const CODE = ['engine', 'indexer', 'server', 'bench', 'package.json', 'tsconfig.json'];

/** Returns the snapshot's root (reused when the same commit was snapshotted before). */
export function snapshotCommitted(): { root: string; commit: string } {
  const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: REPO, encoding: 'utf8' }).trim();
  const root = join(tmpdir(), `newsfacets-bench-${commit}`);
  if (!existsSync(join(root, 'bench', 'worker.ts'))) {
    mkdirSync(root, { recursive: true });
    const tar = execFileSync('git', ['archive', '--format=tar', 'HEAD', '--', ...CODE], { cwd: REPO, maxBuffer: 1 << 30 });
    execFileSync('tar', ['-x', '-C', root], { input: tar });
    if (!existsSync(join(root, 'node_modules'))) symlinkSync(join(REPO, 'node_modules'), join(root, 'node_modules'));
  }
  return { root, commit };
}
