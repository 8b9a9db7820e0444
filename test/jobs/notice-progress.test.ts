// A large notice fan-out: planned set-based, and the author hears progress at quarters and the
// final delivered/failed count once, however often the reporter runs.
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/common/log.js';
import { planNotice, reportNotices } from '../../src/services/notices.js';
import { freshSqlite } from '../support/db.js';

type Fresh = Awaited<ReturnType<typeof freshSqlite>>;
let fresh: Fresh | undefined;
afterEach(async () => fresh?.cleanup());

describe('notice progress', () => {
  it('reports 25/50/75 % milestones and the final count once', async () => {
    fresh = await freshSqlite();
    const { prisma } = fresh.db;
    const now = new Date('2026-11-23T01:00:00Z');
    const root = await prisma.place.create({
      data: { key: 'c', level: 'community', depth: 0, path: '', name: '社区' },
    });
    const grid = await prisma.place.update({ where: { id: root.id }, data: { path: `/${root.id}/` } });
    await prisma.chat.createMany({
      data: Array.from({ length: 40 }, (_, i) => ({ platform: 'console', externalId: `群${i}`, placeId: grid.id })),
    });
    await prisma.chat.create({ data: { platform: 'console', externalId: '私聊', kind: 'direct', placeId: grid.id } });
    const planned = await prisma.$transaction((tx) =>
      planNotice(tx, {
        place: grid,
        text: '明天停水',
        authorId: null,
        authorName: '王网格长',
        now,
        reportTo: { platform: 'console', account: 'console', chatExternalId: '网格群' },
        ack: () => '开始发送',
      }),
    );
    expect(planned.total).toBe(40);
    expect(await prisma.outbox.count({ where: { noticeId: planned.noticeId } })).toBe(40);

    const settle = async (status: 'sent' | 'failed', n: number) => {
      const rows = await prisma.outbox.findMany({
        where: { noticeId: planned.noticeId, status: 'pending' },
        take: n,
        select: { id: true },
      });
      await prisma.outbox.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { status } });
    };
    const reports = async () => {
      await reportNotices(fresh!.db, now, silentLogger);
      return (
        await prisma.outbox.findMany({
          where: { noticeId: null, dedupeKey: { not: `notice:${planned.noticeId}:ack` } },
          orderBy: { id: 'asc' },
        })
      ).map((r) => r.text);
    };
    expect(await reports()).toEqual([]);
    await settle('sent', 12);
    expect(await reports()).toEqual(['通知 N1：已发送 12/40 个群。']);
    expect(await reports()).toHaveLength(1);
    await settle('sent', 18);
    expect(await reports()).toEqual(['通知 N1：已发送 12/40 个群。', '通知 N1：已发送 30/40 个群。']);
    await settle('sent', 8);
    await settle('failed', 2);
    const final = await reports();
    expect(final.at(-1)).toBe('通知 N1 发送完毕：成功 38 个群，失败 2 个群（共 40 个）。失败的群请人工转发。');
    expect(await reports()).toEqual(final);
  });
});
