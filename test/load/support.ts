// Shared pieces of the load, crash and shutdown tests: an org file whose unit chats are
// Telegram groups, resident messages that read as reports, and the accounting that proves
// "every inbound message had exactly one effect and every reply went out once".
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Database } from '../../src/store/client.js';
import type { ApiCall, FakeBotApi, FakeChat, FakeUser } from '../support/fake-bot-api.js';

export interface TgUnit {
  chat: FakeChat;
  building: number;
  unit: number;
  /** Telegram account (bot) that serves this chat. */
  account: string;
}

/**
 * Telegram groups for `buildings` × `units` unit chats, ids from `base` down, so two fake
 * servers never hand out the same chat id.
 */
export function tgUnits(base: number, buildings: number, units: number, account: string, firstBuilding = 1): TgUnit[] {
  const out: TgUnit[] = [];
  let n = 0;
  for (let b = firstBuilding; b < firstBuilding + buildings; b++) {
    for (let u = 1; u <= units; u++) {
      out.push({
        chat: { id: base - n++, type: 'supergroup', title: `${b}栋${u}单元群` },
        building: b,
        unit: u,
        account,
      });
    }
  }
  return out;
}

/**
 * An org file: one community and grid, a building per distinct building number with a head,
 * and a unit per entry with its Telegram chat. `bindAccount` writes `account:` on each chat.
 */
export function writeOrg(dir: string, units: TgUnit[], bindAccount = false): string {
  const buildings = [...new Set(units.map((u) => u.building))].sort((a, b) => a - b);
  const people = buildings.map(
    (b) => `  - { key: head-b${b}, name: ${b}号楼长, phone: "1380000${String(b).padStart(4, '0')}" }`,
  );
  const places = buildings.map((b) => {
    const children = units
      .filter((u) => u.building === b)
      .map((u) => {
        const account = bindAccount ? `, account: ${u.account}` : '';
        return `              - { key: c/g/b${b}/u${u.unit}, level: unit, name: ${u.unit}单元, number: "${u.unit}", chats: [{ platform: telegram, id: "${u.chat.id}", title: ${u.chat.title}${account} }] }`;
      });
    return [
      `          - key: c/g/b${b}`,
      `            level: building`,
      `            name: ${b}栋`,
      `            number: "${b}"`,
      `            roles: { head: head-b${b} }`,
      `            children:`,
      ...children,
    ].join('\n');
  });
  const yaml = [
    'version: 1',
    'people:',
    '  - { key: grid-head, name: 王网格长, phone: "13800000002" }',
    ...people,
    'places:',
    '  - key: c',
    '    level: community',
    '    name: 测试社区',
    '    board: { 物业: "0531-88880000" }',
    '    children:',
    '      - key: c/g',
    '        level: grid',
    '        name: 第一网格',
    '        roles: { head: grid-head }',
    '        children:',
    ...places,
    '',
  ].join('\n');
  const file = join(dir, 'org.yaml');
  writeFileSync(file, yaml);
  return file;
}

const PROBLEMS = [
  '楼道灯坏了',
  '电梯坏了困住人了没有，电梯不动了',
  '下水道堵了',
  '门禁坏了打不开',
  '楼道里堆满杂物',
  '垃圾桶满了没人清',
  '墙皮脱落了',
  '水管漏水了',
  '路灯不亮',
  '消防通道被车堵了',
];

/** A resident report for message `i` (varied, so some are new tickets and some merge). */
export function reportText(i: number): string {
  return `${PROBLEMS[i % PROBLEMS.length]}（第${i}条）`;
}

/** Residents: one per (chat, n), so flood limits never apply. */
export function resident(_fake: FakeBotApi, unit: TgUnit, n: number): FakeUser {
  return {
    id: 5_000_000 + Math.abs(unit.chat.id % 100_000) * 100 + n,
    is_bot: false,
    first_name: `居民${n}`,
    username: undefined,
  } as FakeUser;
}

export interface Row {
  id: number;
  chatExternalId: string | null;
  text: string;
  status: string;
  account: string;
  dedupeKey: string | null;
}

/** Polls until `check` is true (every 100 ms); the error names `what` and shows `detail()`. */
export async function eventually(
  check: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
  detail: () => Promise<string> | string = () => '',
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${await detail()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Key of one delivered message for multiset comparison. */
const key = (chat: string | number | null | undefined, text: string) => `${chat}\u0000${text}`;

export function multiset(keys: string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

/**
 * Compares what the outbox says was sent with what the Bot API servers received.
 * Returns the duplicates (sent more often than queued) and the missing ones.
 */
export function compareDeliveries(
  rows: Row[],
  sent: ApiCall[],
): { duplicates: string[]; missing: string[]; extra: string[] } {
  const want = multiset(rows.map((r) => key(r.chatExternalId, r.text)));
  const got = multiset(sent.map((c) => key(String(c.params.chat_id), String(c.params.text))));
  const duplicates: string[] = [];
  const missing: string[] = [];
  const extra: string[] = [];
  for (const [k, n] of got) {
    const w = want.get(k) ?? 0;
    if (w === 0) extra.push(k);
    else if (n > w) for (let i = w; i < n; i++) duplicates.push(k);
  }
  for (const [k, n] of want) {
    const g = got.get(k) ?? 0;
    for (let i = g; i < n; i++) missing.push(k);
  }
  return { duplicates, missing, extra };
}

/**
 * Every inbound message recorded once, none failed, each `ticket` outcome with its own ticket,
 * and every ticket created by intake traced to exactly one message.
 */
export async function expectOneEffectEach(db: Database, expectedKeys: string[]): Promise<void> {
  const inbound = await db.prisma.inboundMessage.findMany({
    select: { dedupeKey: true, outcome: true, ticketId: true },
  });
  const byKey = multiset(inbound.map((m) => m.dedupeKey));
  const missing = expectedKeys.filter((k) => !byKey.has(k));
  expect(missing, 'inbound messages with no record').toEqual([]);
  expect(inbound.length, 'inbound rows').toBe(expectedKeys.length);
  expect(
    inbound.filter((m) => m.outcome === 'error'),
    'messages that failed',
  ).toEqual([]);
  const created = inbound.filter((m) => m.outcome === 'ticket');
  const ticketIds = created.map((m) => m.ticketId);
  expect(new Set(ticketIds).size, 'one ticket per reporting message').toBe(ticketIds.length);
  expect(ticketIds.every((id) => id !== null)).toBe(true);
  const tickets = await db.prisma.ticket.count();
  expect(tickets, 'tickets == messages that created one').toBe(created.length);
}

export async function outboxRows(db: Database): Promise<Row[]> {
  return db.prisma.outbox.findMany({
    orderBy: { id: 'asc' },
    select: { id: true, chatExternalId: true, text: true, status: true, account: true, dedupeKey: true },
  });
}
