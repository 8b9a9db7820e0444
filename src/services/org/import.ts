/**
 * Writes a validated org file into the database, idempotently: running the same file twice
 * changes nothing. Everything happens in one transaction, so a failure changes nothing.
 * The file is authoritative for the roles, board entries and chat bindings of the places it lists.
 */
import { createHash } from 'node:crypto';
import type { Database } from '../../store/client.js';
import { parseOrgFile, type FlatPlace, type OrgFile } from './file.js';

export interface ImportResult {
  places: number;
  people: number;
  /** Rows created, updated or deleted; 0 when the database already matched the file. */
  changes: number;
  /** True when `syncOrg` found the database as the same file left it and did not import it again. */
  unchanged?: boolean;
}

import { isUniqueViolation, type Db } from '../../store/client.js';

/** Parses, validates and imports an org file's text. Throws OrgFileError before touching the database. */
export async function importOrg(db: Database, source: string, fileName?: string): Promise<ImportResult> {
  const { org, places } = parseOrgFile(source, fileName);
  // Several instances starting at once import the same file concurrently; the loser of a race
  // to create a row hits a unique key. Its transaction rolled back, and a second run finds the
  // rows the winner committed, so it only updates what differs.
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.prisma.$transaction(
        async (tx) => {
          const result = await writeOrg(tx, org, places);
          await recordImport(tx, source, result);
          return result;
        },
        { timeout: 120_000, maxWait: 30_000 },
      );
    } catch (error) {
      if (attempt >= 3 || !isUniqueViolation(error)) throw error;
    }
  }
}

/**
 * Imports an org file unless the database is as the last import of the very same text left it,
 * which `importOrg` records (a digest of the text, and of the rows that other code also writes:
 * the chats bound to places, which a binding code moves, and the identities linked to people).
 * The skipped import would have changed nothing (`changes: 0`), so the result is the same and
 * a start does not parse and compare a large org file again (docs/decisions/0010-performance.md).
 */
export async function syncOrg(db: Database, source: string, fileName?: string): Promise<ImportResult> {
  const row = await db.prisma.modelState.findUnique({ where: { name: IMPORT_STATE } });
  if (row) {
    const state = JSON.parse(row.data) as ImportState;
    if (state.file === digest(source) && state.rows === (await boundRowsDigest(db.prisma)))
      return { places: state.places, people: state.people, changes: 0, unchanged: true };
  }
  return importOrg(db, source, fileName);
}

/** The `ModelState` row that records the last import. */
const IMPORT_STATE = 'org-import';

interface ImportState {
  /** sha256 of the file's text. */
  file: string;
  /** `boundRowsDigest` right after the import. */
  rows: string;
  places: number;
  people: number;
}

const digest = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * A digest of the org rows that code other than the import writes: chats bound to a place
 * (place, title, listening mode) and identities linked to a person. Only the import writes
 * people, places, roles, board entries and households. A chat's account is left out: the first
 * bot account to hear a chat takes it over from 'default', which the import keeps as it is.
 */
async function boundRowsDigest(db: Db): Promise<string> {
  const chats = await db.chat.findMany({
    where: { placeId: { not: null } },
    select: { id: true, placeId: true, title: true, listen: true },
    orderBy: { id: 'asc' },
  });
  const identities = await db.identity.findMany({
    where: { personId: { not: null } },
    select: { id: true, personId: true },
    orderBy: { id: 'asc' },
  });
  return digest(JSON.stringify([chats, identities]));
}

async function recordImport(tx: Db, source: string, result: ImportResult): Promise<void> {
  const state: ImportState = {
    file: digest(source),
    rows: await boundRowsDigest(tx),
    places: result.places,
    people: result.people,
  };
  const data = JSON.stringify(state);
  await tx.modelState.upsert({ where: { name: IMPORT_STATE }, create: { name: IMPORT_STATE, data }, update: { data } });
}

