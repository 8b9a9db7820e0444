/**
 * The notice board (公示牌): who heads the asker's unit, building and grid, and service numbers.
 */
import { ancestors } from '../../services/org/places.js';
import type { Context } from '../context.js';
import { ROLE_LABELS, T } from '../../common/text.js';

const SERVICE_WORDS: [RegExp, string][] = [
  [/物业/, '物业'],
  [/自来水|供水|停水|水/, '供水'],
  [/电力|供电|停电|电/, '供电'],
  [/燃气|煤气|天然气/, '燃气'],
];

export async function directory(ctx: Context): Promise<void> {
  ctx.outcome = 'reply';
  const place = ctx.chat.place;
  if (!place) return ctx.reply(T.directoryNone);
  const chain = await ancestors(ctx.tx, place);
  const text = ctx.reading.text;
  const board = await ctx.tx.boardEntry.findMany({ where: { placeId: { in: chain.map((p) => p.id) } } });
  const service = SERVICE_WORDS.find(([re]) => re.test(text) && !/长|网格员/.test(text));
  if (service) {
    const entries = board.filter((e) => e.label.includes(service[1]));
    if (entries.length) return ctx.reply(entries.map((e) => `${e.label}：${e.phone}`).join('\n'));
  }
  const wanted = wantedLevels(text);
  const roles = await ctx.tx.role.findMany({
    where: { placeId: { in: chain.map((p) => p.id) }, role: { in: ['head', 'grid_worker'] } },
    include: { person: true },
  });
  const lines: string[] = [];
  for (const p of chain) {
    if (wanted && !wanted.includes(p.level)) continue;
    for (const r of roles.filter((x) => x.placeId === p.id)) {
      const title = r.role === 'grid_worker' ? '网格员' : (ROLE_LABELS[p.level] ?? `${p.name}负责人`);
      lines.push(`${p.name}${title}：${r.person.name}${r.person.phone ? ` ${r.person.phone}` : ''}`);
    }
  }
  if (!wanted) lines.push(...board.map((e) => `${e.label}：${e.phone}`));
  if (!lines.length) return ctx.reply(T.directoryNone);
  await ctx.reply(T.directoryHeads(lines));
}

function wantedLevels(text: string): string[] | null {
  if (/单元长/.test(text)) return ['unit'];
  if (/楼栋长|楼长/.test(text)) return ['building'];
  if (/网格长|网格员/.test(text)) return ['grid'];
  if (/书记|社区/.test(text)) return ['community'];
  return null;
}
