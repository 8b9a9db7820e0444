// Tickets in the demo org for workflow tests: reported through the chat, acted on directly.
import type { Actor } from '../../src/services/workflow/index.js';
import type { Act } from '../../src/services/workflow/index.js';
import { type Harness, startHarness } from '../support/harness.js';

export interface WorkflowFixture {
  h: Harness;
  /** The actor for a console speaker (a head from the org file, or a resident seen in chat). */
  actor(name: string): Promise<Actor>;
  /** An Act for `name`, from the chat `chat` (whose place decides what is visible). */
  act(name: string, chat?: string): Promise<Act>;
  /** Reports `text` in `chat` as `speaker` and returns the new ticket's id. */
  report(chat: string, speaker: string, text: string): Promise<number>;
  status(id: number): Promise<string>;
  close(): Promise<void>;
}

export async function workflowFixture(provider: 'sqlite' | 'postgresql' = 'sqlite'): Promise<WorkflowFixture> {
  const h = await startHarness({ provider });
  const prisma = h.db.prisma;
  const actor = async (name: string): Promise<Actor> => {
    let identity = await prisma.identity.findFirst({
      where: { platform: 'console', externalId: name },
      include: { person: true },
    });
    if (!identity) {
      await h.say('3-2群', name, '早上好');
      identity = await prisma.identity.findFirst({
        where: { platform: 'console', externalId: name },
        include: { person: true },
      });
    }
    return {
      identityId: identity!.id,
      personId: identity!.personId,
      name: identity!.person?.name ?? identity!.displayName,
    };
  };
  return {
    h,
    actor,
    async act(name, chat) {
      const place = chat
        ? (await prisma.chat.findFirst({ where: { platform: 'console', externalId: chat }, include: { place: true } }))
            ?.place
        : null;
      return {
        db: prisma,
        actor: await actor(name),
        now: h.clock.now(),
        config: h.app.deps.config,
        chatPlace: place ?? null,
      };
    },
    async report(chat, speaker, text) {
      await h.say(chat, speaker, text);
      const t = await prisma.ticket.findFirst({ orderBy: { id: 'desc' } });
      return t!.id;
    },
    async status(id) {
      return (await prisma.ticket.findUniqueOrThrow({ where: { id } })).status;
    },
    close: () => h.close(),
  };
}
