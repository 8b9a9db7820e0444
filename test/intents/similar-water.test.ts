// Water leaking where it should not and water not coming where it should are two things (2026-12-05f).
import { describe, expect, it } from 'vitest';
import { similarity, thingsNamed } from '../../src/intents/similar.js';
import { sameEmergency } from '../../src/services/workflow/emergency.js';

describe('things', () => {
  it('a leak in the garage is no relapse of the taps running dry', () =>
    expect(
      similarity('地下车库B区顶上在漏水 滴到我车顶上了', '说的十二点来水 都十二点半了 我们十六楼一滴水都没有'),
    ).toBe(0));
  it('the taps dry twice are one thing', () =>
    expect(similarity('又莫得水了 来电以后水就上不来了', '五楼以上一滴水都没得 龙头拧开只有气')).toBe(1));
  it('a retaining wall is a thing', () => expect(thingsNamed('3栋后头堡坎三处缝在冒水')).toContain('retaining'));
});

describe('one emergency or two', () => {
  it('a person taken ill is never the cracked window paged in the same chat', () =>
    expect(
      sameEmergency(
        '宋君速来:石姐在我门口,说心口闷痛,脸色发白,直冒冷汗,坐在台阶上起不来',
        '宋君:三楼楼梯间那扇窗,玻璃裂了一道,窗框亦松动,雨水往里飘,台阶上湿了一片,恐有人滑倒。',
      ),
    ).toBe(false));
});
