/** Pure parts of the scheduler: cron arithmetic in a time zone and catch-up decisions. */
import { describe, expect, it } from 'vitest';
import { firesBetween, isValidCron, nextFires, planCatchUp } from '../../src/jobs/index.js';
import { HOUR, MIN, sh } from './support.js';

const iso = (ds: Date[]) => ds.map((d) => d.toISOString());

describe('nextFires', () => {
  it('lists Friday 15:00 Shanghai as 07:00 UTC', () => {
    expect(iso(nextFires('0 15 * * 5', sh('2024-01-01 00:00'), 3))).toEqual([
      '2024-01-05T07:00:00.000Z',
      '2024-01-12T07:00:00.000Z',
      '2024-01-19T07:00:00.000Z',
    ]);
  });
  it('is strictly after `from` and honours another zone', () => {
    expect(iso(nextFires('0 8 * * *', sh('2024-01-01 08:00'), 1))).toEqual(['2024-01-02T00:00:00.000Z']);
    expect(iso(nextFires('0 8 * * *', new Date('2024-01-01T00:00:00Z'), 1, 'UTC'))).toEqual([
      '2024-01-01T08:00:00.000Z',
    ]);
  });
  it('rejects bad expressions and zones', () => {
    expect(isValidCron('0 8 * * *')).toBe(true);
    expect(isValidCron('61 8 * * *')).toBe(false);
    expect(isValidCron('0 8 * * *', 'Nowhere/Nothing')).toBe(false);
  });
});

describe('firesBetween', () => {
  it('is half-open: excludes `after`, includes `until`', () => {
    const { fires } = firesBetween('0 8 * * *', sh('2024-01-01 08:00'), sh('2024-01-03 08:00'));
    expect(iso(fires)).toEqual(['2024-01-02T00:00:00.000Z', '2024-01-03T00:00:00.000Z']);
  });
  it('keeps only the newest `limit` fires', () => {
    const r = firesBetween('* * * * *', sh('2024-01-01 00:00'), sh('2024-01-01 01:00'), undefined, 10);
    expect(r.fires).toHaveLength(10);
    expect(r.dropped).toBe(50);
    expect(r.fires[9]).toEqual(sh('2024-01-01 01:00'));
  });
});

describe('planCatchUp', () => {
  const fires = [sh('2024-01-01 08:00'), sh('2024-01-02 08:00'), sh('2024-01-03 08:00')];
  const now = sh('2024-01-03 11:00');
  it('runs only the newest fire when it is inside the window, skipping older ones', () => {
    const p = planCatchUp(fires, now, { windowMs: 6 * HOUR }, 5 * MIN);
    expect(p.run).toEqual([fires[2]]);
    expect(p.skip.map((s) => s.fireAt)).toEqual(fires.slice(0, 2));
  });
  it('skips everything outside the window, saying why', () => {
    const p = planCatchUp(fires, now, { windowMs: HOUR }, 5 * MIN);
    expect(p.run).toEqual([]);
    expect(p.skip.map((s) => s.fireAt)).toEqual(fires);
    expect(p.skip[2].note).toBe('missed by 3h; catch-up window 1h');
  });
  it("treats 'skip' as on-time only and 'all' as every fire", () => {
    expect(planCatchUp([sh('2024-01-03 10:58')], now, 'skip', 5 * MIN).run).toHaveLength(1);
    expect(planCatchUp([sh('2024-01-03 10:50')], now, 'skip', 5 * MIN).run).toHaveLength(0);
    expect(planCatchUp(fires, now, 'all', 5 * MIN)).toEqual({ run: fires, skip: [] });
  });
});

describe('Scheduler heartbeat', () => {
  it('drives ticks from a node-cron task that start() creates and stop() removes', async () => {
    const { Scheduler } = await import('../../src/jobs/index.js');
    const cron = (await import('node-cron')).default;
    const claims = {
      claim: async () => false,
      finish: async () => true,
      skip: async () => false,
      renew: async () => true,
      abandon: async () => false,
      lastFire: async () => null,
      state: async () => null,
      expired: async () => [],
    };
    const s = new Scheduler({ claims, clock: { now: () => sh('2024-01-01 00:00') }, owner: 'hb-test' });
    const named = () => [...cron.getTasks().values()].filter((t) => t.name === 'gridbot-scheduler:hb-test');
    expect(named()).toHaveLength(0);
    await s.start();
    expect(named()).toHaveLength(1);
    expect(named()[0].getPattern()).toBe('* * * * *');
    await s.stop();
    expect(named()).toHaveLength(0);
  });
});
