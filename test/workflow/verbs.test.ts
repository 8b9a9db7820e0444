// Each verb of the transition table: what it writes when allowed, and each way it refuses.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import * as workflow from '../../src/services/workflow/index.js';
import { type WorkflowFixture, workflowFixture } from './support.js';

let f: WorkflowFixture;
beforeEach(async () => {
  f = await workflowFixture();
});
afterEach(() => f.close());

/** A lamp report in 3-2群, assigned to 何单元长 (head of 3栋2单元). */
const lamp = () => f.report('3-2群', '居民小王', '3栋2单元楼道灯坏了');
const events = async (id: number) =>
  (await f.h.db.prisma.ticketEvent.findMany({ where: { ticketId: id }, orderBy: { id: 'asc' } })).map((e) => e.kind);
const points = async (name: string) =>
  (await f.h.db.prisma.pointsEntry.findMany({ where: { person: { name } } })).map((p) => p.reason).sort();

describe('the transition table', () => {
  it('lets each verb start only from its statuses', () => {
    expect(workflow.allows('claim', 'assigned')).toBe(true);
    expect(workflow.allows('claim', 'acknowledged')).toBe(false);
    expect(workflow.allows('resolve', 'new')).toBe(false);
    expect(workflow.allows('followup', 'resolved')).toBe(true);
    expect(workflow.allows('reopen', 'closed')).toBe(true);
    expect(workflow.allows('reopen', 'in_progress')).toBe(false);
    expect(workflow.allows('cancel', 'closed')).toBe(false);
    for (const status of workflow.TICKET_STATUSES) expect(workflow.allows('correct', status)).toBe(true);
  });

  it('refuses every verb from every status outside its table row, naming the status', async () => {
    const id = await lamp();
    const head = await f.act('何单元长', '3-2群');
    const reporter = await f.act('居民小王', '3-2群');
    const verbs: [workflow.Verb, (a: workflow.Act) => Promise<workflow.Result>][] = [
      ['claim', (a) => workflow.claim(a, id)],
      ['progress', (a) => workflow.progress(a, id, '在修')],
      ['resolve', (a) => workflow.resolve(a, id, '好了')],
      ['followup', (a) => workflow.followup(a, id, true)],
      ['reopen', (a) => workflow.reopen(a, id, null)],
      ['cancel', (a) => workflow.cancel(a, id, null)],
      ['escalate', (a) => workflow.escalate(a, id, 'manual')],
    ];
    for (const status of workflow.TICKET_STATUSES) {
      await f.h.db.prisma.ticket.update({ where: { id }, data: { status } });
      for (const [verb, run] of verbs) {
        if (workflow.allows(verb, status)) continue;
        const who = verb === 'followup' || verb === 'cancel' ? reporter : head;
        const r = await run(who);
        expect(r.ok, `${verb} from ${status}`).toBe(false);
        if (!r.ok) expect([r.reason, 'ticket' in r ? r.ticket?.status : null]).toEqual(['wrong_state', status]);
      }
    }
  });
});

