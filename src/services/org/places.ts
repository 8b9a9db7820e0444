/**
 * Questions about the place tree: ancestors, who heads a place, which place a message means,
 * and whether a person may act on a place. Places change rarely, so rows are cached briefly.
 */
import { T } from '../../common/text/index.js';
import type { Db } from '../../store/client.js';
import type { Location, PlaceRef } from '../../intents/index.js';

import type { PlaceRow } from '../../store/intake-chat.js';

export type { PlaceRow };

export interface HeadRow {
  personId: number;
  name: string;
  phone: string | null;
  place: PlaceRow;
}

/** The columns of a place the bot works with ({@link PlaceRow}), for a model API `select`. */
export const PLACE_SELECT = {
  id: true,
  key: true,
  parentId: true,
  level: true,
  depth: true,
  path: true,
  name: true,
  number: true,
} as const;

export const HANDLER_ROLES = ['head', 'deputy', 'grid_worker', 'staff'];

/** Ids of a place and its ancestors, nearest first, from the materialised path. */
export function chainIds(place: PlaceRow): number[] {
  return place.path.split('/').filter(Boolean).map(Number).reverse();
}

/** The place and its ancestors, nearest first. */
export async function ancestors(tx: Db, place: PlaceRow): Promise<PlaceRow[]> {
  const ids = chainIds(place);
  const rows = await tx.place.findMany({ where: { id: { in: ids } } });
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)!).filter(Boolean);
}

/** The nearest ancestor (or the place itself) at `level`. */
export async function ancestorAt(tx: Db, place: PlaceRow, level: string): Promise<PlaceRow | null> {
  return (await ancestors(tx, place)).find((p) => p.level === level) ?? null;
}

/** The head of the smallest place in `chain` that has one, walking up; grid workers stand in at grid level. */
export async function headOf(tx: Db, chain: PlaceRow[]): Promise<HeadRow | null> {
  if (!chain.length) return null;
  const roles = await tx.role.findMany({
    where: { placeId: { in: chain.map((p) => p.id) }, role: { in: ['head', 'grid_worker'] } },
    include: { person: true },
    orderBy: { id: 'asc' },
  });
  for (const place of chain) {
    const here = roles.filter((r) => r.placeId === place.id);
    const pick = here.find((r) => r.role === 'head') ?? here.find((r) => r.role === 'grid_worker');
    if (pick) return { personId: pick.personId, name: pick.person.name, phone: pick.person.phone, place };
  }
  return null;
}

/** True when the person holds a handling role at the place or above it. */
export async function canHandle(tx: Db, personId: number | null, place: PlaceRow | null): Promise<boolean> {
  if (!personId || !place) return false;
  const count = await tx.role.count({
    where: { personId, placeId: { in: chainIds(place) }, role: { in: HANDLER_ROLES } },
  });
  return count > 0;
}

/**
 * True when the person may work on a ticket at `place`: a handling role there or above, or, for a
 * ticket of a whole building, a handling role at one of its units (a unit head answering about the
 * building's lift or a neighbour's noise is on the building's team).
 */
export async function worksOn(
  tx: Db,
  personId: number | null,
  place: PlaceRow | null,
  anyBelow = false,
): Promise<boolean> {
  if (await canHandle(tx, personId, place)) return true;
  // (`anyBelow`: a handling role anywhere under it — any head of the grid in the grid's emergency.)
  if (anyBelow && personId && place)
    return (
      (await tx.role.count({
        where: { personId, role: { in: HANDLER_ROLES }, place: { path: { startsWith: place.path } } },
      })) > 0
    );
  if (!personId || !place || place.level !== 'building') return false;
  const count = await tx.role.count({
    where: { personId, role: { in: HANDLER_ROLES }, place: { parentId: place.id } },
  });
  return count > 0;
}

/** Places where the person holds a handling role. */
export async function placesHandledBy(tx: Db, personId: number): Promise<PlaceRow[]> {
  const roles = await tx.role.findMany({ where: { personId, role: { in: HANDLER_ROLES } }, include: { place: true } });
  return roles.map((r) => r.place);
}

/** True when `inner` is `outer` or lies below it. */
export function within(inner: PlaceRow, outer: PlaceRow): boolean {
  return inner.path.startsWith(outer.path);
}

/** The topmost grid-or-community scope a chat speaks for (its grid, else its root). */
export async function scopeOf(tx: Db, place: PlaceRow): Promise<PlaceRow> {
  const chain = await ancestors(tx, place);
  return chain.find((p) => p.level === 'grid') ?? chain[chain.length - 1] ?? place;
}

