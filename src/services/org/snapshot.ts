/**
 * The org tree in memory: every place, who heads it and what each person handles, read in two
 * queries and answered without the database. Intake asks these questions of every message (the
 * chat's chain of places, its head, the place a message names, its label); each one cost a Prisma
 * call of 0.3–0.5 ms and was cached for a minute only, so a real group paid them again after every
 * lull. The org changes rarely (an org import, here or in another process): a view checks a
 * one-row fingerprint of the three tables every few seconds in the background and reloads when it
 * changed; a change made in this process invalidates it at once. See docs/decisions/0010-performance.md.
 *
 * Each function answers exactly what its namesake in `places.ts` answers from the database.
 */
import type { Mention } from '../../common/types.js';
import type { Location } from '../../intents/index.js';
import type { Db } from '../../store/client.js';
import { buildingCalled, chainIds, HANDLER_ROLES, type HeadRow, PLACE_SELECT, type PlaceRow } from './places.js';

interface RoleRow {
  id: number;
  placeId: number;
  personId: number;
  role: string;
}

export interface OrgSnapshot {
  readonly places: ReadonlyMap<number, PlaceRow>;
  /** Buildings by number, and units by building id and number; each list in id order. */
  readonly buildings: ReadonlyMap<string, PlaceRow[]>;
  readonly units: ReadonlyMap<string, PlaceRow>;
  /** Head and grid-worker roles by place, in id order. */
  readonly leads: ReadonlyMap<number, RoleRow[]>;
  /** Places each person holds a handling role at. */
  readonly handled: ReadonlyMap<number, PlaceRow[]>;
  readonly people: ReadonlyMap<number, { name: string; phone: string | null }>;
  /** How to @-mention each person holding a role, by platform (their first identity there). */
  readonly mentions: ReadonlyMap<string, Mention>;
  readonly version: string;
}

/** A fingerprint that changes whenever a place, role or person is added, changed or removed. */
export async function orgVersion(db: Db): Promise<string> {
  const [places, roles, people, linked] = await Promise.all([
    db.place.aggregate({ _count: { _all: true }, _max: { updatedAt: true } }),
    db.role.aggregate({ _count: { _all: true }, _max: { id: true } }),
    db.person.aggregate({ _count: { _all: true }, _max: { updatedAt: true } }),
    db.identity.aggregate({ where: { personId: { not: null } }, _count: { _all: true }, _max: { updatedAt: true } }),
  ]);
  return [
    linked._count._all,
    linked._max.updatedAt?.getTime(),
    places._count._all,
    places._max.updatedAt?.getTime(),
    roles._count._all,
    roles._max.id,
    people._count._all,
    people._max.updatedAt?.getTime(),
  ].join(':');
}

