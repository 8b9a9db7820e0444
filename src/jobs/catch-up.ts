/**
 * Pure catch-up decisions: given the fires of a job that are due and not yet recorded, which
 * to run and which to record as skipped. No I/O, so the rules are easy to read and test.
 */

/**
 * How a job treats fires it missed (because every instance was down, or a tick came late).
 * - `{ windowMs }`: run the newest missed fire once if it is at most `windowMs` old; older
 *   missed fires are recorded as skipped (a digest sent twice in a row helps nobody).
 * - `'skip'`: never run late (beyond the on-time grace); missed fires are recorded as skipped.
 * - `'all'`: run every missed fire, oldest first (for jobs whose fires each carry distinct
 *   work, e.g. an hourly export per hour).
 */
export type CatchUp = { windowMs: number } | 'skip' | 'all';

/** The outcome of {@link planCatchUp}. */
export interface CatchUpPlan {
  /** Fires to claim and run, oldest first. */
  run: Date[];
  /** Fires to record as skipped, each with the reason. */
  skip: { fireAt: Date; note: string }[];
}

/**
 * Decide what to do with `fires` (oldest first, all at or before `now`).
 * `graceMs` is how late a fire may be and still count as on time: ticks are not exact, so a
 * fire seen 20 s late must run even under `'skip'`.
 */
export function planCatchUp(fires: Date[], now: Date, policy: CatchUp, graceMs: number): CatchUpPlan {
  if (fires.length === 0) return { run: [], skip: [] };
  if (policy === 'all') return { run: [...fires], skip: [] };
  const windowMs = Math.max(policy === 'skip' ? 0 : policy.windowMs, graceMs);
  const latest = fires[fires.length - 1];
  const lateMs = now.getTime() - latest.getTime();
  const older = fires.slice(0, -1).map((fireAt) => ({
    fireAt,
    note: `missed; superseded by ${latest.toISOString()}`,
  }));
  if (lateMs <= windowMs) return { run: [latest], skip: older };
  return {
    run: [],
    skip: [...older, { fireAt: latest, note: `missed by ${formatMs(lateMs)}; catch-up window ${formatMs(windowMs)}` }],
  };
}

/** The effective lateness allowed for a policy (used for taking over expired claims). */
export function windowOf(policy: CatchUp, graceMs: number): number {
  if (policy === 'all') return Number.POSITIVE_INFINITY;
  return Math.max(policy === 'skip' ? 0 : policy.windowMs, graceMs);
}

/** "2h30m", "45s": short durations for log lines and notes. */
export function formatMs(ms: number): string {
  if (!Number.isFinite(ms)) return '∞';
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  if (h > 0) return m > 0 ? `${h}h${m}m` : `${h}h`;
  if (m > 0) return sec > 0 ? `${m}m${sec}s` : `${m}m`;
  return `${sec}s`;
}