/**
 * The place a message means: its building/unit looked up inside the chat's scope,
 * relative to the chat's own place (a unit number in a building chat is that building's unit, the
 * building of a unit chat named alone is that unit).
 * Returns null when the message names a place that does not exist here; with
 * `unlistedUnitIsBuilding`, a unit the org does not list is its building (how reports are placed).
 */
export async function resolveLocation(
  tx: Db,
  base: PlaceRow,
  loc: Pick<Location, 'building' | 'unit'>,
  unlistedUnitIsBuilding = false,
): Promise<PlaceRow | null> {
  if (!loc.building && !loc.unit) return base;
  const scope = await scopeOf(tx, base);
  let building: PlaceRow | null = null;
  if (loc.building) {
    building = await tx.place.findFirst({
      where: { level: 'building', number: loc.building, path: { startsWith: scope.path } },
    });
    // "A座楼下…" where the org numbers it 3栋 and names it "3栋（翠岭苑A座）".
    building ??= await namedBuilding(tx, scope.path, loc.building);
    if (!building) return null;
  } else {
    building = base.level === 'building' ? base : await ancestorAt(tx, base, 'building');
    if (!building) return null;
  }
  // "3座…" said in the 3座2梯 chat: the speaker's own stairwell of that building.
  if (!loc.unit) return base.level === 'unit' && base.parentId === building.id ? base : building;
  const unit = await tx.place.findFirst({ where: { level: 'unit', number: loc.unit, parentId: building.id } });
  // In a report, a unit the org does not list (often one without a unit head) is its building's.
  return unit ?? (unlistedUnitIsBuilding ? building : null);
}

/** The one building under `path` whose name calls it `number` ("3栋（翠岭苑A座）" for A). */
async function namedBuilding(tx: Db, path: string, number: string): Promise<PlaceRow | null> {
  return buildingCalled(await tx.place.findMany({ where: { level: 'building', path: { startsWith: path } } }), number);
}

/** Of `buildings`, the one whose name calls it `number` ("3栋（翠岭苑A座）" for A), when exactly one does. */
export function buildingCalled(buildings: PlaceRow[], number: string): PlaceRow | null {
  const escaped = number.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const calls = new RegExp(`(^|[^0-9A-Za-z])${escaped}(座|栋|幢|号楼|楼)`, 'i');
  const hits = buildings.filter((b) => calls.test(b.name));
  return hits.length === 1 ? hits[0] : null;
}

/** The place a command names ("全网格", "3栋", "本单元"), seen from the chat's place. */
export async function resolvePlaceRef(tx: Db, base: PlaceRow, ref: PlaceRef): Promise<PlaceRow | null> {
  if (ref.level === 'here') return base;
  if (ref.level === 'grid' || ref.level === 'community') {
    const chain = await ancestors(tx, base);
    return chain.find((p) => p.level === ref.level) ?? null;
  }
  return resolveLocation(tx, base, { building: ref.building, unit: ref.unit });
}

/** A short human name for a place: "3栋2单元", "第一网格". */
export async function placeLabel(tx: Db, place: PlaceRow | null): Promise<string> {
  if (!place) return T.noPlace;
  if (place.level !== 'unit') return place.name;
  const parent = place.parentId ? await tx.place.findUnique({ where: { id: place.parentId } }) : null;
  return parent ? `${parent.name}${place.name}` : place.name;
}

/** Metres between two WGS-84 points (haversine). */
export function metresBetween(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.sqrt(h));
}

/**
 * The building nearest a location pin, when one with coordinates (org file `lat`/`lng`) lies
 * within `maxMetres`, looked for under `within` (the chat's grid or community).
 */
export async function nearestBuilding(
  tx: Db,
  within: PlaceRow | null,
  point: { lat: number; lng: number },
  maxMetres = 150,
): Promise<PlaceRow | null> {
  const candidates = await tx.place.findMany({
    where: {
      level: 'building',
      lat: { not: null },
      lng: { not: null },
      ...(within ? { path: { startsWith: within.path } } : {}),
    },
    select: { ...PLACE_SELECT, lat: true, lng: true },
  });
  let best: { place: PlaceRow; metres: number } | null = null;
  for (const { lat, lng, ...place } of candidates) {
    const metres = metresBetween(point, { lat: lat!, lng: lng! });
    if (metres <= maxMetres && (!best || metres < best.metres)) best = { place, metres };
  }
  return best?.place ?? null;
}
