/**
 * The context of one inbound message while it is handled: who spoke where, what the message
 * says, the open transaction, and the replies queued for the outbox.
 */
import type { Config } from '../common/config.js';
import type { CategoryModel, Reading, Pipeline } from '../intents/index.js';
import type { Logger } from '../common/log.js';
import type { Tx } from '../services/db.js';
import type { PlaceRow } from '../services/org/places.js';
import { mentionFor, toChat, toPerson, type ChatTarget } from '../services/notify.js';
import { ancestors, headOf, placeLabel, resolveLocation, type HeadRow } from '../services/org/places.js';
import type { Location } from '../intents/index.js';
import type { TtlCache } from './cache.js';
import type { OutboxItem } from '../services/outbox.js';
import type { Clock, Inbound } from '../common/types.js';

export interface Deps {
  config: Config;
  clock: Clock;
  logger: Logger;
  /** Replaced when a correction retrains the category model. */
  pipeline: Pipeline;
}

export interface ChatInfo {
  id: number;
  platform: string;
  account: string;
  externalId: string;
  kind: string;
  place: PlaceRow | null;
}

export interface Speaker {
  identityId: number;
  displayName: string;
  personId: number | null;
  personName: string | null;
}

export class Context {
  readonly out: OutboxItem[] = [];
  outcome = 'ignored';
  /** Set when this message changed the chat's binding, so cached chat data must be dropped. */
  rebound = false;
  /** Set when this message asked or answered a question, so the chat's cached prompts must be reloaded. */
  promptsChanged = false;
  /** A category model retrained by this message (a head's correction), to read with from now on. */
  learned: CategoryModel | null = null;
  ticketId: number | null = null;

  constructor(
    readonly tx: Tx,
    readonly deps: Deps,
    readonly msg: Inbound,
    readonly reading: Reading,
    readonly now: Date,
    readonly inboundKey: string,
    readonly chat: ChatInfo,
    readonly speaker: Speaker,
    readonly cache: TtlCache,
  ) {}

  /** The place and its ancestors, nearest first (cached). */
  chain(place: PlaceRow): Promise<PlaceRow[]> {
    return this.cache.get(`chain:${place.id}`, () => ancestors(this.tx, place));
  }

  /** The head of the smallest place of `chain` that has one (cached). */
  head(chain: PlaceRow[]): Promise<HeadRow | null> {
    return this.cache.get(`head:${chain.map((p) => p.id).join('/')}`, () => headOf(this.tx, chain));
  }

  /** The place a message's building and unit mean, seen from `base` (cached). */
  locate(base: PlaceRow, loc: Pick<Location, 'building' | 'unit'>): Promise<PlaceRow | null> {
    return this.cache.get(`loc:${base.id}:${loc.building}:${loc.unit}`, () => resolveLocation(this.tx, base, loc));
  }

  /** "3栋2单元" for a place (cached). */
  label(place: PlaceRow | null): Promise<string> {
    return this.cache.get(`label:${place?.id}`, () => placeLabel(this.tx, place));
  }

  get config(): Config {
    return this.deps.config;
  }

  /** This chat, as a target for messages, staying in the thread the message came from. */
  get here(): ChatTarget {
    return {
      platform: this.chat.platform,
      account: this.chat.account,
      externalId: this.chat.externalId,
      threadId: this.msg.threadId,
    };
  }

  /** Replies in this chat, @-mentioning the given people. */
  async reply(text: string, mentionPersonIds: number[] = []): Promise<void> {
    this.out.push(await toChat(this.tx, this.here, text, mentionPersonIds, this.mention));
    if (this.outcome === 'ignored') this.outcome = 'reply';
  }

  /** Sends to another chat (e.g. the chat a ticket came from), mentioning the given people. */
  async send(target: ChatTarget, text: string, mentionPersonIds: number[] = []): Promise<void> {
    this.out.push(await toChat(this.tx, target, text, mentionPersonIds, this.mention));
  }

  private readonly mention = (personId: number, platform: string) =>
    this.cache.get(`mention:${personId}:${platform}`, () => mentionFor(this.tx, personId, platform));

  /** A direct message to a person; false when the bot cannot reach them directly. */
  async direct(personId: number, text: string): Promise<boolean> {
    const items = await toPerson(this.tx, personId, text, this.chat.platform);
    this.out.push(...items);
    return items.length > 0;
  }

  /** A direct message to the speaker (the identity that wrote), on this platform. */
  directToSpeaker(text: string): void {
    this.out.push({ platform: this.chat.platform, account: this.chat.account, userExternalId: this.msg.from.id, text });
  }

  /** True when `target` is this very chat, so one reply covers both. */
  isHere(target: ChatTarget | null): boolean {
    return !!target && target.platform === this.chat.platform && target.externalId === this.chat.externalId;
  }
}
