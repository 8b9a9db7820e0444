// A replayed stream of 200 urgent reports: four emergencies (a fire in 3栋, a gas leak in 1栋, a
// burst pipe and people trapped in a lift, both in 2栋), each reported by many residents in their
// own words, in unit and building groups, over 25 minutes. Each emergency is one ticket paged
// once, at its first report; the others follow it, and the head hears how many reported it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { App } from '../../src/app.js';
import { ConsoleAdapter } from '../../src/adapters/console/index.js';
import { loadConfig } from '../../src/common/config.js';
import { silentLogger } from '../../src/common/log.js';
import type { Inbound } from '../../src/common/types.js';
import { describePg, freshPostgres, freshSqlite } from '../support/db.js';
import { TestClock, groupMessage } from '../support/harness.js';

const TOTAL = 200;
const EMERGENCIES = [
  {
    name: 'fire 3栋',
    chats: ['3-1群', '3-2群', '3栋群'],
    says: [
      '3栋冒烟了快来人',
      '着火了！3栋2单元',
      '楼道里好大的烟，快来人',
      '3栋有火苗，救命',
      '3栋2单元起火了',
      '3栋浓烟滚滚 快来',
    ],
  },
  {
    name: 'gas 1栋',
    chats: ['1-1群', '1-2群', '1栋群'],
    says: ['1栋1单元好大的煤气味 快来人', '楼道里有股很浓的燃气味', '1栋天然气泄漏了！', '燃气管嘶嘶响 快来'],
  },
  { name: 'water 2栋', chats: ['2-1群'], says: ['2栋1单元水管爆了 哗哗的', '楼道水管爆裂了 快来人', '水管崩了 快来'] },
  {
    name: 'trapped 2栋',
    chats: ['2-2群'],
    says: ['电梯里有人被困 快来', '2栋2单元电梯困人了', '有人关在电梯里出不来了 救命'],
  },
];

function stream(start: Date): Inbound[] {
  return Array.from({ length: TOTAL }, (_, i) => {
    const e = EMERGENCIES[i % EMERGENCIES.length];
    const n = Math.floor(i / EMERGENCIES.length);
    const chat = e.chats[n % e.chats.length];
    // 200 reports over 25 minutes
    const at = new Date(start.getTime() + i * 7_500);
    return groupMessage({ id: `urgent-${i}`, chat, from: `居民${i % 120}`, text: e.says[n % e.says.length], at });
  });
}

function suite(provider: 'sqlite' | 'postgresql') {
  let app: App;
  let fresh: { db: App['db']; url: string; cleanup(): Promise<void> };
  const clock = new TestClock(new Date('2026-11-23T12:00:00Z'));

  beforeAll(async () => {
    fresh = provider === 'postgresql' ? await freshPostgres() : await freshSqlite();
    app = await App.create({
      config: loadConfig({ DATABASE_URL: fresh.url }),
      logger: silentLogger,
      clock,
      adapters: [new ConsoleAdapter()],
      db: fresh.db,
      manualTicks: true,
    });
    await app.start();
  });
  afterAll(async () => {
    await app?.stop();
    await fresh?.cleanup();
  });

  it('pages once per emergency, at its first report, and counts the rest', async () => {
    const prisma = fresh.db.prisma;
    const firstPages: number[] = [];
    for (const [i, m] of stream(clock.now()).entries()) {
      clock.set(m.sentAt);
      expect(await app.bot.handle(m)).toBe('done');
      await app.settle();
      if (i < EMERGENCIES.length) {
        // The first report of each emergency is paged at once, not held back to gather more.
        const paged = await prisma.outbox.count({ where: { text: { contains: '【紧急】' }, status: 'sent' } });
        firstPages.push(paged);
      }
    }
    const urgent = await prisma.ticket.findMany({ where: { urgent: true }, include: { followers: true } });
    expect(urgent.map((t) => t.text)).toHaveLength(EMERGENCIES.length);
    const pages = await prisma.outbox.findMany({ where: { text: { contains: '【紧急】' } } });
    const pagedTickets = new Set(pages.map((p) => p.ticketId ?? Number(/#(\d+)/.exec(p.text)?.[1])));
    expect(pagedTickets.size, 'emergencies paged').toBe(EMERGENCIES.length);
    const perEmergency = pages.length / EMERGENCIES.length;
    expect(firstPages).toEqual(EMERGENCIES.map((_, i) => (i + 1) * perEmergency));
    expect(perEmergency, 'pages per emergency (the group and the grid head)').toBeLessThanOrEqual(2);
    // Nearly every report joined its emergency as a follower.
    const followers = urgent.reduce((n, t) => n + t.followers.length, 0);
    expect(followers).toBeGreaterThanOrEqual(100);
    // The head hears the count, at a few milestones rather than for every report.
    const counts = await prisma.outbox.findMany({ where: { text: { contains: '人反映同一紧急情况' } } });
    expect(counts.length).toBeGreaterThan(0);
    expect(counts.length).toBeLessThanOrEqual(EMERGENCIES.length * 8);
    expect(counts.some((c) => /已有 (\d{2,}) 人反映/.test(c.text))).toBe(true);
    expect(await prisma.inboundMessage.count({ where: { outcome: 'error' } })).toBe(0);
    console.log(
      `[${provider}] ${TOTAL} urgent reports → ${urgent.length} tickets, ${pages.length} pages (${perEmergency} per emergency), ${followers} followers, ${counts.length} count messages to heads`,
    );
  }, 300_000);
}

describe('urgent replay on SQLite', () => suite('sqlite'));
describePg('urgent replay on PostgreSQL', () => suite('postgresql'));
