// Duplicate detection on a small labelled set of report pairs (same place and category):
// precision and recall of "merge", printed so the figure can be quoted, and floors asserted.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DUPLICATE_THRESHOLD, similarity } from '../../src/services/workflow/index.js';

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
});
