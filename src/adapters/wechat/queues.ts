/** Small in-memory helpers: a bounded seen-set and per-key sequential queues. */

/**
 * Remembers the last `capacity` keys. Puppet services replay recent messages after a
 * restart; this saves the core a round trip to its durable dedupe table.
 */
export class SeenSet {
  private readonly keys = new Map<string, true>();
  constructor(private readonly capacity = 5000) {}

  /** Records `key`; returns false when it was already seen. */
  add(key: string): boolean {
    if (this.keys.has(key)) {
      // Refresh so a message replayed again and again stays remembered.
      this.keys.delete(key);
      this.keys.set(key, true);
      return false;
    }
    this.keys.set(key, true);
    if (this.keys.size > this.capacity) this.keys.delete(this.keys.keys().next().value as string);
    return true;
  }

  get size(): number {
    return this.keys.size;
  }
}

/**
 * Runs tasks one after another per key (per chat) so the core sees a chat's messages in
 * order, while different chats proceed concurrently. A failing task never blocks the next.
 */
export class KeyedQueues {
  private readonly tails = new Map<string, Promise<void>>();

  push(key: string, task: () => Promise<void>): Promise<void> {
    const prev = this.tails.get(key) ?? Promise.resolve();
    const next = prev.then(task).catch(() => undefined);
    this.tails.set(key, next);
    // Drop finished queues so the map does not grow with every chat ever seen.
    void next.then(() => {
      if (this.tails.get(key) === next) this.tails.delete(key);
    });
    return next;
  }

  /** Like {@link push}, but hands back the task's own result or error. */
  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    let settle!: { ok: true; value: T } | { ok: false; error: unknown };
    return this.push(key, async () => {
      try {
        settle = { ok: true, value: await task() };
      } catch (error) {
        settle = { ok: false, error };
      }
    }).then(() => {
      if (settle.ok) return settle.value;
      throw settle.error;
    });
  }

  /** Resolves when every queued task has finished (tasks queued meanwhile included). */
  async drain(): Promise<void> {
    while (this.tails.size) await Promise.all([...this.tails.values()]);
  }
}
