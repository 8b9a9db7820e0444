// Property staff (物业管家): the `staff` role, or anyone the org file lists without a role. They
// may sign for, update and close tickets at their places, but the bot never assigns or pings
// them; a resident the file does not list gains nothing.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { DEMO_ORG } from '../../src/app.js';
import { importOrg } from '../../src/services/org/import.js';
import { startHarness, texts, type Harness } from '../support/harness.js';

let h: Harness;
afterEach(async () => h?.close());

const withStaff = readFileSync(DEMO_ORG, 'utf8')
  .replace(
    'people:\n',
    'people:\n  - { key: li-wy, name: 物业小李, phone: "13800000901", identities: [{ platform: console, id: 物业小李 }] }\n' +
      '  - { key: xu-wy, name: 物业小徐, phone: "13800000902", identities: [{ platform: console, id: 物业小徐 }] }\n',
  )
  .replace('roles: { head: zhao-sq }', 'roles: { head: zhao-sq, staff: [li-wy] }');

describe('staff role', () => {
  it('lets staff close a ticket they were never pinged for; a resident cannot', async () => {
    h = await startHarness();
    await importOrg(h.db, withStaff);
    const created = await h.say('3-2群', '居民小王', '3栋2单元楼道灯坏了，晚上看不见');
    expect(created[0].mentions.map((m) => m.name)).toEqual(['何单元长']);

    await h.say('3-2群', '居民老钱', '办结 #1 已换灯泡');
    expect((await h.db.prisma.ticket.findUnique({ where: { id: 1 } }))!.status).not.toBe('resolved');

    const done = await h.say('3-2群', '物业小李', '办结 #1 已换灯泡');
    expect(texts(done)).toMatch(/#1 已办结（物业小李）/);
    expect((await h.db.prisma.ticket.findUnique({ where: { id: 1 } }))!.status).toBe('resolved');
  });

  it('counts a person the file lists without a role as staff', async () => {
    h = await startHarness();
    await importOrg(h.db, withStaff);
    await h.say('3-2群', '居民小王', '3栋2单元楼道灯坏了，晚上看不见');
    const done = await h.say('3-2群', '物业小徐', '办结 #1 灯泡换好了');
    expect(texts(done)).toMatch(/#1 已办结（物业小徐）/);
  });
});
