/** A least-recently-used map bounded by the summed size its callers declare for each entry. */
export class LruCache<V> {
  private readonly map = new Map<number | string, { v: V; size: number }>();
  private total = 0;
  constructor(private readonly maxSize: number) {}

  get(k: number | string): V | undefined {
    const e = this.map.get(k);
    if (!e) return undefined;
    this.map.delete(k);
    this.map.set(k, e);
    return e.v;
  }

  set(k: number | string, v: V, size: number): void {
    if (size > this.maxSize) return;
    const old = this.map.get(k);
    if (old) {
      this.map.delete(k);
      this.total -= old.size;
    }
    this.map.set(k, { v, size });
    this.total += size;
    for (const [key, e] of this.map) {
      if (this.total <= this.maxSize) break;
      this.map.delete(key);
      this.total -= e.size;
    }
  }

  clear(): void {
    this.map.clear();
    this.total = 0;
  }
}
