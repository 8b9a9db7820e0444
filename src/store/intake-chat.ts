/**
 * The chat and the speaker of an inbound message, read (and created on first sight) with plain
 * SQL on the intake transaction's driver connection: one statement each for a known chat or
 * speaker, with its place or person joined, instead of Prisma's upsert (a read of the key, a read
 * of the row, a read of the relation). Each function returns undefined when the transaction has
 * no direct connection; the caller then uses the model API. See docs/decisions/0010-performance.md.
 */
import { onPg, queryDirectPg, readDirect, type Raw, writeDirect } from './intake-tx.js';

export interface IdentityRow {
  id: number;
  displayName: string;
  personId: number | null;
  personName: string | null;
  dmAccount: string | null;
}

const IDENTITY = ['id', 'displayName', 'personId', 'personName', 'dmAccount'] as const;

/** The identity with this platform id and its person's name; null when there is none. */
export async function identityOf(
  tx: Raw,
  platform: string,
  externalId: string,
): Promise<IdentityRow | null | undefined> {
  const rows = await readDirect(
    tx,
    `SELECT i."id", i."displayName", i."personId", p."name" AS "personName", i."dmAccount" FROM "Identity" i
      LEFT JOIN "Person" p ON p."id" = i."personId" WHERE i."platform" = ? AND i."externalId" = ?`,
    [platform, externalId],
    IDENTITY,
  );
  if (!rows) return undefined;
  return rows[0] ? identityRow(rows[0]) : null;
}

type NewIdentity = {
  platform: string;
  externalId: string;
  displayName: string;
  username: string | null;
  dmAccount: string | null;
};

/**
 * PostgreSQL: the identity with this platform id, created when there is none, in one statement
 * (a read, and on first sight an insert, cost one round trip instead of two). The insert and the
 * read see the same snapshot, so exactly one of the two halves returns the row; null when another
 * transaction created it meanwhile (the caller reads it again), undefined off PostgreSQL.
 */
export async function identityOrCreate(tx: Raw, i: NewIdentity): Promise<IdentityRow | null | undefined> {
  if (!onPg(tx)) return undefined;
  const now = new Date();
  const rows = await queryDirectPg(
    tx,
    `WITH n AS (INSERT INTO "Identity" ("platform", "externalId", "displayName", "username", "dmAccount", "createdAt", "updatedAt")
      VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT ("platform", "externalId") DO NOTHING
      RETURNING "id", "displayName", "personId", "dmAccount")
    SELECT n."id", n."displayName", n."personId", NULL AS "personName", n."dmAccount" FROM n
    UNION ALL
    SELECT i."id", i."displayName", i."personId", p."name" AS "personName", i."dmAccount" FROM "Identity" i
      LEFT JOIN "Person" p ON p."id" = i."personId" WHERE i."platform" = ? AND i."externalId" = ?`,
    [i.platform, i.externalId, i.displayName, i.username, i.dmAccount, now, now, i.platform, i.externalId],
  );
  const r = rows?.[0];
  return r ? identityRow(r) : null;
}

const identityRow = (r: Record<string, unknown>): IdentityRow => ({
  id: Number(r.id),
  displayName: r.displayName as string,
  personId: r.personId === null ? null : Number(r.personId),
  personName: (r.personName as string | null) ?? null,
  dmAccount: (r.dmAccount as string | null) ?? null,
});

/** Creates an identity and returns its id; a unique violation when another transaction created it first. */
export async function insertIdentity(tx: Raw, i: NewIdentity): Promise<number | undefined> {
  const now = new Date();
  const id = await writeDirect(
    tx,
    `INSERT INTO "Identity" ("platform", "externalId", "displayName", "username", "dmAccount", "createdAt", "updatedAt")
      VALUES (?, ?, ?, ?, ?, ?, ?)`,
    [i.platform, i.externalId, i.displayName, i.username, i.dmAccount, now, now],
    true,
  );
  return id ?? undefined;
}

/** Sets the bot account that may write to an identity directly; false when the caller must use Prisma. */
export function setDmAccount(tx: Raw, id: number, account: string): Promise<boolean> {
  return setAccount(tx, `UPDATE "Identity" SET "dmAccount" = ?, "updatedAt" = ? WHERE "id" = ?`, id, account);
}

/** Updates one row's bot account (an identity's or a chat's); false when the caller must use Prisma. */
async function setAccount(tx: Raw, sql: string, id: number, account: string): Promise<boolean> {
  return (await writeDirect(tx, sql, [account, new Date(), id])) !== undefined;
}

export interface ChatRow {
  id: number;
  platform: string;
  account: string;
  externalId: string;
  kind: string;
  listen: string;
  place: PlaceRow | null;
  /** Who this chat's open questions wait on, read with the chat (see {@link promptWaiters}). */
  waiters?: number[];
}

