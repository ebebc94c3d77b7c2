/**
 * Stored value counts (prefixfacets:<p>, one count per value of every facet). Dense arrays cost
 * 4 bytes per value per prefix: with the tagger's tens of thousands of places, organisations and
 * speakers over thousands of prefixes that was 3.2 GB of a 4.8 GB index at 1M passages, nearly
 * all zeros past two letters. So a section is stored sparse, as (index, count) pairs, whenever
 * that is smaller; readers get the dense array back either way.
 *
 * Layout: u32 total length n, u32 pair count k (0xffffffff: dense, then n × i32), else k × u32
 * indexes (ascending), then k × i32 counts.
 */
const DENSE = 0xffffffff;

export function encodeCounts(counts: Int32Array): Buffer {
  const n = counts.length;
  let k = 0;
  for (let i = 0; i < n; i++) if (counts[i] !== 0) k++;
  if (2 * k >= n) {
    const out = Buffer.alloc(8 + 4 * n);
    out.writeUInt32LE(n, 0);
    out.writeUInt32LE(DENSE, 4);
    Buffer.from(counts.buffer, counts.byteOffset, counts.byteLength).copy(out, 8);
    return out;
  }
  const out = Buffer.alloc(8 + 8 * k);
  out.writeUInt32LE(n, 0);
  out.writeUInt32LE(k, 4);
  const idx = new Uint32Array(out.buffer, out.byteOffset + 8, k);
  const val = new Int32Array(out.buffer, out.byteOffset + 8 + 4 * k, k);
  let j = 0;
  for (let i = 0; i < n; i++) {
    if (counts[i] === 0) continue;
    idx[j] = i;
    val[j++] = counts[i];
  }
  return out;
}

/** b must start on a 4-byte boundary (DataFileReader buffers do). */
export function decodeCounts(b: Uint8Array): Int32Array {
  const head = new Uint32Array(b.buffer, b.byteOffset, 2);
  const [n, k] = [head[0], head[1]];
  if (k === DENSE) return new Int32Array(b.buffer, b.byteOffset + 8, n);
  const out = new Int32Array(n);
  const idx = new Uint32Array(b.buffer, b.byteOffset + 8, k);
  const val = new Int32Array(b.buffer, b.byteOffset + 8 + 4 * k, k);
  for (let j = 0; j < k; j++) out[idx[j]] = val[j];
  return out;
}
