import { describe, expect, it } from 'vitest';
import { builtInModel, createPipeline, emptyCategoryModel, trainCategoryModel } from '../../src/intents/index.js';

const ref = new Date('2024-11-27T10:00:00+08:00');

describe('learning from corrections', () => {
  it('a correction set teaches a new word → category and changes the decision', () => {
    const message = '单元门口的马蜂窝越来越大了，麻烦处理一下';
    const before = createPipeline().read(message, ref);
    expect(before.intent).toBe('report');
    expect(before.category).not.toBe('safety');

    const model = trainCategoryModel([
      { text: '阳台外面有个马蜂窝', category: 'safety' },
      { text: '树上挂着一个大马蜂窝，孩子不敢过去', category: 'safety' },
      { text: '车棚顶上长了马蜂窝', category: 'safety' },
    ]);
    expect(createPipeline({ model }).read(message, ref).category).toBe('safety');
  });

  it('remembers a corrected message verbatim, even against the rules', () => {
    const text = '楼下的垃圾桶被人推倒了';
    expect(createPipeline().read(text, ref).category).toBe('sanitation');
    const model = trainCategoryModel([{ text, category: 'public_order' }]);
    expect(createPipeline({ model }).read(text, ref).category).toBe('public_order');
  });

  it('keeps what the seed knew and stays plain JSON', () => {
    const model = trainCategoryModel([{ text: '马蜂窝', category: 'safety' }]);
    const roundTrip = JSON.parse(JSON.stringify(model));
    expect(roundTrip).toEqual(model);
    expect(createPipeline({ model: roundTrip }).read('楼道灯坏了', ref).category).toBe('facility');
    expect(model.version).toBe(builtInModel().version);
    // Training never mutates its base.
    expect(builtInModel().memory).toEqual({});
  });

  it('learns a word from corrections that arrive one at a time', () => {
    const first = trainCategoryModel([{ text: '阳台外面有个马蜂窝', category: 'safety' }]);
    expect(first.lexicon).toEqual({});
    const second = trainCategoryModel([{ text: '车棚顶上长了马蜂窝', category: 'safety' }], first);
    expect(second.lexicon).toEqual({ 马蜂窝: 'safety' });
  });

  it('can learn from corrections alone', () => {
    const model = trainCategoryModel([{ text: '光伏板松了', category: 'other' }], emptyCategoryModel());
    expect(Object.keys(model.docs)).toEqual(['other']);
  });
});
