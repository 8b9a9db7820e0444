/**
 * Message understanding for gridbot: a pure pipeline from chat text to a {@link Reading}.
 * No I/O and no clock: the reference time is always an argument.
 */
export type {
  Intent,
  Category,
  CommandName,
  MustReport,
  Location,
  PlaceRef,
  TimeSpec,
  CommandArgs,
  Reading,
  Pipeline,
  ConversationAct,
  Confidence,
  Lesson,
  ReadingPart,
} from './types.js';
export { CATEGORIES } from './types.js';
export { opensDone } from './ended.js';
export { createPipeline, featureKey, type PipelineOptions, THRESHOLDS } from './pipeline.js';
export { emergencyCue, hazardOf } from './emergency.js';
export { type LinearModel, loadModel, saveModel } from './learned/linear.js';
export { type Labelled, probabilities, trainReader, ACTS, INTENTS } from './learned/reader-model.js';
export { splitOf, type Split } from './learned/split.js';
export { splitProblems } from './split.js';
export { isStatusQuestion } from './intent.js';
export { parseWhen, DEFAULT_TIME_ZONE } from './time.js';
export { normalise, DEFAULT_BOT_NAMES, laughs } from './normalise.js';
export { parseLocation, parsePlace } from './location.js';
export { parseCategoryName, specCommand } from './labels.js';
export { sharedWords, similarity, thingsNamed } from './similar.js';
export { type EmergencyKind, emergencyKind } from './emergency-kind.js';
export { OPENS_LONG_BEFORE } from './talk.js';
