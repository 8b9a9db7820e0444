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
} from './types.js';
export { CATEGORIES } from './types.js';
export type { CategoryModel } from './model.js';
export { trainCategoryModel, emptyCategoryModel, builtInModel, MODEL_VERSION } from './model.js';
export { createPipeline, type PipelineOptions } from './pipeline.js';
export { parseWhen, DEFAULT_TIME_ZONE } from './time.js';
export { normalise, DEFAULT_BOT_NAMES } from './normalise.js';
export { parseLocation, parsePlace } from './location.js';
export { parseCategoryName } from './labels.js';
export { similarity } from './similar.js';
