/** `gridbot org show`: the place tree with heads, bound chats and notice board. */
import { T } from '../common/text/index.js';
import type { Database } from '../store/client.js';

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
        .map((r) => `${T.orgRoles[r.role] ?? r.role} ${r.person.name}${r.person.phone ? ` ${r.person.phone}` : ''}`)
        .join(T.orgSeparator);
      const chats = p.chats.map((c) => `${c.platform}:${c.title ?? c.externalId}`).join(T.orgSeparator);
      lines.push(
        `${indent}${p.name} [${p.level}, ${p.key}]${roles ? `  ${roles}` : ''}${chats ? T.orgChats(chats) : ''}`,
      );
      for (const b of p.board) lines.push(`${indent}${T.orgBoard(b.label, b.phone)}`);
      walk(p.id, `${indent}  `);
    }
  };
  walk(null, '');
  return lines.join('\n');
}
