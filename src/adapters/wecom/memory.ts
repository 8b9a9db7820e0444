/**
 * What the adapter remembers between frames, all bounded: the frames it may still answer, the
 * message ids it has handed on, what it sent (to recognise quotes of itself), the replies in
 * flight per person, and one queue per chat so the core sees a chat's messages in order.
 */

/** A Map that forgets its oldest entries beyond `capacity`; setting a key again makes it newest. */
export class BoundedMap<K, V> {
  private readonly entries = new Map<K, V>();
  constructor(private readonly capacity: number) {}

  get(key: K): V | undefined {
    return this.entries.get(key);
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  set(key: K, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as K);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** A frame that may still be answered, and when it arrived. */
export interface HeldFrame<F> {
  frame: F;
  /** Epoch ms at arrival. */
  at: number;
  /** Events (enter_chat) are answered with a welcome, messages with a stream reply. */
  kind: 'message' | 'event';
  /** Who wrote it; "at most three replies in flight" counts per person. */
  userId: string;
}

/** One message the bot sent to a chat, to tell whether a later quote quotes it. */
interface SentEntry {
  id: string;
  key: string;
}

const PER_CHAT = 50;
const MIN_QUOTE = 4;

/**
 * Remembers the last messages sent to each chat. WeCom quotes carry the quoted text but no
 * message id or author, so a quote is the bot's when its text is the start of something the
 * bot sent there (WeCom may shorten a long quote).
 */
export class SentLog {
  private readonly chats: BoundedMap<string, SentEntry[]>;
  constructor(capacity: number) {
    this.chats = new BoundedMap(capacity);
  }

  record(chatId: string, id: string, text: string): void {
    const list = this.chats.get(chatId) ?? [];
    list.push({ id, key: quoteKey(text) });
    if (list.length > PER_CHAT) list.shift();
    this.chats.set(chatId, list);
  }

  /** The id of the latest message sent to `chatId` that `quoted` quotes, if any. */
  find(chatId: string, quoted: string): string | undefined {
    const key = quoteKey(quoted);
    if (key.length < MIN_QUOTE) return undefined;
    const list = this.chats.get(chatId) ?? [];
    for (let i = list.length - 1; i >= 0; i--) {
      if (list[i].key.startsWith(key) || key.startsWith(list[i].key)) return list[i].id;
    }
    return undefined;
  }
}

/**
 * Text reduced to what survives quoting: no mentions (sent as `<@userid>`, shown as `@name`),
 * no markdown marks, no blanks, no trailing ellipsis.
 */
export function quoteKey(text: string): string {
  return text
    .replace(/<@[^>]*>/g, '')
    .replace(/@\S+/g, '')
    .replace(/[*_`>#~]/g, '')
    .replace(/\s+/g, '')
    .replace(/(\.{3}|…+)$/, '');
}

/**
 * At most `max` tasks at once per key; the others wait in call order. WeCom keeps at most
 * three interactions with one person in progress.
 */
export class KeyedLimiter {
  private readonly running = new Map<string, number>();
  private readonly waiting = new Map<string, Array<() => void>>();
  constructor(private readonly max: number) {}

  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    await this.acquire(key);
    try {
      return await task();
    } finally {
      this.release(key);
    }
  }

  private acquire(key: string): Promise<void> {
    const count = this.running.get(key) ?? 0;
    if (count < this.max) {
      this.running.set(key, count + 1);
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const queue = this.waiting.get(key) ?? [];
      queue.push(resolve);
      this.waiting.set(key, queue);
    });
  }

  private release(key: string): void {
    const next = this.waiting.get(key)?.shift();
    if (next) {
      next(); // the slot passes straight on
      return;
    }
    if (this.waiting.get(key)?.length === 0) this.waiting.delete(key);
    const count = (this.running.get(key) ?? 1) - 1;
    if (count > 0) this.running.set(key, count);
    else this.running.delete(key);
  }
}

/**
 * Runs tasks one after another per key (per chat) so the core sees a chat's messages in
 * order, while chats proceed concurrently. A failing task never blocks the next.
 */
export class ChatQueues {
  private readonly tails = new Map<string, Promise<void>>();

  push(key: string, task: () => Promise<void>): void {
    const next = (this.tails.get(key) ?? Promise.resolve()).then(task).catch(() => undefined);
    this.tails.set(key, next);
    void next.then(() => {
      if (this.tails.get(key) === next) this.tails.delete(key);
    });
  }

  /** Resolves when every queued task has finished (tasks queued meanwhile included). */
  async drain(): Promise<void> {
    while (this.tails.size) await Promise.all([...this.tails.values()]);
  }
}
