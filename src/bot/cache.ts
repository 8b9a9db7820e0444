/**
 * A small time-limited memo for org data that intake reads on every message (chats, speakers,
 * place chains, heads, mentions). Org data changes rarely; a change made in this process
 * invalidates its entry, one made elsewhere is seen within `ttlMs`.
 */
export class TtlCache {
  private readonly entries = new Map<string, { value: unknown; until: number }>();

  constructor(
    private readonly ttlMs = 60_000,
    private readonly maxEntries = 50_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached value for `key`, computing and storing it when missing or stale. */
  async get<T>(key: string, compute: () => Promise<T>): Promise<T> {
    const hit = this.entries.get(key);
    const now = this.now();
    if (hit && hit.until > now) return hit.value as T;
    const value = await compute();
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { value, until: now + this.ttlMs });
    return value;
  }

  /** The cached value, or undefined when missing or stale. */
  peek<T>(key: string): T | undefined {
    const hit = this.entries.get(key);
    return hit && hit.until > this.now() ? (hit.value as T) : undefined;
  }

  set(key: string, value: unknown): void {
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { value, until: this.now() + this.ttlMs });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
