// Duplicate detection on a small labelled set of report pairs (same place and category):
// precision and recall of "merge", printed so the figure can be quoted, and floors asserted.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DUPLICATE_THRESHOLD, pickDuplicate, similarity, type TicketRow } from '../../src/services/workflow/index.js';

const pairs = readFileSync(new URL('../fixtures/duplicate-pairs.jsonl', import.meta.url), 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { a: string; b: string; same: boolean });

describe('duplicate detection', () => {
  it('merges the same problem and keeps different problems apart', () => {
    let tp = 0,
      fp = 0,
      fn = 0;
    const wrong: string[] = [];
    for (const p of pairs) {
      const merged = similarity(p.a, p.b) >= DUPLICATE_THRESHOLD;
      if (merged && p.same) tp++;
      else if (merged) {
        fp++;
        wrong.push(`false merge: ${p.a} | ${p.b}`);
      } else if (p.same) {
        fn++;
        wrong.push(`missed: ${p.a} | ${p.b}`);
      }
    }
    const precision = tp / (tp + fp || 1);
    const recall = tp / (tp + fn || 1);
    console.log(
      `duplicate pairs: ${pairs.length}, precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}`,
      wrong,
    );
    expect(precision).toBeGreaterThanOrEqual(0.95);
    expect(recall).toBeGreaterThanOrEqual(0.85);
  });

  it('is symmetric', () => {
    for (const p of pairs) expect(similarity(p.a, p.b)).toBeCloseTo(similarity(p.b, p.a), 10);
  });
});

describe('what a report is about', () => {
  it('a lift door that will not shut is the lift, a building door that will not shut is the door', () => {
    expect(similarity('3栋2单元电梯门关不上', '3栋2单元门禁刷不开')).toBeLessThan(DUPLICATE_THRESHOLD);
    expect(similarity('11栋大门那个锁坏了 门关不上一推就开', '大门锁换好了')).toBeGreaterThanOrEqual(
      DUPLICATE_THRESHOLD,
    );
  });

  it('a guess at the cause names no problem of its own', () => {
    const open = [
      {
        id: 1,
        text: '九楼楼道哗哗往下淌水 从楼梯上冲下来哩',
        category: 'facility',
        reporterId: 1,
        chatId: 1,
        createdAt: new Date(),
      },
    ];
    const guess = '俺家门口也淌水 拖鞋都漂起来了 是不是十楼谁家暖气跑水了';
    expect(pickDuplicate(open as unknown as TicketRow[], 'facility', guess)?.id).toBe(1);
    expect(pickDuplicate(open as unknown as TicketRow[], 'facility', '十楼暖气片漏水了 往下淌')).toBeNull();
  });

  it("low water in everyday words is the water, and a home's heater that will not fire for it is its symptom", () => {
    const low = '俺家十楼水龙头一早就滴答滴答的没有劲洗个菜洗半天 是不是哪个泵坏了';
    const heater = '俺九楼还行 就是热水器打不着火 水太小了';
    expect(similarity(heater, low)).toBe(1);
    const open = [{ id: 1, text: low, category: 'facility', reporterId: 1, chatId: 1, createdAt: new Date() }];
    expect(pickDuplicate(open as unknown as TicketRow[], 'facility', heater)?.id).toBe(1);
    expect(pickDuplicate(open as unknown as TicketRow[], 'facility', '我家电视又没信号了')).toBeNull();
  });

  it('roof tiles are a thing of their own; 千瓦 and 瓦斯 are not', () => {
    expect(similarity('车棚那瓦么时候弄 天阴着', '车棚顶上的石棉瓦让风掀掉两块 车棚里那盏灯也不亮了')).toBe(1);
    expect(similarity('瓦斯味好重', '车棚顶上的石棉瓦让风掀掉两块')).toBeLessThan(DUPLICATE_THRESHOLD);
  });
});