describe('verbs', () => {
  it('claim: signs for the ticket, starts the clock, awards on-time points, once', async () => {
    const id = await lamp();
    const r = await workflow.claim(await f.act('何单元长', '3-2群'), id);
    expect(r.ok && r.onTime).toBe(true);
    expect(await f.status(id)).toBe('acknowledged');
    expect(await points('何单元长')).toEqual(['claim_on_time']);
    const again = await workflow.claim(await f.act('陈楼长', '3栋群'), id);
    expect(again).toMatchObject({ ok: false, reason: 'wrong_state', last: { kind: 'acknowledged', by: '何单元长' } });
  });

  it('refuses the unknown ticket, the one out of sight and the person without a role', async () => {
    const id = await lamp();
    expect(await workflow.claim(await f.act('何单元长', '3-2群'), 999)).toMatchObject({ reason: 'not_found' });
    expect(await workflow.claim(await f.act('何单元长', '3-2群'), 2 ** 40)).toMatchObject({ reason: 'not_found' });
    const stranger = { ...(await f.act('居民小李')), chatPlace: null };
    expect(await workflow.claim(stranger, id)).toMatchObject({ reason: 'hidden' });
    const neighbour = await f.act('居民小李', '3-2群');
    expect(await workflow.claim(neighbour, id)).toMatchObject({ reason: 'forbidden', who: ['handler'] });
    const otherBuilding = await f.act('张楼长', '1栋群');
    expect(await workflow.claim(otherBuilding, id)).toMatchObject({ reason: 'forbidden' });
    expect(await f.status(id)).toBe('assigned');
  });

  it('progress: a note that also counts as the claim', async () => {
    const id = await lamp();
    const r = await workflow.progress(await f.act('何单元长', '3-2群'), id, '已联系电工');
    expect(r.ok).toBe(true);
    const t = await f.h.db.prisma.ticket.findUniqueOrThrow({ where: { id } });
    expect([t.status, !!t.acknowledgedAt]).toEqual(['in_progress', true]);
    expect(await events(id)).toEqual(['created', 'assigned', 'progress']);
  });

  it('resolve: done with a note, follow-up due, on-time points to the assignee', async () => {
    const id = await lamp();
    const r = await workflow.resolve(await f.act('何单元长', '3-2群'), id, '换了灯泡');
    expect(r.ok && r.onTime).toBe(true);
    const t = await f.h.db.prisma.ticket.findUniqueOrThrow({ where: { id } });
    expect(t.status).toBe('resolved');
    expect(t.followupDueAt!.getTime() - t.resolvedAt!.getTime()).toBe(72 * 3_600_000);
    expect(await points('何单元长')).toEqual(['resolve_on_time']);
  });

  it('followup: satisfied closes and rewards the handler; not satisfied reopens with a new deadline', async () => {
    const a = await lamp();
    const head = await f.act('何单元长', '3-2群');
    await workflow.resolve(head, a, null);
    expect(await workflow.followup(await f.act('居民小王', '3-2群'), a, true)).toMatchObject({
      ok: true,
      closed: true,
    });
    expect(await f.status(a)).toBe('closed');
    expect(await points('何单元长')).toEqual(['resolve_on_time', 'satisfied']);

    const b = await f.report('3-2群', '居民小王', '3栋2单元门口的地砖翘起来了');
    await workflow.resolve(head, b, null);
    const r = await workflow.followup(await f.act('居民小王', '3-2群'), b, false);
    expect(r).toMatchObject({ ok: true, closed: false, ticket: { status: 'assigned', satisfied: false } });
    const last = await f.h.db.prisma.ticketEvent.findFirstOrThrow({ where: { ticketId: b }, orderBy: { id: 'desc' } });
    expect([last.kind, last.data]).toEqual(['reopened', workflow.FOLLOWUP_REOPEN]);
  });

  it('reopen: a resolved ticket goes back to its handler; a stranger may not', async () => {
    const id = await lamp();
    await workflow.resolve(await f.act('何单元长', '3-2群'), id, null);
    expect(await workflow.reopen(await f.act('居民小李', '3-2群'), id, null)).toMatchObject({ reason: 'forbidden' });
    expect(await workflow.reopen(await f.act('居民小王', '3-2群'), id, '又坏了')).toMatchObject({ ok: true });
    const t = await f.h.db.prisma.ticket.findUniqueOrThrow({ where: { id } });
    // Signed for again, with a fresh claim deadline (decision 0014).
    expect([t.status, t.resolvedAt, t.followupDueAt]).toEqual(['assigned', null, null]);
    expect(t.ackDueAt!.getTime()).toBeGreaterThan(f.h.clock.now().getTime());
  });

  it('reassign: to a person (who must sign again) or to a service on the notice board', async () => {
    const id = await lamp();
    const head = await f.act('何单元长', '3-2群');
    const feng = await workflow.findTarget(f.h.db.prisma, '冯单元长', null);
    expect(await workflow.reassign(head, id, feng!)).toMatchObject({ ok: false, detail: 'target_no_role' });
    const li = await workflow.findTarget(f.h.db.prisma, '李网格员', null);
    const r = await workflow.reassign(head, id, li!);
    expect(r).toMatchObject({ ok: true, ticket: { status: 'assigned', acknowledgedAt: null } });
    const place = await f.h.db.prisma.place.findFirstOrThrow({ where: { key: 'xingfu/g1/b3/u2' } });
    const board = await workflow.findTarget(f.h.db.prisma, '物业', place);
    expect(board).toEqual({ board: { label: '物业', phone: '0531-88880000' } });
    expect(await workflow.reassign(await f.act('陈楼长', '3栋群'), id, board!)).toMatchObject({
      ok: true,
      ticket: { status: 'in_progress' },
    });
    expect(await workflow.findTarget(f.h.db.prisma, '不存在的人', place)).toBeNull();
  });

  it('escalate: one level up with fresh deadlines, until there is nobody above', async () => {
    const id = await lamp();
    const head = await f.act('何单元长', '3-2群');
    const names: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await workflow.escalate(head, id, 'manual');
      if (r.ok) names.push(r.head.name);
    }
    expect(names).toEqual(['陈楼长', '王网格长', '赵书记']);
    expect(await workflow.escalate(head, id, 'manual')).toMatchObject({ ok: false, reason: 'top' });
    const t = await f.h.db.prisma.ticket.findUniqueOrThrow({ where: { id } });
    expect(t.escalationLevel).toBe(3);
  });

  it('merge: the reporter and followers follow the other ticket; not into itself, not a closed one', async () => {
    const a = await lamp();
    const b = await f.report('3-2群', '居民小李', '3栋2单元的单元门关不上了');
    const head = await f.act('何单元长', '3-2群');
    expect(await workflow.merge(head, b, b)).toMatchObject({ ok: false, reason: 'invalid', detail: 'same_ticket' });
    expect(await workflow.merge(head, b, a)).toMatchObject({ ok: true, ticket: { status: 'merged', mergedIntoId: a } });
    const followers = await f.h.db.prisma.ticketFollower.findMany({ where: { ticketId: a } });
    expect(followers.map((x) => x.identityId)).toEqual([(await f.actor('居民小李')).identityId]);
    const c = await f.report('3-2群', '居民小李', '3栋2单元楼梯扶手松了');
    await workflow.cancel(await f.act('居民小李', '3-2群'), c, null);
    expect(await workflow.merge(head, a, c)).toMatchObject({ ok: false, reason: 'wrong_state', ticket: { id: c } });
  });

  it('cancel: by the reporter or a head, not by a neighbour', async () => {
    const id = await lamp();
    expect(await workflow.cancel(await f.act('居民小李', '3-2群'), id, null)).toMatchObject({ reason: 'forbidden' });
    expect(await workflow.cancel(await f.act('居民小王', '3-2群'), id, '自己修好了')).toMatchObject({ ok: true });
    expect(await f.status(id)).toBe('cancelled');
  });

  it('correct: a category (kept for learning) or a place (with its head), in any status', async () => {
    const id = await lamp();
    const head = await f.act('陈楼长', '3栋群');
    expect(await workflow.correct(head, id, { category: 'safety' })).toMatchObject({
      ok: true,
      ticket: { category: 'safety' },
    });
    const moved = await workflow.correct(head, id, { place: { building: '3', unit: '1' } });
    expect(moved).toMatchObject({ ok: true, head: { name: '冯单元长' }, ticket: { unit: '1' } });
    expect(await workflow.correct(head, id, { place: { building: '9', unit: null } })).toMatchObject({
      reason: 'invalid',
      detail: 'unknown_place',
    });
    expect(await f.h.db.prisma.correction.count({ where: { ticketId: id } })).toBe(2);
  });

  it('stale: a change made after the caller read the ticket is refused, with who made it', async () => {
    const id = await lamp();
    const read = await f.h.db.prisma.ticket.findUniqueOrThrow({ where: { id } });
    await workflow.claim(await f.act('何单元长', '3-2群'), id);
    const lost = await workflow.escalate(await f.act('陈楼长', '3栋群'), id, 'ack', read.version);
    expect(lost).toMatchObject({ ok: false, reason: 'stale', last: { kind: 'acknowledged', by: '何单元长' } });
  });
});
