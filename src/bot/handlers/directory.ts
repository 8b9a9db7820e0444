/**
 * The notice board (公示牌): who heads the asker's unit, building and grid, and service numbers.
 */
import { ROLE_LABELS, T } from '../../common/text/index.js';
import { ancestors } from '../../services/org/places.js';
import type { Context, Handled } from '../context.js';

export async function directory(ctx: Context): Promise<Handled> {
  const place = ctx.chat.place;
  if (!place) return ctx.reply(T.directoryNone);
  const chain = await ancestors(ctx.db, place);
  const { service, levels } = ctx.reading.args;
  const board = await ctx.db.boardEntry.findMany({ where: { placeId: { in: chain.map((p) => p.id) } } });
  if (service) {
    const entries = board.filter((e) => e.label.includes(service));
    if (entries.length) return ctx.reply(entries.map((e) => T.boardLine(e.label, e.phone)).join('\n'));
  }
  const roles = await ctx.db.role.findMany({
    where: { placeId: { in: chain.map((p) => p.id) }, role: { in: ['head', 'grid_worker'] } },
    include: { person: true },
  });
  const lines: string[] = [];
  for (const p of chain) {
    if (levels && !levels.includes(p.level)) continue;
    for (const r of roles.filter((x) => x.placeId === p.id)) {
      const title = r.role === 'grid_worker' ? T.gridWorker : (ROLE_LABELS[p.level] ?? T.placeHead(p.name));
      lines.push(T.headLine(p.name, title, r.person.name, r.person.phone));
    }
  }
  if (!levels) lines.push(...board.map((e) => T.boardLine(e.label, e.phone)));
  if (!lines.length) return ctx.reply(T.directoryNone);
  return ctx.reply(T.directoryHeads(lines));
}