/** A place as the bot works with it (the org tree's row without its bookkeeping). */
export interface PlaceRow {
  id: number;
  key: string;
  parentId: number | null;
  level: string;
  depth: number;
  path: string;
  name: string;
  number: string | null;
}

const CHAT = ['id', 'platform', 'account', 'externalId', 'kind', 'listen'] as const;
const PLACE = ['id', 'key', 'parentId', 'level', 'depth', 'path', 'name', 'number'] as const;
const PLACE_AS = PLACE.map((c) => `p."${c}" AS "p_${c}"`).join(', ');

/** The chat with this platform id and the place it is bound to; null when there is none. */
export async function chatRowOf(tx: Raw, platform: string, externalId: string): Promise<ChatRow | null | undefined> {
  // The chat's open questions come along (one round trip fewer on a chat's first message).
  const waiters = onPg(tx)
    ? `(SELECT string_agg(w."identityId"::text, ',') FROM "Prompt" w WHERE w."chatId" = c."id")`
    : `(SELECT group_concat(w."identityId") FROM "Prompt" w WHERE w."chatId" = c."id")`;
  const rows = await readDirect(
    tx,
    `SELECT ${CHAT.map((c) => `c."${c}"`).join(', ')}, ${PLACE_AS}, ${waiters} AS "waiters" FROM "Chat" c
      LEFT JOIN "Place" p ON p."id" = c."placeId" WHERE c."platform" = ? AND c."externalId" = ?`,
    [platform, externalId],
    [...CHAT, ...PLACE.map((c) => `p_${c}`), 'waiters'],
  );
  if (!rows) return undefined;
  const r = rows[0];
  if (!r) return null;
  return {
    id: Number(r.id),
    platform: r.platform as string,
    account: r.account as string,
    externalId: r.externalId as string,
    kind: r.kind as string,
    listen: r.listen as string,
    waiters: r.waiters ? String(r.waiters).split(',').map(Number) : [],
    place:
      r.p_id === null || r.p_id === undefined
        ? null
        : {
            id: Number(r.p_id),
            key: r.p_key as string,
            parentId: r.p_parentId === null ? null : Number(r.p_parentId),
            level: r.p_level as string,
            depth: Number(r.p_depth),
            path: r.p_path as string,
            name: r.p_name as string,
            number: (r.p_number as string | null) ?? null,
          },
  };
}

/** Creates a chat (bound to no place) and returns its id; a unique violation when another transaction created it first. */
export async function insertChat(
  tx: Raw,
  c: { platform: string; externalId: string; account: string; kind: string; title: string | null; listen: string },
): Promise<number | undefined> {
  const now = new Date();
  const id = await writeDirect(
    tx,
    `INSERT INTO "Chat" ("platform", "externalId", "account", "kind", "title", "listen", "createdAt", "updatedAt")
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    [c.platform, c.externalId, c.account, c.kind, c.title, c.listen, now, now],
    true,
  );
  return id ?? undefined;
}

/** Hands a chat to a bot account; false when the caller must use Prisma. */
export function setChatAccount(tx: Raw, id: number, account: string): Promise<boolean> {
  return setAccount(tx, `UPDATE "Chat" SET "account" = ?, "updatedAt" = ? WHERE "id" = ?`, id, account);
}

/** Who this chat waits on for an answer (an open question of the bot's), one statement. */
export async function promptWaiters(tx: Raw, chatId: number): Promise<number[] | undefined> {
  const rows = await readDirect(tx, `SELECT "identityId" FROM "Prompt" WHERE "chatId" = ?`, [chatId], ['identityId']);
  return rows?.map((r) => Number(r.identityId));
}

/** An identity of a person and the newest bot account of its platform that may write to strangers. */
export interface ReachRow {
  platform: string;
  externalId: string;
  dmAccount: string | null;
  /** Null when no running account of the platform may write to people who never wrote to it. */
  openAccount: string | null;
}

/** A person's identities (oldest first) with how a bot account could reach each, in one statement. */
export async function reachOf(tx: Raw, personId: number): Promise<ReachRow[] | undefined> {
  const rows = await readDirect(
    tx,
    `SELECT i."platform", i."externalId", i."dmAccount", (SELECT b."account" FROM "BotAccount" b
      WHERE b."platform" = i."platform" AND b."directToStrangers" ORDER BY b."startedAt" DESC LIMIT 1) AS "openAccount"
      FROM "Identity" i WHERE i."personId" = ? ORDER BY i."id"`,
    [personId],
    ['platform', 'externalId', 'dmAccount', 'openAccount'],
  );
  return rows?.map((r) => ({
    platform: r.platform as string,
    externalId: r.externalId as string,
    dmAccount: (r.dmAccount as string | null) ?? null,
    openAccount: (r.openAccount as string | null) ?? null,
  }));
}
