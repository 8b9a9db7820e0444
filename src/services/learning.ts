/**
 * Learning from heads' corrections: a corrected category trains the saved category model,
 * which the next messages are read with.
 */
import { trainCategoryModel, type Category, type CategoryModel } from '../intents/index.js';
import type { Db } from '../store/client.js';

export const MODEL_NAME = 'category';

/** Adds one confirmed example to the saved model and returns the new model. */
export async function learnCategory(tx: Db, text: string, category: Category): Promise<CategoryModel> {
  const row = await tx.modelState.findUnique({ where: { name: MODEL_NAME } });
  const base = row ? (JSON.parse(row.data) as CategoryModel) : undefined;
  const model = trainCategoryModel([{ text, category }], base);
  const data = JSON.stringify(model);
  await tx.modelState.upsert({ where: { name: MODEL_NAME }, create: { name: MODEL_NAME, data }, update: { data } });
  return model;
}
