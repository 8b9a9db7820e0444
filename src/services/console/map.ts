/**
 * The figures behind the 民情地图: per place, the tickets reported in a time window, how many
 * are still open, overdue or urgent. Four grouped counts over indexed columns, summed up the
 * tree in memory, so the map stays fast with 100,000 tickets.
 */
import type { Db } from '../../store/client.js';
import { OPEN_STATUSES } from '../workflow/index.js';
import { childrenOf, type PlaceLite, type Scope } from './scope.js';
import { overdueWhere, type TicketWhere, visibleTo } from './tickets.js';

export interface Cell {
  total: number;
  open: number;
  overdue: number;
  urgent: number;
}

/** A place of the map with its figures (its own and everything below it) and its children. */
export interface MapNode {
  place: PlaceLite;
  cell: Cell;
  children: MapNode[];
}

export interface MapOptions {
  /** Tickets reported from this instant on (the start of a local day, so lists agree). */
  from: Date;
  category?: string;
}

const empty = (): Cell => ({ total: 0, open: 0, overdue: 0, urgent: 0 });

type Group = { placeId: number | null; mustReport: string | null; assigneeId: number | null; _count: { _all: number } };

/** How a place is coloured: nothing open, something open, something overdue. */
export function shade(cell: Cell): 'ok' | 'open' | 'overdue' {
  return cell.overdue ? 'overdue' : cell.open ? 'open' : 'ok';
}

/** The scope's trees with figures for tickets reported since `options.from`. */
export async function mapData(db: Db, scope: Scope, options: MapOptions, now: Date): Promise<MapNode[]> {
  const { from } = options;
  // Only the window and category go to the database, so it reads the createdAt index (a few
  // thousand rows); scope and sensitivity are applied to the groups, which carry what they need.
  const base: TicketWhere = { createdAt: { gte: from }, ...(options.category ? { category: options.category } : {}) };
  const open = { status: { in: [...OPEN_STATUSES] } };
  const by = ['placeId', 'mustReport', 'assigneeId'] as const;
  const [total, opened, overdue, urgent] = await Promise.all([
    db.ticket.groupBy({ by: [...by], where: base, _count: { _all: true } }),
    db.ticket.groupBy({ by: [...by], where: { AND: [base, open] }, _count: { _all: true } }),
    db.ticket.groupBy({ by: [...by], where: { AND: [base, overdueWhere(now)] }, _count: { _all: true } }),
    db.ticket.groupBy({ by: [...by], where: { AND: [base, open, { urgent: true }] }, _count: { _all: true } }),
  ]);
  const own = new Map<number, Cell>();
  const add = (rows: Group[], key: keyof Cell) => {
    for (const r of rows) {
      if (r.placeId === null || !visibleTo(scope, r)) continue;
      const cell = own.get(r.placeId) ?? empty();
      cell[key] += r._count._all;
      own.set(r.placeId, cell);
    }
  };
  add(total, 'total');
  add(opened, 'open');
  add(overdue, 'overdue');
  add(urgent, 'urgent');
  const build = (place: PlaceLite): MapNode => {
    const children = childrenOf(scope, place.id).map(build);
    const cell = { ...(own.get(place.id) ?? empty()) };
    for (const c of children) {
      cell.total += c.cell.total;
      cell.open += c.cell.open;
      cell.overdue += c.cell.overdue;
      cell.urgent += c.cell.urgent;
    }
    return { place, cell, children };
  };
  return scope.roots.map(build);
}

/** The buildings of a map tree, wherever they sit (a grid's, or a four-level city's). */
export function buildingsOf(node: MapNode): MapNode[] {
  if (node.place.level === 'building') return [node];
  return node.children.flatMap(buildingsOf);
}

/** A section of the map: a place that holds buildings (a grid, usually) and those buildings. */
export interface Block {
  node: MapNode;
  buildings: MapNode[];
}

/** The map's sections: each grid with its buildings; a building or unit head's own place alone. */
export function blocksOf(node: MapNode): Block[] {
  if (node.place.level === 'building' || node.place.level === 'unit') return [{ node, buildings: [node] }];
  const buildings = node.children.filter((c) => c.place.level === 'building');
  if (buildings.length) return [{ node, buildings }];
  return node.children.flatMap(blocksOf);
}
