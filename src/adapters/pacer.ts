/**
 * Paces sends of one bot account so platforms don't ban or throttle it. Every rule is
 * optional; sends are serialised per account, so `wait` resolves in call order.
 *
 * @example
 * const pacer = new Pacer({ sameChatGapMs: 1000, otherChatGapMs: 3000, perMinute: 40, jitterMs: 500 });
 * await pacer.wait(roomId); await room.say(text);
 */
export interface PacingRules {
  /** Least time between two messages to the same chat. */
  sameChatGapMs?: number;
  /** Least time between a message to one chat and the next to another chat. */
  otherChatGapMs?: number;
  /** Most messages per rolling minute for the whole account. */
  perMinute?: number;
  /** Most messages per rolling minute to one chat. */
  perChatPerMinute?: number;
  /** Most messages per rolling second for the whole account. */
  perSecond?: number;
  /** Random extra delay up to this many ms, added to each computed wait. */
  jitterMs?: number;
}

export interface PacerTime {
  now(): number;
  sleep(ms: number): Promise<void>;
  random(): number;
}

const realTime: PacerTime = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

const MINUTE = 60_000;
const SECOND = 1_000;

export class Pacer {
  private lastAt = -Infinity;
  private lastChat: string | undefined;
  private readonly lastByChat = new Map<string, number>();
  private readonly recent: number[] = [];
  private readonly recentByChat = new Map<string, number[]>();
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly rules: PacingRules,
    private readonly time: PacerTime = realTime,
  ) {}

  /** Waits until a message to `chatId` may be sent, then counts it as sent. */
  wait(chatId: string): Promise<void> {
    const turn = this.queue.then(() => this.take(chatId));
    this.queue = turn.catch(() => undefined);
    return turn;
  }

  /** Pushes the next send back, e.g. after a platform answered 429 with retry-after. */
  backOff(ms: number): void {
    this.lastAt = Math.max(this.lastAt, this.time.now() + ms);
    this.lastChat = undefined;
  }

  private async take(chatId: string): Promise<void> {
    for (;;) {
      const delay = this.delayFor(chatId, this.time.now());
      if (delay <= 0) break;
      const jitter = this.rules.jitterMs ? Math.floor(this.time.random() * this.rules.jitterMs) : 0;
      await this.time.sleep(delay + jitter);
    }
    this.record(chatId, this.time.now());
  }

  private delayFor(chatId: string, now: number): number {
    const r = this.rules;
    let readyAt = now;
    if (this.lastAt > now) readyAt = this.lastAt;
    if (r.sameChatGapMs) readyAt = Math.max(readyAt, (this.lastByChat.get(chatId) ?? -Infinity) + r.sameChatGapMs);
    if (r.otherChatGapMs && this.lastChat !== undefined && this.lastChat !== chatId) {
      readyAt = Math.max(readyAt, this.lastAt + r.otherChatGapMs);
    }
    if (r.perMinute) readyAt = Math.max(readyAt, windowReadyAt(this.recent, r.perMinute, MINUTE, now));
    if (r.perSecond) readyAt = Math.max(readyAt, windowReadyAt(this.recent, r.perSecond, SECOND, now));
    if (r.perChatPerMinute) {
      readyAt = Math.max(readyAt, windowReadyAt(this.recentByChat.get(chatId) ?? [], r.perChatPerMinute, MINUTE, now));
    }
    return readyAt - now;
  }

  private record(chatId: string, now: number): void {
    this.lastAt = now;
    this.lastChat = chatId;
    this.lastByChat.set(chatId, now);
    this.recent.push(now);
    trim(this.recent, now - MINUTE);
    const mine = this.recentByChat.get(chatId) ?? [];
    mine.push(now);
    trim(mine, now - MINUTE);
    this.recentByChat.set(chatId, mine);
    if (this.lastByChat.size > 10_000) this.forgetIdleChats(now);
  }

  private forgetIdleChats(now: number): void {
    for (const [chat, at] of this.lastByChat) {
      if (now - at > MINUTE) {
        this.lastByChat.delete(chat);
        this.recentByChat.delete(chat);
      }
    }
  }
}

/** When the oldest send inside the window leaves it, given at most `limit` sends per window. */
function windowReadyAt(sends: number[], limit: number, windowMs: number, now: number): number {
  let inWindow = 0;
  for (let i = sends.length - 1; i >= 0 && sends[i] > now - windowMs; i--) inWindow++;
  if (inWindow < limit) return now;
  return sends[sends.length - limit] + windowMs;
}

function trim(sends: number[], before: number): void {
  let drop = 0;
  while (drop < sends.length && sends[drop] <= before) drop++;
  if (drop) sends.splice(0, drop);
}
