import { describe, expect, it } from 'vitest';
import { parseLocation, parsePlace } from '../../src/intents/index.js';
import { reader } from '../support/reader.js';

const pipeline = await reader();

const loc = (building: string | null, unit: string | null = null, room: string | null = null) => ({
  building,
  unit,
  room,
});

describe('parseLocation', () => {
  it.each([
    ['3号楼2单元501', loc('3', '2', '501')],
    ['楼上天天半夜剁骨头 1802的 能不能管一下', loc(null, null, '1802')],
    ['15楼 楼上1603', loc(null, null, '1603')],
    ['对门502家的狗天天叫', loc(null, null, '502')],
    ['这个月电费交了300的 好贵', loc(null)],
    ['2024的新规定出来了', loc(null)],
    ['三栋二单元501室', loc('3', '2', '501')],
    ['3幢2单元5楼501', loc('3', '2', '501')],
    ['我住3-2-501，水管漏了', loc('3', '2', '501')],
    ['3栋2-501', loc('3', '2', '501')],
    ['A座大堂的灯全灭了', loc('A')],
    ['b座2单元803', loc('B', '2', '803')],
    ['16#2单元电梯按键失灵', loc('16', '2')],
    ['下水道堵了 16#2-301', loc('16', '2', '301')],
    ['16#的楼栋长换人了吗', loc('16')],
    ['16#有家下岗的 暖气费交不起', loc('16')],
    ['2幢四楼走廊一股味道 402敲门没人', loc('2', null, '402')],
    ['水顺着电灯往下淌 灯还亮着 201', loc(null, null, '201')],
    ['有人打架 快打 110', loc(null)],
    ['冲凉房天花板滴水 楼上502渗落嚟 3座2梯402', loc('3', '2', '402')],
    ['8座1梯嘅灯坏咗', loc('8', '1')],
    ['3座一梯两户', loc('3')],
    ['3号楼的路灯', loc('3')],
    ['12栋门口', loc('12')],
    ['十栋二单元门口的台阶塌了', loc('10', '2')],
    ['二十栋的门禁', loc('20')],
    ['三号楼二单元五零一室', loc('3', '2', '501')],
    ['3栋501家里停电', loc('3', null, '501')],
    ['我家厨房下水道堵了 二号楼四零二', loc('2', null, '402')],
    ['5号楼十二零一的暖气不热', loc('5', null, '1201')],
    ['电瓶车在充电 线从窗户拉进来的 5-2一楼', loc('5', '2')],
    ['5-2 3楼楼道灯不亮', loc('5', '2')],
  ])('%s', (text, expected) => {
    expect(parseLocation(text)).toEqual(expected);
  });

  it('reads Traditional input once the pipeline has normalised it', () => {
    expect(pipeline.read('8號樓的樓道燈不亮', new Date()).location).toEqual(loc('8'));
  });

  it('does not read a floor as a room or a building', () => {
    expect(parseLocation('5楼漏水')).toEqual(loc(null));
    expect(parseLocation('12栋1单元5楼的楼梯灯不亮')).toEqual(loc('12', '1'));
    expect(parseLocation('1号楼电梯卡在五楼')).toEqual(loc('1'));
    expect(parseLocation('好像是3单元二楼')).toEqual(loc(null, '3'));
    expect(parseLocation('5号楼三十户')).toEqual(loc('5'));
  });

  it('converts numerals only inside location phrases', () => {
    for (const t of [
      '万一着火跑不出去',
      '垃圾三天没人收',
      '两栋楼之间的路灯',
      '同一栋楼的邻居',
      '第三次了',
      '一楼大厅的玻璃门碎了',
    ]) {
      expect(parseLocation(t), t).toEqual(loc(null));
    }
    expect(pipeline.read('万一着火怎么办', new Date()).text).toBe('万一着火怎么办');
  });

  it('never invents a location from dates, times, tickets or phone numbers', () => {
    for (const t of [
      '11月30日14:00',
      '12号处理好了',
      '每周五15:00',
      '电话 138-1234-5678',
      '#12 怎么样了',
      '3点到5点停水',
      '3-12楼都停电',
      '11-30 5楼开会',
    ]) {
      expect(parseLocation(t), t).toEqual(loc(null));
    }
  });
});

describe('parsePlace', () => {
  it.each([
    ['全网格 明天停水', { level: 'grid', building: null, unit: null, raw: '全网格' }],
    ['全社区', { level: 'community', building: null, unit: null, raw: '全社区' }],
    ['3栋 今晚停电', { level: 'building', building: '3', unit: null, raw: '3栋' }],
    ['3栋2单元', { level: 'unit', building: '3', unit: '2', raw: '3栋2单元' }],
    ['本楼', { level: 'here', building: null, unit: null, raw: '本楼' }],
    ['本群', { level: 'here', building: null, unit: null, raw: '本群' }],
  ])('%s', (text, expected) => {
    expect(parsePlace(text)).toEqual(expected);
  });
});
