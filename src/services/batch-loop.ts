/**
 * The loop of a durable job that works in batches (the outbox sender, the media fetcher): one
 * batch after another while there is work, a sleep of `idleMs` when there is none, cut short by
 * `wake()`. Batches never overlap, so `drain()` waits for the loop's batch and keeps order.
 */
export class BatchLoop {
  private running = false;
  private loop: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;
  private busy: Promise<unknown> = Promise.resolve();

  /**
   * @param batch handles what is due now and says how many rows it handled (0: nothing to do)
   * @param onError hears a batch that threw; the loop goes on
   */
  constructor(
    private readonly batch: () => Promise<number>,
    private readonly idleMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Starts the loop (after `first`, when given); a second call does nothing. */
  start(first?: () => Promise<void>): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run(first);
  }

  /** Stops after the batch in hand. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

  /** There is new work: no need to wait for the next poll. */
  wake(): void {
    this.wakeUp?.();
  }

  /** The loop was started and has been told to stop: a batch should hand back what it has not begun. */
  get stopping(): boolean {
    return !this.running && this.loop !== null;
  }

  /** Runs batches until one finds nothing; returns how many rows were handled. For tests and shutdown. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const handled = await this.exclusive();
      total += handled;
      if (!handled) return total;
    }
  }

  private async run(first?: () => Promise<void>): Promise<void> {
    if (first) await first();
    while (this.running) {
      let handled = 0;
      try {
        handled = await this.exclusive();
      } catch (error) {
        this.onError(error);
      }
      if (!handled && this.running)
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, this.idleMs);
          this.wakeUp = () => {
            clearTimeout(timer);
            resolve();
          };
        });
    }
  }

  private exclusive(): Promise<number> {
    const next = this.busy.then(() => this.batch());
    this.busy = next.catch(() => undefined);
    return next;
  }
}
