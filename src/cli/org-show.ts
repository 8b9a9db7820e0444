/** `gridbot org show`: the place tree with heads, bound chats and notice board. */
import type { Database } from '../store/client.js';

const ROLE = { head: '负责人', deputy: '副职', grid_worker: '网格员', volunteer: '志愿者' } as Record<string, string>;

export async function orgSummary(db: Database): Promise<string> {
  const places = await db.prisma.place.findMany({
    orderBy: [{ depth: 'asc' }, { id: 'asc' }],
    include: { roles: { include: { person: true } }, chats: true, board: true },
  });
  if (!places.length) return '(no places: run `gridbot org import FILE` or start the bot to load the demo org)';
  const children = new Map<number | null, typeof places>();
  for (const p of places) children.set(p.parentId, [...(children.get(p.parentId) ?? []), p]);
  const lines: string[] = [];
  const walk = (parentId: number | null, indent: string) => {
    for (const p of children.get(parentId) ?? []) {
      const roles = p.roles
        .map((r) => `${ROLE[r.role] ?? r.role} ${r.person.name}${r.person.phone ? ` ${r.person.phone}` : ''}`)
        .join('，');
      const chats = p.chats.map((c) => `${c.platform}:${c.title ?? c.externalId}`).join('，');
      lines.push(
        `${indent}${p.name} [${p.level}, ${p.key}]${roles ? `  ${roles}` : ''}${chats ? `  群: ${chats}` : ''}`,
      );
      for (const b of p.board) lines.push(`${indent}  公示牌 ${b.label}: ${b.phone}`);
      walk(p.id, `${indent}  `);
    }
  };
  walk(null, '');
  return lines.join('\n');
}
