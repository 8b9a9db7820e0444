/**
 * What a person may see in the web console: the subtrees of the places where they hold a role
 * (a community head sees the whole community). Must-report items about crime or instability
 * are shown only to their assignee and to people with a role at grid level or above them;
 * special households only to their responsible person and the community head.
 */
import type { Db } from '../../store/client.js';
import { PLACE_SELECT, type PlaceRow } from '../org/places.js';

/** Must-report kinds that never leave the responsible heads (DESIGN: privacy). */
export const SENSITIVE_KINDS = ['crime', 'instability'];
/** Levels whose roles see sensitive items below them. */
const SENIOR_LEVELS = ['grid', 'community'];

export type PlaceLite = Pick<PlaceRow, 'id' | 'parentId' | 'level' | 'depth' | 'path' | 'name' | 'number'> & {
  mapX: number | null;
  mapY: number | null;
  lat: number | null;
  lng: number | null;
};

export interface Scope {
  /** The person looking (null for an API key). */
  personId: number | null;
  /** The topmost places they see, each with everything below it. */
  roots: PlaceLite[];
  /** Every place they see, by id. */
  places: Map<number, PlaceLite>;
  /** Places under a grid- or community-level role: sensitive items there are visible. */
  senior: Set<number>;
  /** Roles at the top of a tree: tickets with no place are theirs too. */
  top: boolean;
  /** Community heads: special households of everyone below them. */
  householdsAll: Set<number>;
}

const PLACE_FIELDS = { ...PLACE_SELECT, mapX: true, mapY: true, lat: true, lng: true } as const;

/** The scope of a person with roles; null when they hold none. */
export async function scopeOfPerson(db: Db, personId: number): Promise<Scope | null> {
  const roles = await db.role.findMany({
    where: { personId, role: { not: 'staff' } },
    include: { place: { select: PLACE_FIELDS } },
  });
  if (!roles.length) return null;
  const scope = await subtrees(
    db,
    roles.map((r) => r.place),
  );
  scope.personId = personId;
  for (const r of roles) {
    if (!SENIOR_LEVELS.includes(r.place.level)) continue;
    for (const p of scope.places.values()) if (p.path.startsWith(r.place.path)) scope.senior.add(p.id);
    if (r.place.level === 'community' || r.place.depth === 0) {
      for (const p of scope.places.values()) if (p.path.startsWith(r.place.path)) scope.householdsAll.add(p.id);
    }
  }
  return scope;
}

/** The scope of an API key: one subtree, or every tree; sensitive items are never in it. */
export async function scopeOfKey(db: Db, placeId: number | null): Promise<Scope> {
  const tops = placeId
    ? await db.place.findMany({ where: { id: placeId }, select: PLACE_FIELDS })
    : await db.place.findMany({ where: { parentId: null }, select: PLACE_FIELDS });
  return subtrees(db, tops);
}

async function subtrees(db: Db, tops: PlaceLite[]): Promise<Scope> {
  const roots = tops.filter((p) => !tops.some((q) => q.id !== p.id && p.path.startsWith(q.path) && q.path !== p.path));
  const unique = [...new Map(roots.map((r) => [r.id, r])).values()].sort((a, b) => a.id - b.id);
  const rows = unique.length
    ? await db.place.findMany({
        where: { OR: unique.map((r) => ({ path: { startsWith: r.path } })) },
        select: PLACE_FIELDS,
        orderBy: [{ depth: 'asc' }, { id: 'asc' }],
      })
    : [];
  return {
    personId: null,
    roots: unique,
    places: new Map(rows.map((p) => [p.id, p])),
    senior: new Set(),
    top: unique.some((r) => r.depth === 0),
    householdsAll: new Set(),
  };
}

/** Ids of a place and everything below it, within the scope. */
export function subtreeIds(scope: Scope, placeId: number): number[] {
  const place = scope.places.get(placeId);
  if (!place) return [];
  return [...scope.places.values()].filter((p) => p.path.startsWith(place.path)).map((p) => p.id);
}

/** Children of a place within the scope, in id order. */
export function childrenOf(scope: Scope, placeId: number): PlaceLite[] {
  return [...scope.places.values()].filter((p) => p.parentId === placeId).sort((a, b) => a.id - b.id);
}

/** "3栋2单元": a unit is named with its building. */
export function labelIn(scope: Scope, placeId: number | null): string | null {
  const p = placeId ? scope.places.get(placeId) : undefined;
  if (!p) return null;
  const parent = p.level === 'unit' && p.parentId ? scope.places.get(p.parentId) : undefined;
  return parent ? `${parent.name}${p.name}` : p.name;
}

/** The nearest place at `level` at or above a place, within the scope. */
export function ancestorIn(scope: Scope, placeId: number | null, level: string): PlaceLite | null {
  let p = placeId ? scope.places.get(placeId) : undefined;
  while (p && p.level !== level) p = p.parentId ? scope.places.get(p.parentId) : undefined;
  return p ?? null;
}
