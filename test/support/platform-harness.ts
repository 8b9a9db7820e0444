// A whole bot on a real SQLite file with real platform adapters (Telegram against FakeBotApi,
// WeChat against a loopback PuppetServer, WeCom against a loopback FakeWecom, the console) and the real outbox senders, on the
// system clock. Unlike the console harness nothing here is synchronous: a message goes out
// over HTTP or gRPC, comes back as an update or event, and replies leave through the outbox.
// The helpers let a test wait for what it expects and then check that nothing else happened.
import { stringify } from 'yaml';
import { App } from '../../src/app.js';
import type { Adapter, Inbound, InboundHandler } from '../../src/common/types.js';
import { loadConfig } from '../../src/common/config.js';
import { silentLogger } from '../../src/common/log.js';
import { importOrg } from '../../src/services/org/import.js';
import type { Database } from '../../src/store/client.js';

/** Polls `predicate` every 20 ms; rejects naming `what` after `timeoutMs`. */
export async function waitUntil(
  predicate: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await predicate()) return;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** One inbound message as it reached the core, and whether the core has finished with it. */
export interface Arrival {
  msg: Inbound;
  done: boolean;
}

/**
 * Wraps an adapter so the test sees every inbound message at the core's door: a redelivery
 * that the adapter lets through shows up here twice, one it drops shows up once.
 */
export function observe(adapter: Adapter, arrivals: Arrival[]): Adapter {
  return {
    platform: adapter.platform,
    account: adapter.account,
    capabilities: adapter.capabilities,
    start: (onInbound: InboundHandler) =>
      adapter.start(async (msg) => {
        const arrival: Arrival = { msg, done: false };
        arrivals.push(arrival);
        try {
          await onInbound(msg);
        } finally {
          arrival.done = true;
        }
      }),
    send: (message) => adapter.send(message),
    stop: () => adapter.stop(),
    ...(adapter.fetchAttachment ? { fetchAttachment: (a) => adapter.fetchAttachment!(a) } : {}),
  };
}

export interface PlatformBot {
  app: App;
  /** Every inbound message the adapters handed to the core, in arrival order. */
  arrivals: Arrival[];
  /** Resolves once `count` arrivals match and the core has finished them. */
  handled(predicate: (m: Inbound) => boolean, count?: number, timeoutMs?: number): Promise<Inbound[]>;
  /** Waits until every arrival is handled and every outbox row is sent or failed for good. */
  quiet(timeoutMs?: number): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts an App on `db` with `adapters` (observed), on the system clock: retries wait real
 * (short) backoffs. Load the org with {@link loadOrg} beforehand; App.create then leaves it alone.
 */
export async function startBot(options: { db: Database; url: string; adapters: Adapter[] }): Promise<PlatformBot> {
  const arrivals: Arrival[] = [];
  const config = loadConfig({ DATABASE_URL: options.url }, {});
  const app = await App.create({
    config,
    logger: silentLogger,
    adapters: options.adapters.map((a) => observe(a, arrivals)),
    db: options.db,
    manualTicks: true,
  });
  await app.start();
  const bot: PlatformBot = {
    app,
    arrivals,
    async handled(predicate, count = 1, timeoutMs = 15_000) {
      const hits = () => arrivals.filter((a) => predicate(a.msg));
      await waitUntil(
        () => hits().length >= count && hits().every((a) => a.done),
        `${count} handled inbound message(s)`,
        timeoutMs,
      );
      return hits().map((a) => a.msg);
    },
    async quiet(timeoutMs = 15_000) {
      await waitUntil(() => arrivals.every((a) => a.done), 'inbound handling to finish', timeoutMs);
      await app.settle();
      await waitUntil(
        async () => (await options.db.prisma.outbox.count({ where: { status: { in: ['pending', 'sending'] } } })) === 0,
        'the outbox to empty',
        timeoutMs,
      );
    },
    stop: () => app.stop(),
  };
  return bot;
}

/** Someone's account on a platform, as the org file lists it. */
export interface OrgIdentity {
  platform: 'console' | 'wechat' | 'telegram' | 'wecom';
  id: string;
  name?: string;
  username?: string;
}

/** A chat bound to a place, as the org file lists it. */
export interface OrgChat {
  platform: 'console' | 'wechat' | 'telegram' | 'wecom';
  id: string;
  title?: string;
}

/** People of the small test org, by key: a community, a grid, building 3 with units 1 and 2. */
export const PEOPLE = {
  'zhao-sq': '赵书记',
  'wang-wgz': '王网格长',
  'chen-b3': '陈楼长',
  'feng-b3u1': '冯单元长',
  'he-b3u2': '何单元长',
} as const;
export type PersonKey = keyof typeof PEOPLE;
export type PlaceKey = 'grid' | 'b3' | 'b3u1' | 'b3u2';

/**
 * The text of a small org file with the platform identities and chat bindings a test needs;
 * load it with `importOrg(db, text)`.
 *
 * @example orgYaml({ identities: { 'feng-b3u1': [{ platform: 'telegram', id: '1042' }] }, chats: { b3u1: [{ platform: 'telegram', id: '-100123' }] } })
 */
export function orgYaml(spec: {
  identities?: Partial<Record<PersonKey, OrgIdentity[]>>;
  chats?: Partial<Record<PlaceKey, OrgChat[]>>;
}): string {
  const chats = (key: PlaceKey) => spec.chats?.[key] ?? [];
  const unit = (key: PlaceKey, number: string, head: PersonKey) => ({
    key,
    level: 'unit',
    name: `${number}单元`,
    number,
    roles: { head },
    chats: chats(key),
  });
  return stringify({
    version: 1,
    people: (Object.keys(PEOPLE) as PersonKey[]).map((key) => ({
      key,
      name: PEOPLE[key],
      identities: spec.identities?.[key] ?? [],
    })),
    places: [
      {
        key: 'community',
        level: 'community',
        name: '幸福社区',
        roles: { head: 'zhao-sq' },
        board: { 物业: '0531-88880000' },
        children: [
          {
            key: 'grid',
            level: 'grid',
            name: '第一网格',
            roles: { head: 'wang-wgz' },
            chats: chats('grid'),
            children: [
              {
                key: 'b3',
                level: 'building',
                name: '3栋',
                number: '3',
                roles: { head: 'chen-b3' },
                chats: chats('b3'),
                children: [unit('b3u1', '1', 'feng-b3u1'), unit('b3u2', '2', 'he-b3u2')],
              },
            ],
          },
        ],
      },
    ],
  });
}

/** Imports {@link orgYaml} into `db`. */
export async function loadOrg(db: Database, spec: Parameters<typeof orgYaml>[0]): Promise<void> {
  await importOrg(db, orgYaml(spec), 'test org');
}

/** Ticket statuses and kinds of events, for asserting a ticket's life. */
export async function ticketLife(
  db: Database,
  id: number,
): Promise<{ status: string; satisfied: boolean | null; events: string[] }> {
  const ticket = await db.prisma.ticket.findUniqueOrThrow({ where: { id } });
  const events = await db.prisma.ticketEvent.findMany({ where: { ticketId: id }, orderBy: { id: 'asc' } });
  return { status: ticket.status, satisfied: ticket.satisfied, events: events.map((e) => e.kind) };
}
