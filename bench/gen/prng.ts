/**
 * Seeded randomness for the corpus generator. Our own PRNG (sfc32) so a seed gives the same corpus on
 * every Node version, and Zipf sampling by inverse CDF so drawing from millions of ranks costs O(1).
 */

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number;
  pick<T>(items: readonly T[]): T;
}

/** Deterministic 32-bit hash of a string, to derive sub-seeds ("names", "topics") from one seed. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

export function createRng(seed: number | string): Rng {
  const s = typeof seed === 'string' ? hash32(seed) : seed >>> 0;
  let a = 0x9e3779b9, b = 0x243f6a88, c = 0xb7e15162, d = s;
  const next = (): number => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // sfc32 needs a few rounds before its output stops reflecting the seed's bit pattern.
  for (let i = 0; i < 15; i++) next();
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (items) => items[Math.floor(next() * items.length)],
  };
}

/**
 * Zipf-distributed ranks 0..n-1 (rank 0 most frequent) with exponent `s`, by inverting the
 * continuous approximation of the CDF. Exact enough for realistic skew; constant time per draw.
 */
export function zipfSampler(rng: Rng, n: number, s = 1, offset = 0): () => number {
  if (!(n >= 1)) throw new Error(`zipfSampler: option "n" must be >= 1, got ${n}`);
  if (!(s > 0)) throw new Error(`zipfSampler: option "s" must be > 0, got ${s}`);
  if (!(offset >= 0)) throw new Error(`zipfSampler: option "offset" must be >= 0, got ${offset}`);
  // Zipf–Mandelbrot: p(k) ∝ 1/(k + 1 + offset)^s. Ranks live on [lo, hi) of the continuous scale.
  const lo = 1 + offset;
  const hi = n + 1 + offset;
  const clamp = (x: number): number => Math.min(n - 1, Math.max(0, Math.floor(x) - lo));
  if (Math.abs(s - 1) < 1e-9) {
    const a = Math.log(lo);
    const span = Math.log(hi) - a;
    return () => clamp(Math.exp(a + rng.next() * span));
  }
  const e = 1 - s;
  const a = Math.pow(lo, e);
  const span = Math.pow(hi, e) - a;
  return () => clamp(Math.pow(a + rng.next() * span, 1 / e));
}

/** `count` distinct ranks from a Zipf sampler (redraws duplicates; count must be far below n). */
export function distinctDraws(draw: () => number, count: number): number[] {
  const out: number[] = [];
  for (let tries = 0; out.length < count && tries < count * 20; tries++) {
    const r = draw();
    if (!out.includes(r)) out.push(r);
  }
  return out;
}
