/**
 * The learned part of the reader: five heads over one feature space. Trained from labelled
 * messages (data/nlu/), it gives probabilities for the intent, the category of a report, its
 * urgency, what the message does in a conversation (acknowledges, reports progress, says it
 * is done, chases, says the problem is back, announces, thanks), and which command it is.
 */
import { CATEGORIES } from '../types.js';
import { featureIds } from './features.js';
import { emptyModel, type Example, type LinearModel, predictHead, train } from './linear.js';

export const INTENTS = ['report', 'status', 'command', 'directory', 'chitchat'] as const;
export const ACTS = ['none', 'ack', 'progress', 'done', 'chase', 'relapse', 'announce', 'thanks'] as const;
export type Act = (typeof ACTS)[number];
/** The SPEC's commands, learnt from their many wordings; `none` for every other message. */
export const COMMANDS = [
  'none',
  'claim',
  'reassign',
  'progress',
  'resolve',
  'followup',
  'reopen',
  'merge',
  'escalate',
  'cancel',
  'notify',
  'schedule',
  'digest',
  'todo',
  'help',
  'bind',
] as const;
export type LearnedCommand = (typeof COMMANDS)[number];

const HEADS = [
  { name: 'intent', labels: INTENTS },
  { name: 'category', labels: CATEGORIES },
  { name: 'urgent', labels: ['no', 'yes'] },
  { name: 'act', labels: ACTS },
  // Commands are few and their wordings short: a smaller table (2^15 rows, 2 MB) reads them as well.
  { name: 'command', labels: COMMANDS, bits: 15 },
] as const;

/** A labelled message as the data files hold it (SPEC labels plus `act`). */
export interface Labelled {
  text: string;
  intent: string;
  category?: string | string[] | null;
  /** Unknown (null) for data written without urgency labels: the urgency head skips it. */
  urgent?: boolean | null;
  /** Unlabelled (absent) in data written before acts were labelled: the act head skips it. */
  act?: string | null;
  /** The command of a `command` message (SPEC); absent or unknown: the command head skips it. */
  command?: string | null;
  /** How much this example counts (a head's correction counts more). */
  weight?: number;
}

export interface Probabilities {
  intent: Record<string, number>;
  category: Record<string, number>;
  urgent: number;
  act: Record<string, number>;
  command: Record<string, number>;
}

const BITS = 17;

const DEFAULTS = { epochs: 12, rate: 0.05, l2: 1e-6, seed: 7 };

function oneHot(labels: readonly string[], value: string | string[] | null | undefined): Float32Array | null {
  if (value == null) return null;
  const list = Array.isArray(value) ? value : [value];
  const known = list.filter((v) => labels.includes(v));
  if (!known.length) return null;
  const t = new Float32Array(labels.length);
  // The main label carries most of the mass; the other acceptable ones share the rest.
  known.forEach((v, i) => {
    t[labels.indexOf(v)] += known.length === 1 ? 1 : i === 0 ? 0.7 : 0.3 / (known.length - 1);
  });
  return t;
}

/** The kinds of message the urgency head learns from. */
const URGENCY_KINDS = new Set(['report', 'chitchat']);

/** Turns labelled messages into training examples; `normalise` is the reader's own. */
export function examplesOf(data: Labelled[], normalise: (text: string) => string, bits = BITS): Example[] {
  return data.map((d) => {
    const text = normalise(d.text);
    const isReport = d.intent === 'report';
    return {
      features: featureIds(text, bits),
      weight: d.weight ?? 1,
      targets: [
        oneHot(INTENTS, d.intent),
        isReport ? oneHot(CATEGORIES, d.category ?? null) : null,
        // Danger is learnt from what people report or chat about; commands, status questions and
        // directory questions are never urgent by their kind, and their words would only teach
        // that a voice or a dialect is safe.
        d.urgent === null || !URGENCY_KINDS.has(d.intent)
          ? null
          : oneHot(['no', 'yes'], isReport && d.urgent ? 'yes' : 'no'),
        d.act === undefined ? null : oneHot(ACTS, d.act ?? 'none'),
        d.intent === 'command' ? oneHot(COMMANDS, d.command ?? null) : oneHot(COMMANDS, 'none'),
      ],
    };
  });
}

/** A new model trained on the labelled messages. */
export function trainReader(
  data: Labelled[],
  normalise: (text: string) => string,
  options: Partial<typeof DEFAULTS> = {},
): LinearModel {
  const model = emptyModel(
    BITS,
    HEADS.map((h) => ({ name: h.name, labels: h.labels, ...('bits' in h ? { bits: h.bits } : {}) })),
  );
  train(model, examplesOf(data, normalise, BITS), { ...DEFAULTS, ...options });
  return model;
}

/** Nudges a trained model towards a few confirmed examples (a head's correction). */
export function learnFrom(model: LinearModel, data: Labelled[], normalise: (text: string) => string): void {
  train(model, examplesOf(data, normalise, model.bits), { ...DEFAULTS, epochs: 5, rate: 0.2, seed: 11 });
}

function asRecord(labels: readonly string[], p: Float64Array): Record<string, number> {
  const out: Record<string, number> = {};
  for (let i = 0; i < labels.length; i++) out[labels[i]] = p[i];
  return out;
}

/** The model's probabilities for an already normalised text. */
export function probabilities(model: LinearModel, text: string): Probabilities {
  const f = featureIds(text, model.bits);
  const h = model.heads;
  const [intent, category, urgent, act] = [
    predictHead(h[0], f),
    predictHead(h[1], f),
    predictHead(h[2], f),
    predictHead(h[3], f),
  ];
  let command: Record<string, number> | undefined;
  return {
    intent: asRecord(model.heads[0].labels, intent),
    category: asRecord(model.heads[1].labels, category),
    urgent: urgent[1],
    act: asRecord(model.heads[3].labels, act),
    // Asked for only when the rules find no command (a few messages in a hundred).
    get command() {
      command ??= asRecord(model.heads[4].labels, predictHead(model.heads[4], f));
      return command;
    },
  };
}
