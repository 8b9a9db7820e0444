// The CLI functions behind `gridbot schedule list|add|cancel`, on a real SQLite file with the demo org.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_ORG } from '../../src/app.js';
import { scheduleAdd, scheduleCancel, scheduleList } from '../../src/cli/schedule.js';
import { loadConfig } from '../../src/common/config.js';
import { importOrg } from '../../src/services/org/import.js';
import { freshSqlite } from '../support/db.js';

let fresh: Awaited<ReturnType<typeof freshSqlite>> | undefined;
afterEach(async () => fresh?.cleanup());

describe('schedule CLI', () => {
  it('adds, lists and cancels scheduled notices', async () => {
    fresh = await freshSqlite();
    const db = fresh.db;
    await importOrg(db, readFileSync(DEMO_ORG, 'utf8'), 'org/demo.yaml');
    const config = loadConfig({ DATABASE_URL: fresh.url });
    const now = new Date('2026-11-23T01:00:00Z');
    expect(
      await scheduleAdd(db, config, {
        place: 'xingfu/g1',
        when: '每周五15:00',
        text: '消防提醒',
        author: 'wang-wgz',
        now,
      }),
    ).toBe('schedule #1: 每周五 15:00 → 第一网格, next 11月27日 15:00');
    expect(await scheduleAdd(db, config, { place: '3栋', when: '0 8 * * *', text: '垃圾分类', now })).toMatch(
      /^schedule #2: 每天 08:00 → 3栋/,
    );
    await expect(scheduleAdd(db, config, { place: '9栋', when: '明天8:00', text: 'x', now })).rejects.toThrow(
      /unknown place/,
    );
    await expect(scheduleAdd(db, config, { place: '3栋', when: '今天8:00', text: 'x', now })).rejects.toThrow(
      /in the past/,
    );
    await expect(scheduleAdd(db, config, { place: '3栋', when: '随便', text: 'x', now })).rejects.toThrow(
      /cannot read the time/,
    );
    expect((await scheduleList(db, config, { now })).split('\n')).toEqual([
      '#1\t每周五 15:00\t第一网格\tnext 11月27日 15:00\t消防提醒',
      '#2\t每天 08:00\t3栋\tnext 11月24日 08:00\t垃圾分类',
    ]);
    expect(await scheduleList(db, config, { place: 'xingfu/g1/b3', now })).toMatch(/^#2\t/);
    expect(await scheduleCancel(db, 1)).toBe('schedule #1 cancelled');
    await expect(scheduleCancel(db, 1)).rejects.toThrow(/no active schedule #1/);
    expect(await scheduleList(db, config, { now })).toMatch(/^#2\t[^\n]*$/);
  });
});
