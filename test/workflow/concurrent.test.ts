// Two heads act on one ticket at the same moment: one wins, the other is told precisely who
// acted first — never "系统出了点问题" — on SQLite (transactions queue) and on PostgreSQL
// (transactions overlap and the compare-and-set decides).
import { describe, expect, it } from 'vitest';
import { describePg } from '../support/db.js';
import { startHarness, texts } from '../support/harness.js';

async function race(provider: 'sqlite' | 'postgresql') {
  const h = await startHarness({ provider });
  try {
    await h.say('3-2群', '居民小王', '3栋2单元楼道灯坏了');
    const { id } = await h.db.prisma.ticket.findFirstOrThrow();
    const before = h.console.sent.length;
    await Promise.all([h.say('3-2群', '何单元长', `接单 #${id}`), h.say('3-2群', '陈楼长', `接单 #${id}`)]);
    const lines = texts(h.console.sent.slice(before)).split('\n');
    expect(lines).toHaveLength(2);
    const won = lines.find((t) => t.includes('签收，计划'));
    const who = won?.match(/已由 (\S+) 签收/)?.[1];
    expect(['何单元长', '陈楼长']).toContain(who);
    expect(lines.filter((t) => t !== won)).toEqual([`#${id} 刚被 ${who} 签收了。`]);
    const t = await h.db.prisma.ticket.findUniqueOrThrow({ where: { id }, include: { assignee: true } });
    expect([t.status, t.assignee?.name]).toEqual(['acknowledged', who]);
    expect(await h.db.prisma.ticketEvent.count({ where: { ticketId: id, kind: 'acknowledged' } })).toBe(1);
  } finally {
    await h.close();
  }
}

describe('two heads claim one ticket at once (SQLite)', () => {
  it('gives the slower one a precise sentence', () => race('sqlite'));
});

describePg('two heads claim one ticket at once (PostgreSQL)', () => {
  it('gives the slower one a precise sentence', async () => {
    for (let i = 0; i < 3; i++) await race('postgresql');
  });
});
