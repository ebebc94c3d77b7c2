/**
 * The environment → engine configuration: defaults, the embedded engine's memory switches, and
 * one readable error for a bad value.
 */
import { engineConfigOf, loadConfig } from '../../server/config.js';

describe('engine configuration from the environment', () => {
  test('by default the embedded engine keeps its postings resident and maps its documents', () => {
    expect(engineConfigOf(loadConfig({}))).toMatchObject({ kind: 'embedded', dataDir: './data', indexName: 'passages', residentPostings: true, docsMmap: true });
  });

  test('ENGINE_RESIDENT_POSTINGS=false and ENGINE_DOCS_MMAP=false turn them off', () => {
    expect(engineConfigOf(loadConfig({ ENGINE_RESIDENT_POSTINGS: 'false', ENGINE_DOCS_MMAP: 'false' }))).toMatchObject({ residentPostings: false, docsMmap: false });
  });

  test('a value other than true or false is a configuration error naming the variable', () => {
    expect(() => loadConfig({ ENGINE_DOCS_MMAP: 'yes' })).toThrow(/Invalid configuration:\n {2}ENGINE_DOCS_MMAP: /);
  });
});
