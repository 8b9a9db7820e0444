/**
 * The context of one inbound message while it is handled: who spoke where, what the message
 * says, the open transaction, and helpers that address replies. Handlers return what they did
 * ({@link Handled}); the context holds no results of its own.
 */
import type { Config } from '../common/config.js';
import type { Logger } from '../common/log.js';
import type { Clock, Inbound } from '../common/types.js';
import type { Lesson, Location, Pipeline, Reading } from '../intents/index.js';
import type { ChatInfo, SpeakerInfo } from '../services/intake.js';
import { type ChatTarget, mentionFor, toChat, toPerson } from '../services/notify.js';
import type { HeadRow, PlaceRow } from '../services/org/places.js';
import {
  ancestorsIn,
  handledIn,
  headIn,
  labelIn,
  locateIn,
  mentionIn,
  type OrgSnapshot,
} from '../services/org/snapshot.js';
import { T } from '../common/text/index.js';
import type { AttachmentLink, Screened } from '../services/media/attachments.js';
import type { OutboxItem } from '../services/outbox.js';
import type * as workflow from '../services/workflow/index.js';
import type { Db } from '../store/client.js';
import type { MediaStore } from '../store/media-store.js';
import type { TtlCache } from './cache.js';

export interface Deps {
  config: Config;
  clock: Clock;
  logger: Logger;
  /** Replaced after commit when a correction retrained the category model. */
  pipeline: Pipeline;
  /** Whether bots on a platform may write to people who never wrote to them (adapter capabilities). */
  directToStrangers?: (platform: string) => boolean;
  /** Whether a platform shows the bot only group messages that @-mention it (adapter capabilities). */
  groupMentionsOnly?: (platform: string) => boolean;
  /** Where photos and voice notes are kept (a ticket's photos are sent from it). */
  media?: MediaStore;
}

/** What the bot did with a message, as recorded on its inbound row. */
export type Outcome =
  | 'ignored'
  | 'reply'
  | 'ticket'
  | 'merged'
  | 'asked'
  | 'notice'
  | 'visit'
  | 'flood'
  | 'repeat'
  /** A wrong binding code (counted: five an hour per person and per chat). */
  | 'bad_code';

/** What a handler did: the replies to queue, and what the engine must do after commit. */
export interface Handled {
  outcome: Outcome;
  replies: OutboxItem[];
  ticketId?: number | null;
  /** Bindings changed (a chat re-bound, an account linked): drop cached chats and speakers. */
  rebound?: boolean;
  /** A question was asked or answered: reload which speakers this chat waits on. */
  promptsChanged?: boolean;
  /** A head corrected a category: the reader learns it after commit, and reads with it from then on. */
  learned?: Lesson;
  /** Where the message's own photos, voice notes and pins go (default: the ticket it filed). */
  media?: AttachmentLink;
}

export interface ContextOptions {
  db: Db;
  deps: Deps;
  msg: Inbound;
  reading: Reading;
  now: Date;
  chat: ChatInfo;
  speaker: SpeakerInfo;
  cache: TtlCache;
  /** The org tree as it was when the message arrived. */
  org: OrgSnapshot;
  /** Per attachment, why it was refused before download (null when it was not). */
  screened?: Screened[];
}

export class Context {
  readonly db: Db;
  readonly deps: Deps;
  readonly msg: Inbound;
  readonly reading: Reading;
  readonly now: Date;
  readonly chat: ChatInfo;
  readonly speaker: SpeakerInfo;
  readonly cache: TtlCache;
  readonly org: OrgSnapshot;
  readonly screened: Screened[];

  constructor(options: ContextOptions) {
    ({
      db: this.db,
      deps: this.deps,
      msg: this.msg,
      reading: this.reading,
      now: this.now,
      chat: this.chat,
      speaker: this.speaker,
      cache: this.cache,
      org: this.org,
    } = options);
    this.screened = options.screened ?? [];
  }

  get config(): Config {
    return this.deps.config;
  }

