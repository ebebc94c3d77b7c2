/**
 * One-shot key bootstrap for docker compose (see keys.ts): with the master key, ensure the search
 * key and the indexer key exist and write their values to KEYS_DIR for the api and indexer.
 *
 * Environment: MEILI_URL, MEILI_MASTER_KEY, MEILI_INDEX (default passages), KEYS_DIR (default /keys).
 */
import { MeilisearchApiError, MeilisearchError } from 'meilisearch';
import { bootstrapKeys } from './keys.js';

const { MEILI_URL: url, MEILI_MASTER_KEY: masterKey } = process.env;
const dir = process.env.KEYS_DIR || '/keys';
if (!url || !masterKey) {
  process.stderr.write('keys: MEILI_URL and MEILI_MASTER_KEY are required\n');
  process.exit(2);
}
bootstrapKeys({ url, masterKey, indexName: process.env.MEILI_INDEX || 'passages', dir, log: (l) => process.stderr.write(`${l}\n`) })
  .then(() => process.stdout.write(`${JSON.stringify({ keys: ['search', 'indexer'], dir })}\n`))
  .catch((err: unknown) => {
    // Meilisearch errors: name and code only (their messages and request errors can carry the URL).
    const what =
      err instanceof MeilisearchApiError ? `${err.name} ${err.cause?.code ?? ''}` : err instanceof MeilisearchError ? err.name : String(err);
    process.stderr.write(`keys: failed: ${what}\n`);
    process.exit(1);
  });
