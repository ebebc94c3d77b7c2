/**
 * A least-recently-used map bounded by the summed size its callers declare for each entry. An
 * entry's `release`, if given, runs when the map lets go of it (evicted, replaced or cleared).
 */
export class LruCache<V> {
  private readonly map = new Map<number | string, { v: V; size: number; release?: () => void }>();
  private total = 0;
  constructor(private readonly maxSize: number) {}

  get(k: number | string): V | undefined {
    const e = this.map.get(k);
    if (!e) return undefined;
    this.map.delete(k);
    this.map.set(k, e);
    return e.v;
  }

  /** Caches v; when it is larger than the whole cache it is not kept, and released at once. */
  set(k: number | string, v: V, size: number, release?: () => void): void {
    if (size > this.maxSize) {
      release?.();
      return;
    }
    const old = this.map.get(k);
    if (old) {
      this.map.delete(k);
      this.total -= old.size;
      if (old.v !== v) old.release?.();
    }
    this.map.set(k, { v, size, release });
    this.total += size;
    for (const [key, e] of this.map) {
      if (this.total <= this.maxSize) break;
      this.map.delete(key);
      this.total -= e.size;
      e.release?.();
    }
  }

  clear(): void {
    const entries = [...this.map.values()];
    this.map.clear();
    this.total = 0;
    for (const e of entries) e.release?.();
  }
}