async function writeOrg(tx: Db, org: OrgFile, places: FlatPlace[]): Promise<ImportResult> {
  let changes = 0;
  const personIds = new Map<string, number>();
  for (const p of org.people) {
    const found = await tx.person.findUnique({ where: { key: p.key } });
    const data = { name: p.name, phone: p.phone ?? null };
    if (!found) {
      personIds.set(p.key, (await tx.person.create({ data: { key: p.key, ...data } })).id);
      changes++;
    } else {
      personIds.set(p.key, found.id);
      if (found.name !== data.name || found.phone !== data.phone) {
        await tx.person.update({ where: { id: found.id }, data });
        changes++;
      }
    }
    for (const id of p.identities) changes += await linkIdentity(tx, id, personIds.get(p.key)!, p.name);
  }

  const placeIds = new Map<string, { id: number; path: string }>();
  for (const place of places) {
    const parent = place.parentKey ? placeIds.get(place.parentKey)! : null;
    const data = {
      level: place.entry.level,
      depth: place.depth,
      name: place.entry.name,
      number: place.entry.number ?? null,
      parentId: parent?.id ?? null,
      // Coordinates only when the file gives them: the web console may have set them too.
      ...(place.entry.lat !== undefined && place.entry.lng !== undefined
        ? { lat: place.entry.lat, lng: place.entry.lng }
        : {}),
    };
    let row = await tx.place.findUnique({ where: { key: place.key } });
    if (!row) {
      row = await tx.place.create({ data: { key: place.key, ...data, path: '' } });
      changes++;
    }
    const path = `${parent?.path ?? '/'}${row.id}/`;
    const differs = (Object.keys(data) as (keyof typeof data)[]).some((k) => row![k] !== data[k]) || row.path !== path;
    if (differs) {
      await tx.place.update({ where: { id: row.id }, data: { ...data, path } });
      if (row.path !== '') changes++;
    }
    placeIds.set(place.key, { id: row.id, path });
    changes += await syncRoles(tx, row.id, place, personIds);
    changes += await syncBoard(tx, row.id, place.entry.board);
    changes += await syncChats(tx, row.id, place);
  }

  for (const h of org.households) {
    const data = {
      placeId: placeIds.get(h.place)!.id,
      name: h.name,
      kind: h.kind,
      address: h.address ?? null,
      note: h.note ?? null,
      responsibleId: h.responsible ? personIds.get(h.responsible)! : null,
    };
    const found = await tx.specialHousehold.findUnique({ where: { key: h.key } });
    if (!found) {
      await tx.specialHousehold.create({ data: { key: h.key, ...data } });
      changes++;
    } else if ((Object.keys(data) as (keyof typeof data)[]).some((k) => found[k] !== data[k])) {
      await tx.specialHousehold.update({ where: { id: found.id }, data });
      changes++;
    }
  }
  return { places: places.length, people: org.people.length, changes };
}

async function linkIdentity(
  tx: Db,
  id: { platform: string; id: string; name?: string; username?: string },
  personId: number,
  personName: string,
): Promise<number> {
  const where = { platform_externalId: { platform: id.platform, externalId: id.id } };
  const found = await tx.identity.findUnique({ where });
  if (!found) {
    await tx.identity.create({
      data: {
        platform: id.platform,
        externalId: id.id,
        displayName: id.name ?? personName,
        username: id.username ?? null,
        personId,
      },
    });
    return 1;
  }
  if (found.personId === personId) return 0;
  await tx.identity.update({ where: { id: found.id }, data: { personId } });
  return 1;
}

async function syncRoles(tx: Db, placeId: number, place: FlatPlace, personIds: Map<string, number>): Promise<number> {
  const wanted = new Set<string>();
  for (const [role, keys] of Object.entries(place.entry.roles)) {
    for (const key of keys ?? []) wanted.add(`${personIds.get(key)}:${role}`);
  }
  const existing = await tx.role.findMany({ where: { placeId } });
  let changes = 0;
  for (const r of existing) {
    if (!wanted.delete(`${r.personId}:${r.role}`)) {
      await tx.role.delete({ where: { id: r.id } });
      changes++;
    }
  }
  for (const item of wanted) {
    const [personId, role] = item.split(':');
    await tx.role.create({ data: { placeId, personId: Number(personId), role } });
    changes++;
  }
  return changes;
}

async function syncBoard(tx: Db, placeId: number, board: Record<string, string>): Promise<number> {
  const existing = await tx.boardEntry.findMany({ where: { placeId } });
  let changes = 0;
  for (const entry of existing) {
    if (!(entry.label in board)) {
      await tx.boardEntry.delete({ where: { id: entry.id } });
      changes++;
    }
  }
  for (const [label, phone] of Object.entries(board)) {
    const found = existing.find((e) => e.label === label);
    if (!found) await tx.boardEntry.create({ data: { placeId, label, phone } });
    else if (found.phone !== phone) await tx.boardEntry.update({ where: { id: found.id }, data: { phone } });
    else continue;
    changes++;
  }
  return changes;
}

async function syncChats(tx: Db, placeId: number, place: FlatPlace): Promise<number> {
  let changes = 0;
  for (const chat of place.entry.chats) {
    const where = { platform_externalId: { platform: chat.platform, externalId: chat.id } };
    const found = await tx.chat.findUnique({ where });
    // Without `account:` in the file, keep the account the chat was adopted by (see Bot.chatOf).
    const data = {
      placeId,
      title: chat.title ?? null,
      account: chat.account ?? found?.account ?? 'default',
      ...(chat.listen ? { listen: chat.listen } : {}),
    };
    if (!found) {
      await tx.chat.create({ data: { platform: chat.platform, externalId: chat.id, kind: 'group', ...data } });
      changes++;
    } else if (
      found.placeId !== placeId ||
      found.title !== data.title ||
      found.account !== data.account ||
      (chat.listen && found.listen !== chat.listen)
    ) {
      await tx.chat.update({ where: { id: found.id }, data });
      changes++;
    }
  }
  return changes;
}
