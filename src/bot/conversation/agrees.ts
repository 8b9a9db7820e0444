/**
 * Neighbours agreeing with a report just made here ("係囉 仲有陣臭味", "+1", "我家也是…"): the
 * ticket they agree with, which they join or follow quietly.
 */
import { sharedWords } from '../../intents/index.js';
import * as workflow from '../../services/workflow/index.js';
import type { Context } from '../context.js';

type Ticket = workflow.TicketRow;

/** "係囉 仲有陣臭味", "我家也是 片子上半截拔凉", "是嘞 我从窗户往下看": agreeing with what was just reported. */
const AGREES =
  /^(系啰|系咯|系呀|系啊|是的|是啊|是呀|对的|对啊|对呀|对对|可不是|可不(?=[\s,，])|可不咋的|没错|[对是](?=[\s,，])|就是|确实|真的|同感|\+1|是嘞|是哩|对嘞|对头|是嘛(?=[\s,，])|(我|俺|咱)(家|们家|屋企|这|这边|那边)?(也|都)(是|系|一样)|我都系)/;
const ALSO_SENSED = /^[^，。,！!？?]{0,8}(也|都)((闻|听|看)(得)?(到|着|见)|发现)(了|咗)?/;
/** "我是她对门 我家卫生间顶子也湿了一大片": the same trouble at the teller's own home. */
const ALSO_HERE =
  /(我|俺|咱|阿拉|我哋)(家|们家|们楼|们单元|们院|屋企|屋里|这边|这屋)[^，。,！!？?]{0,8}(也|都)(在|是|有|开始)?(往下)?(湿|漏|滴|渗|停|没|冇|不|坏|黑|臭|堵|进水|淹|凉|返|冒|来|围|水)/;
/** "五楼也小得很 热水器都点不着火", "我们这层也一样": the same trouble a floor away. */
const ALSO_FLOOR =
  /^([\d一二三四五六七八九十两]{1,3}(楼|层)|楼上|楼下|这层|我们这层|我这层|我们楼层)(也|都)(是|一样|差不多|小|冇|没|不|停|漏|臭|黑|坏|有)/;
const AGREE_WINDOW_MS = 2 * 3_600_000;

/** The ticket reported in this chat within two hours that a neighbour's agreement (naming no place) is about. */
export async function agreedWith(ctx: Context, text: string): Promise<Ticket | null> {
  const where = ctx.reading.location;
  // "我刚下楼也闻到了，像是从201门缝里出来的": sensing it too may say where it comes from.
  const agrees = AGREES.test(text)
    ? !where.room
    : ALSO_SENSED.test(text) || ALSO_HERE.test(text) || ALSO_FLOOR.test(text);
  // (…or only this building's own name: "对 还有一台小车停在4号楼单元门口" in 4栋's chat, if it shares the report's words.)
  const place = ctx.chat.place;
  const ownBuilding = place?.level === 'building' && where.building === place.number && !where.unit && !where.room;
  if (!agrees || ((where.building || where.unit) && !ownBuilding)) return null;
  const t = await ctx.db.ticket.findFirst({
    where: {
      chatId: ctx.chat.id,
      status: { in: workflow.OPEN_STATUSES },
      createdAt: { gte: new Date(ctx.now.getTime() - AGREE_WINDOW_MS) },
    },
    orderBy: { id: 'desc' },
  });
  return t && (!ownBuilding || sharedWords(text, t.text) > 0) ? t : null;
}

/**
 * "+1 我从22楼走下来的 腿还在抖": a neighbour agreeing with a report just made here, in talk the bot
 * does not answer, follows it quietly: their later "又坏了" or "怎么还没修" is then about it.
 */
export async function followAgreed(ctx: Context): Promise<void> {
  if (!AGREES.test(ctx.reading.text)) return;
  const t = await agreedWith(ctx, ctx.reading.text);
  if (t && t.reporterId !== ctx.speaker.identityId)
    await workflow.follow(ctx.db, t.id, ctx.speaker.identityId, ctx.now);
}