/** Reads the whole org. */
export async function loadSnapshot(db: Db): Promise<OrgSnapshot> {
  const version = await orgVersion(db);
  const [placeRows, roleRows, personRows, identityRows] = await Promise.all([
    db.place.findMany({ select: PLACE_SELECT, orderBy: { id: 'asc' } }),
    db.role.findMany({ orderBy: { id: 'asc' } }),
    db.person.findMany({ where: { roles: { some: {} } }, select: { id: true, name: true, phone: true } }),
    db.identity.findMany({
      where: { person: { roles: { some: {} } } },
      select: { personId: true, platform: true, externalId: true, displayName: true, username: true },
      orderBy: { id: 'asc' },
    }),
  ]);
  const places = new Map(placeRows.map((p) => [p.id, p]));
  const buildings = new Map<string, PlaceRow[]>();
  const units = new Map<string, PlaceRow>();
  for (const p of placeRows) {
    if (p.level === 'building' && p.number !== null) push(buildings, p.number, p);
    const unitKey = `${p.parentId}:${p.number}`;
    if (p.level === 'unit' && p.number !== null && !units.has(unitKey)) units.set(unitKey, p);
  }
  const leads = new Map<number, RoleRow[]>();
  const handled = new Map<number, PlaceRow[]>();
  for (const r of roleRows) {
    if (r.role === 'head' || r.role === 'grid_worker') push(leads, r.placeId, r);
    const place = places.get(r.placeId);
    if (place && HANDLER_ROLES.includes(r.role)) push(handled, r.personId, place);
  }
  const people = new Map(personRows.map((p) => [p.id, { name: p.name, phone: p.phone }]));
  const mentions = new Map<string, Mention>();
  for (const i of identityRows) {
    const key = `${i.personId}:${i.platform}`;
    if (!mentions.has(key))
      mentions.set(key, { id: i.externalId, name: i.displayName, username: i.username ?? undefined });
  }
  return { places, buildings, units, leads, handled, people, mentions, version };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** The place and its ancestors, nearest first. */
export function ancestorsIn(org: OrgSnapshot, place: PlaceRow): PlaceRow[] {
  return chainIds(place)
    .map((id) => org.places.get(id))
    .filter((p): p is PlaceRow => !!p);
}

/** The head of the smallest place in `chain` that has one; grid workers stand in at grid level. */
export function headIn(org: OrgSnapshot, chain: PlaceRow[]): HeadRow | null {
  for (const place of chain) {
    const here = org.leads.get(place.id) ?? [];
    const pick = here.find((r) => r.role === 'head') ?? here.find((r) => r.role === 'grid_worker');
    const person = pick && org.people.get(pick.personId);
    if (pick && person) return { personId: pick.personId, name: person.name, phone: person.phone, place };
  }
  return null;
}

/**
 * How to @-mention a person holding a role on a platform (as `mentionFor`); undefined for anyone
 * else, whom the caller looks up.
 */
export function mentionIn(org: OrgSnapshot, personId: number, platform: string): Mention | undefined {
  const found = org.mentions.get(`${personId}:${platform}`);
  if (found) return found;
  const person = org.people.get(personId);
  return person ? { id: '', name: person.name } : undefined;
}

/** Places where the person holds a handling role. */
export function handledIn(org: OrgSnapshot, personId: number): PlaceRow[] {
  return org.handled.get(personId) ?? [];
}

/** The place a report's building and unit mean, seen from `base` (as `resolveLocation` with `unlistedUnitIsBuilding`). */
export function locateIn(org: OrgSnapshot, base: PlaceRow, loc: Pick<Location, 'building' | 'unit'>): PlaceRow | null {
  if (!loc.building && !loc.unit) return base;
  const chain = ancestorsIn(org, base);
  let building: PlaceRow | null;
  if (loc.building) {
    const scope = chain.find((p) => p.level === 'grid') ?? chain[chain.length - 1] ?? base;
    building = org.buildings.get(loc.building)?.find((b) => b.path.startsWith(scope.path)) ?? null;
    // "A座楼下…" where the org numbers it 3栋 and names it "3栋（翠岭苑A座）".
    building ??= buildingCalled(
      [...org.buildings.values()].flat().filter((b) => b.path.startsWith(scope.path)),
      loc.building,
    );
  } else {
    building = base.level === 'building' ? base : (chain.find((p) => p.level === 'building') ?? null);
  }
  if (!building) return null;
  if (!loc.unit) return base.level === 'unit' && base.parentId === building.id ? base : building;
  // A unit the org does not list (often one without a unit head of its own) is its building's.
  return org.units.get(`${building.id}:${loc.unit}`) ?? building;
}

/** "3栋2单元" for a unit, the name for any other place (as `placeLabel`, without the no-place case). */
export function labelIn(org: OrgSnapshot, place: PlaceRow): string {
  if (place.level !== 'unit') return place.name;
  const parent = place.parentId ? org.places.get(place.parentId) : undefined;
  return parent ? `${parent.name}${place.name}` : place.name;
}

/**
 * The current snapshot of one database. `current()` loads it on first use and after
 * `invalidate()`; otherwise it answers at once and, at most every `checkEveryMs`, compares the
 * fingerprint in the background and swaps in a fresh snapshot when another process changed the org.
 */
export class OrgView {
  private snapshot: OrgSnapshot | null = null;
  private loading: Promise<OrgSnapshot> | null = null;
  private checkedAt = 0;
  private checking = false;
  /** Bumped by `invalidate()`, so a load begun before it cannot install what it read. */
  private generation = 0;

  constructor(
    private readonly db: Db,
    private readonly checkEveryMs = 5_000,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  async current(): Promise<OrgSnapshot> {
    if (!this.snapshot) return this.load();
    const now = Date.now();
    if (now - this.checkedAt >= this.checkEveryMs && !this.checking) {
      this.checkedAt = now;
      this.checking = true;
      void this.refresh().finally(() => {
        this.checking = false;
      });
    }
    return this.snapshot;
  }

  /** The org changed in this process: the next `current()` reads it again. */
  invalidate(): void {
    this.snapshot = null;
    this.loading = null;
    this.generation++;
  }

  private async refresh(): Promise<void> {
    try {
      if ((await orgVersion(this.db)) !== this.snapshot?.version) await this.load();
    } catch (error) {
      this.onError(error);
    }
  }

  private load(): Promise<OrgSnapshot> {
    if (this.loading) return this.loading;
    const generation = this.generation;
    const loading: Promise<OrgSnapshot> = loadSnapshot(this.db)
      .then((s) => {
        if (generation === this.generation) {
          this.snapshot = s;
          this.checkedAt = Date.now();
        }
        return s;
      })
      .finally(() => {
        if (this.loading === loading) this.loading = null;
      });
    this.loading = loading;
    return loading;
  }
}
