/**
 * The bot's open questions, kept in the database (a restart or another instance can take the
 * answer): "是哪一件？" (which ticket a head meant), "需要登记为报事吗？" (an unsure report the bot
 * was @-mentioned about), "收到图片，请用一句话说明问题和位置" (a photo, voice note or pin sent alone)
 * and, by direct message, "要把这条通知发到…吗？" (relaying a head's notice).
 */
import { similarity } from '../../intents/index.js';
import { promptWaiters } from '../../store/intake-chat.js';
import type { Context } from '../context.js';

export type PromptKind = 'location' | 'which' | 'register' | 'relay' | 'media';

const TTL_MS: Record<PromptKind, number> = {
  location: 30 * 60_000,
  which: 30 * 60_000,
  register: 30 * 60_000,
  relay: 24 * 3_600_000,
  media: 10 * 60_000,
};

/** Remembers a question to the speaker in this chat (replacing an older one of the same kind). */
export async function remember(ctx: Context, kind: PromptKind, payload: unknown): Promise<void> {
  const key = { chatId: ctx.chat.id, identityId: ctx.speaker.identityId, kind };
  const data = { payload: JSON.stringify(payload), expiresAt: new Date(ctx.now.getTime() + TTL_MS[kind]) };
  await ctx.db.prompt.upsert({ where: { chatId_identityId_kind: key }, create: { ...key, ...data }, update: data });
}

/** True when this chat waits for an answer from the speaker (cached per chat until a question changes). */
export async function waitsOn(ctx: Context): Promise<boolean> {
  const waiting = await ctx.cache.get(
    `prompts:${ctx.chat.id}`,
    async () =>
      new Set(
        ctx.chat.waiters ??
          (await promptWaiters(ctx.db, ctx.chat.id)) ??
          (await ctx.db.prompt.findMany({ where: { chatId: ctx.chat.id }, select: { identityId: true } })).map(
            (p) => p.identityId,
          ),
      ),
  );
  return waiting.has(ctx.speaker.identityId);
}

/** The open question of a kind to the speaker in this chat, or null (an expired one is dropped). */
export async function pending<T>(ctx: Context, kind: PromptKind): Promise<{ id: number; payload: T } | null> {
  const row = await ctx.db.prompt.findUnique({
    where: { chatId_identityId_kind: { chatId: ctx.chat.id, identityId: ctx.speaker.identityId, kind } },
  });
  if (!row) return null;
  if (row.expiresAt < ctx.now) {
    await ctx.db.prompt.delete({ where: { id: row.id } });
    return null;
  }
  return { id: row.id, payload: JSON.parse(row.payload) as T };
}

/** The newest open relay offer to the speaker, whichever chat it was made about. */
export async function pendingRelay<T>(ctx: Context): Promise<{ id: number; payload: T } | null> {
  const row = await ctx.db.prompt.findFirst({
    where: { identityId: ctx.speaker.identityId, kind: 'relay', expiresAt: { gte: ctx.now } },
    orderBy: { id: 'desc' },
  });
  return row ? { id: row.id, payload: JSON.parse(row.payload) as T } : null;
}

/** True when the bot asked someone else here "几栋几单元？" about a problem worded like `text`, and waits. */
export async function askedOthersAbout(ctx: Context, text: string): Promise<boolean> {
  const rows = await ctx.db.prompt.findMany({
    where: {
      chatId: ctx.chat.id,
      kind: 'location',
      identityId: { not: ctx.speaker.identityId },
      expiresAt: { gte: ctx.now },
    },
    select: { payload: true },
  });
  return rows.some((row) =>
    (JSON.parse(row.payload) as { problems?: { text: string }[] }).problems?.some(
      (p) => similarity(p.text, text) >= 0.3,
    ),
  );
}

export async function forget(ctx: Context, id: number): Promise<void> {
  await ctx.db.prompt.deleteMany({ where: { id } });
}
