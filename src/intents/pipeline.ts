/**
 * The whole reading of one message: normalise → command/status rules → directory →
 * report or chitchat → category (rules, then the learned model) → urgency, 四必报, location.
 */
import { readCommand } from './commands.js';
import { levelsAsked, serviceAsked } from './directory.js';
import { isDirectoryQuestion, isStatusQuestion, modelSaysReport, reportEvidence } from './intent.js';
import { parseLocation } from './location.js';
import { builtInModel, classify, featureKey, type CategoryModel } from './model.js';
import { DEFAULT_BOT_NAMES, normalise } from './normalise.js';
import { isUrgent, keywordScores, mustReportOf, ruleCategory, type Scores } from './rules.js';
import { DEFAULT_TIME_ZONE } from './time.js';
import type { Category, Pipeline, Reading } from './types.js';

/** Options for {@link createPipeline}. */
export interface PipelineOptions {
  /** A model from trainCategoryModel; the built-in seed model when absent. */
  model?: CategoryModel;
  /** Names whose @-mentions address the bot (default 网格助手, gridbot). */
  botNames?: string[];
}

function blank(text: string, mentionsBot: boolean): Reading {
  return {
    text,
    intent: 'chitchat',
    category: null,
    urgent: false,
    mustReport: null,
    location: parseLocation(text),
    ticket: null,
    command: null,
    args: {},
    mentionsBot,
  };
}

/**
 * Category of a report: a correction a person confirmed for this very text wins; then keyword
 * rules; the learned model decides when the rules abstain and breaks their ties.
 */
function categoryOf(text: string, scores: Scores, model: CategoryModel): Category {
  const remembered = model.memory[featureKey(text)];
  if (remembered) return remembered;
  const rules = ruleCategory(scores);
  if (rules.category) return rules.category;
  const learned = classify(model, text);
  if (rules.tiedWith.length && learned && !rules.tiedWith.includes(learned)) return rules.tiedWith[0];
  return learned ?? 'other';
}

/** Words learned from corrections count like decisive keyword rules (weight 3). */
function withLexicon(scores: Scores, text: string, model: CategoryModel): Scores {
  const lexicon = model.lexicon;
  if (!lexicon) return scores;
  for (const word in lexicon) {
    if (text.includes(word)) scores[lexicon[word]] = (scores[lexicon[word]] ?? 0) + LEARNED_WEIGHT;
  }
  return scores;
}

const LEARNED_WEIGHT = 3;

/**
 * Builds a reader. Loading is cheap (the seed model trains in a few milliseconds), so a bot may
 * rebuild it whenever a head's correction produces a new model.
 * @example createPipeline().read('3栋2单元楼道灯坏了', new Date()).category // 'facility'
 */
export function createPipeline(options: PipelineOptions = {}): Pipeline {
  const model = options.model ?? builtInModel();
  const defaultBots = options.botNames ?? [...DEFAULT_BOT_NAMES];
  return {
    read(raw, ref, opts = {}) {
      const { text, mentionsBot } = normalise(raw, opts.botNames ?? defaultBots);
      const reading = blank(text, mentionsBot);
      if (!text) return reading;
      const command = readCommand(text, ref, opts.timeZone ?? DEFAULT_TIME_ZONE);
      if (command) return { ...reading, ...command };
      if (isStatusQuestion(text)) return { ...reading, intent: 'status' };
      if (isDirectoryQuestion(text)) {
        const service = serviceAsked(text);
        const levels = levelsAsked(text);
        return {
          ...reading,
          intent: 'directory',
          args: { ...(service ? { service } : {}), ...(levels ? { levels } : {}) },
        };
      }
      const scores = withLexicon(keywordScores(text), text, model);
      const evidence = reportEvidence(text, scores);
      const learnedReport = Boolean(model.memory[featureKey(text)]);
      const report = learnedReport || evidence === 'report' || (evidence === 'unsure' && modelSaysReport(text));
      if (!report) return reading;
      const category = categoryOf(text, scores, model);
      return {
        ...reading,
        intent: 'report',
        category,
        urgent: isUrgent(text),
        mustReport: mustReportOf(text, category),
      };
    },
  };
}
