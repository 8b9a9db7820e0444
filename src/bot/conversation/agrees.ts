/**
 * Neighbours agreeing with a report just made here ("係囉 仲有陣臭味", "+1", "我家也是…"): the
 * ticket they agree with, which they join or follow quietly.
 */
import { sharedWords, thingsNamed } from '../../intents/index.js';
import * as workflow from '../../services/workflow/index.js';
import type { Context } from '../context.js';

type Ticket = workflow.TicketRow;

/** "係囉 仲有陣臭味", "我家也是 片子上半截拔凉", "是嘞 我从窗户往下看": agreeing with what was just reported. */
const AGREES =
  /^(系啰|系咯|系呀|系啊|是的|是啊|是呀|是额|对额|是个是个|对的|对啊|对呀|对对|可不是|可不(?=[\s,，])|可不咋的|没错|[对是](?=[\s,，])|就是|确实|真的|同感|\+1|是嘞|是哩|对嘞|对头|是嘛(?=[\s,，])|(我|俺|咱)(家|们家|屋企|这|这边|那边)?(也|都)(是|系|一样)|我都系)/;
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

/** How soon after a report a neighbour's words on it are comment rather than a report of their own. */
const COMMENT_WINDOW_MS = 30 * 60_000;
/** …and within how many messages of it in the chat (the one being read counted). */
const COMMENT_WITHIN = 6;
/** Below this the model is not sure the words report anything. */
const SURE_REPORT = 0.8;

/**
 * "退管办哪会上门 这肯定是骗子" right after a neighbour reported two men at the doors claiming to be from the
 * retirees' office; "五楼那家是租房子的 小两口 白天都不在" right after the leak from the fifth floor: a
 * neighbour's comment on the report just made in this chat, of its kind and words, naming no thing or
 * place of its own, that the model is not sure reports anything. Never for a danger.
 */
export async function commentedOn(
  ctx: Context,
  open: Ticket[],
  text: string,
  category: string | null,
): Promise<Ticket | null> {
  const r = ctx.reading;
  if (r.urgent || r.confidence.report >= SURE_REPORT || Object.values(r.location).some(Boolean)) return null;
  const mine = thingsNamed(text);
  const latest = open
    .filter((t) => t.chatId === ctx.chat.id && ctx.now.getTime() - t.createdAt.getTime() < COMMENT_WINDOW_MS)
    .sort((a, b) => b.id - a.id)[0];
  if (!latest || latest.reporterId === ctx.speaker.identityId || latest.category !== category) return null;
  const theirs = thingsNamed(latest.text);
  // (A report naming no thing may be named by the comment: "…这肯定是骗子" of the two at the doors.)
  const ofIt = theirs.length ? mine.every((x) => theirs.includes(x)) : mine.length <= 1;
  // (Words naming no thing of their own need less in common: "五楼那家是租房子的…" of the leak from the fifth floor.)
  if (!ofIt || sharedWords(text, latest.text) < (mine.length ? 2 : 1)) return null;
  const filed = await ctx.db.inboundMessage.findFirst({
    where: { chatId: ctx.chat.id, ticketId: latest.id },
    orderBy: { id: 'asc' },
    select: { id: true },
  });
  const since = filed
    ? await ctx.db.inboundMessage.count({ where: { chatId: ctx.chat.id, id: { gt: filed.id } } })
    : COMMENT_WITHIN + 1;
  return since <= COMMENT_WITHIN ? latest : null;
}
