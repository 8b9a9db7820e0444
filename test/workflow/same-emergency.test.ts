// Which urgent reports are one emergency (joined, counted) and which are two (each paged).
// Sentences written for this test.
import { describe, expect, it } from 'vitest';
import { sameEmergency } from '../../src/services/workflow/emergency.js';

describe('same emergency', () => {
  it('joins reports of one kind in one building', () => {
    expect(sameEmergency('5号楼三楼楼道冒黑烟了', '楼道里全是黑烟 5号楼的快下楼')).toBe(true);
  });

  it('keeps a known kind and an unknown one apart when the new report names no building', () => {
    expect(sameEmergency('后院西屋窗户往外冒黑烟 屋里没人', '对门大妈敲门半天没人应 窗户缝一股煤烟味', false)).toBe(
      false,
    );
  });

  it('asks for alike words, not only the kind, when the new report names no building', () => {
    const cigarette = '楼道里有个烟头在冒烟';
    const courtyard = '后院儿西屋窗户里往外冒黑烟 一股塑料烧糊的味儿';
    expect(sameEmergency(courtyard, cigarette, true)).toBe(true);
    expect(sameEmergency(courtyard, cigarette, false)).toBe(false);
    expect(sameEmergency('西屋窗户往外冒黑烟 塑料烧糊味', '西屋窗户冒黑烟了 一股塑料烧糊味', false)).toBe(true);
  });

  it('joins water on an electric box and its sparks, told by two neighbours, but not a fire and a flood apart', () => {
    const sparks = '一楼电表那里在流水 电表箱里头滋滋的响还闪了一下火星子';
    expect(sameEmergency(sparks, '我下去看了 水是从二楼阳台水管漏下来的 电表箱门上全是水')).toBe(true);
    expect(sameEmergency(sparks, '三楼厨房水管爆了 水一直喷')).toBe(false);
  });

  it('joins a wound to the knife fight it came from, not to a fall told in other words', () => {
    const fight = '戏台边有两个喝醉的打起来了 另一个跑去摊子拿了把菜刀 人都在躲';
    const wound = '我在边上 真的是菜刀 有个劝架的阿伯头上在流血';
    expect(sameEmergency(wound, fight)).toBe(true);
    expect(sameEmergency(wound, '早上炳伯跌倒那口井边 有一块石板塌下去了 怕又有人跌', false)).toBe(false);
  });
});