  /** The speaker as the workflow sees them. */
  get actor(): workflow.Actor {
    const s = this.speaker;
    return { identityId: s.identityId, personId: s.personId, name: s.personName ?? s.displayName };
  }

  /** The first argument of every workflow verb, for this message. */
  get act(): workflow.Act {
    return { db: this.db, actor: this.actor, now: this.now, config: this.config, chatPlace: this.chat.place };
  }

  /** The speaker holds a handling role somewhere (head, deputy, grid worker). */
  isHead(): Promise<boolean> {
    const personId = this.speaker.personId;
    return Promise.resolve(!!personId && handledIn(this.org, personId).length > 0);
  }

  /** The place and its ancestors, nearest first. */
  chain(place: PlaceRow): Promise<PlaceRow[]> {
    return Promise.resolve(ancestorsIn(this.org, place));
  }

  /** The head of the smallest place of `chain` that has one. */
  head(chain: PlaceRow[]): Promise<HeadRow | null> {
    return Promise.resolve(headIn(this.org, chain));
  }

  /** The place a message's building and unit mean, seen from `base`. */
  locate(base: PlaceRow, loc: Pick<Location, 'building' | 'unit'>): Promise<PlaceRow | null> {
    return Promise.resolve(locateIn(this.org, base, loc));
  }

  /** "3栋2单元" for a place. */
  label(place: PlaceRow | null): Promise<string> {
    return Promise.resolve(place ? labelIn(this.org, place) : T.noPlace);
  }

  /** This chat, as a target for messages, staying in the thread the message came from. */
  get here(): ChatTarget {
    const c = this.chat;
    return { platform: c.platform, account: c.account, externalId: c.externalId, threadId: this.msg.threadId };
  }

  /**
   * A reply in this chat, @-mentioning the given people. `about` is the ticket it concerns, so a
   * later quote-reply to it means that ticket; the reply names the message it answers, so a
   * platform that replies through the received message (WeCom) can.
   */
  async say(text: string, mentionPersonIds: number[] = [], about?: number): Promise<OutboxItem> {
    const item = await toChat(this.db, this.here, text, mentionPersonIds, this.mention);
    return about
      ? { ...item, ticketId: about, inReplyTo: this.msg.messageId }
      : { ...item, inReplyTo: this.msg.messageId };
  }

  /** A message to another chat (e.g. the chat a ticket came from), mentioning the given people. */
  async sayTo(target: ChatTarget, text: string, mentionPersonIds: number[] = [], about?: number): Promise<OutboxItem> {
    const item = await toChat(this.db, target, text, mentionPersonIds, this.mention);
    return about ? { ...item, ticketId: about } : item;
  }

  /** Direct messages to a person; none when the bot cannot reach them directly. */
  dm(personId: number, text: string): Promise<OutboxItem[]> {
    return toPerson(this.db, personId, text, this.chat.platform);
  }

  /** A direct message to the speaker (the identity that wrote), through the account that heard them. */
  dmSpeaker(text: string): OutboxItem {
    return { platform: this.chat.platform, account: this.msg.account, userExternalId: this.msg.from.id, text };
  }

  /** A handled message whose only effect is one reply here. */
  async reply(text: string, mentionPersonIds: number[] = [], outcome: Outcome = 'reply'): Promise<Handled> {
    return { outcome, replies: [await this.say(text, mentionPersonIds)] };
  }

  /** True when `target` is this very chat, so one reply covers both. */
  isHere(target: ChatTarget | null): boolean {
    return !!target && target.platform === this.chat.platform && target.externalId === this.chat.externalId;
  }

  private readonly mention = (personId: number, platform: string) => {
    const known = mentionIn(this.org, personId, platform);
    return known
      ? Promise.resolve(known)
      : this.cache.get(`mention:${personId}:${platform}`, () => mentionFor(this.db, personId, platform));
  };
}

/** Nothing to do. */
export const ignored = (): Handled => ({ outcome: 'ignored', replies: [] });
