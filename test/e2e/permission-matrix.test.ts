// Who may do what, as a matrix: every triage command × the reporter, another resident, the unit
// head of the ticket's unit, the head of another building, the building head and the grid head.
// Each cell starts from a fresh database and asserts the effect in the database (a status, an
// assignee, a place, a binding), never the wording of the reply.
//
// The ticket: #1 "3栋2单元楼道灯坏了", reported by 居民小王 in 3-2群 and assigned to 何单元长 (unit
// head of 3栋2单元); 陈楼长 heads 3栋, 张楼长 heads 1栋, 王网格长 heads the grid. Everyone speaks
// in 3-2群.
import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/store/client.js';
import { type Harness, startHarness } from '../support/harness.js';

type Role = 'reporter' | 'otherResident' | 'unitHead' | 'otherBuildingHead' | 'buildingHead' | 'gridHead';

const SPEAKER: Record<Role, string> = {
  reporter: '居民小王',
  otherResident: '居民小李',
  unitHead: '何单元长',
  otherBuildingHead: '张楼长',
  buildingHead: '陈楼长',
  gridHead: '王网格长',
};
const ROLES = Object.keys(SPEAKER) as Role[];
const HEADS_OVER: Role[] = ['unitHead', 'buildingHead', 'gridHead'];
const ABOVE_UNIT: Role[] = ['buildingHead', 'gridHead'];

interface Case {
  say: string;
  /** Done first, by the grid head or the unit head, to put #1 where the command applies. */
  before?: Array<[Role, string]>;
  /** Who may: the effect is seen for them and not for anyone else. */
  allowed: Role[];
  /** True when the command took effect. */
  effect(db: Database, h: Harness): Promise<boolean>;
}

const ticket = (db: Database, id = 1) =>
  db.prisma.ticket.findUniqueOrThrow({ where: { id }, include: { place: true } });
const personId = async (db: Database, name: string) =>
  (await db.prisma.person.findFirstOrThrow({ where: { name } })).id;
const resolvedByUnitHead: Array<[Role, string]> = [
  ['unitHead', '接单 #1'],
  ['unitHead', '办结 #1 换好了灯泡'],
];

const CASES: Record<string, Case> = {
  claim: {
    say: '接单 #1',
    allowed: HEADS_OVER,
    effect: async (db) => (await ticket(db)).status === 'acknowledged',
  },
  progress: {
    say: '进展 #1 已联系电工',
    allowed: HEADS_OVER,
    effect: async (db) => (await ticket(db)).status === 'in_progress',
  },
  resolve: {
    say: '办结 #1 换好了灯泡',
    allowed: HEADS_OVER,
    effect: async (db) => (await ticket(db)).status === 'resolved',
  },
  // The unit head resolved it: nobody rates their own work.
  followup: {
    say: '回访 #1 满意',
    before: resolvedByUnitHead,
    allowed: ['reporter', ...ABOVE_UNIT],
    effect: async (db) => (await ticket(db)).status === 'closed',
  },
  reopen: {
    say: '重开 #1 灯还是不亮',
    before: resolvedByUnitHead,
    allowed: ['reporter', ...HEADS_OVER],
    // Back to its handler, to be signed for again (decision 0014).
    effect: async (db) => (await ticket(db)).status === 'assigned',
  },
  reassign: {
    say: '转派 #1 @陈楼长',
    allowed: HEADS_OVER,
    effect: async (db) => (await ticket(db)).assigneeId === (await personId(db, '陈楼长')),
  },
  escalate: {
    say: '上报 #1',
    allowed: HEADS_OVER,
    effect: async (db) => (await ticket(db)).escalationLevel > 0,
  },
  merge: {
    say: '合并 #2 到 #1',
    before: [['otherResident', '3栋2单元门禁坏了打不开']],
    allowed: HEADS_OVER,
    effect: async (db) => (await db.prisma.ticket.findUnique({ where: { id: 2 } }))?.status === 'merged',
  },
  cancel: {
    say: '撤销 #1',
    allowed: ['reporter', ...HEADS_OVER],
    effect: async (db) => (await ticket(db)).status === 'cancelled',
  },
  correctCategory: {
    say: '#1 改为 安全隐患',
    allowed: HEADS_OVER,
    effect: async (db) => (await ticket(db)).category === 'safety',
  },
  // Only within the speaker's area: the unit head's ends at 3栋2单元.
  correctPlace: {
    say: '#1 位置 3栋1单元',
    allowed: ABOVE_UNIT,
    effect: async (db) => (await ticket(db)).place?.number === '1',
  },
  // Re-binding needs a role at the chat's place and at the new one.
  bind: {
    say: '绑定 3栋1单元',
    allowed: ABOVE_UNIT,
    effect: async (db) =>
      (await db.prisma.chat.findFirstOrThrow({ where: { externalId: '3-2群' }, include: { place: true } })).place
        ?.number === '1',
  },
};

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('permission matrix: effect in the database', () => {
  for (const [name, c] of Object.entries(CASES)) {
    it.each(ROLES)(`${name} (“${c.say}”) by %s`, async (role) => {
      h = await startHarness();
      await h.say('3-2群', SPEAKER.reporter, '3栋2单元楼道灯坏了');
      const before = await ticket(h.db);
      expect(before.status).toBe('assigned');
      for (const [who, text] of c.before ?? []) await h.say('3-2群', SPEAKER[who], text);
      if (name === 'merge') expect(await h.db.prisma.ticket.count()).toBe(2);
      expect(await c.effect(h.db, h), 'effect before the command').toBe(false);
      await h.say('3-2群', SPEAKER[role], c.say);
      expect(await c.effect(h.db, h), `${role} ${c.allowed.includes(role) ? 'may' : 'may not'}`).toBe(
        c.allowed.includes(role),
      );
      expect(await h.db.prisma.inboundMessage.count({ where: { outcome: 'error' } })).toBe(0);
    });
  }
});
