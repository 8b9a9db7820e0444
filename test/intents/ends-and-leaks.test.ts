// Ends told without a done word by the heads of the Baoji and Meizhou streams and of the older ones, and a
// leak from a flat whose people are out, which is no person behind a door (2026-12-05g).
import { describe, expect, it } from 'vitest';
import { reader } from '../support/reader.js';

const pipeline = await reader();
const read = (text: string) => pipeline.read(text, new Date('2026-12-05T10:00:00+08:00'));

describe('an end told without a done word', () => {
  it.each([
    '救护车把朱爹爹送市一院了 他儿子直接去医院 医生讲可能是低血糖',
    '120车嚟咗 抬咗古伯去市人民医院 佢个仔都赶到跟咗车去',
    '锅炉房门口的火星子全灭了 额又浇了一桶水',
    '拉开了 为了抢充电插座 两个都没伤着 警察来做了笔录',
    '阿芬 反诈中心的民警回电了 跟你妈讲清楚了 钱一分没转',
    '开锁的把门打开了 额进去把娃从阳台上抱下来了 阳台门也插上了 娃好着',
    '维保晚上又来了，换了一个光幕感应器，门关得上了',
  ])('%s', (text) => expect(read(text).saysSettled || read(text).saysDone).toBe(true));
  it.each(['救护车送医院了吗', '火灭了没有？'])('%s asks', (text) => expect(read(text).saysSettled).toBe(false));
});

describe('a leak from a flat whose people are out', () => {
  it('is a report, no page', () => {
    const r = read('额屋卫生间顶上往下渗水 墙皮泡得起鼓 一滴一滴往下掉 楼上501么人 敲门也么人开');
    expect(r.intent).toBe('report');
    expect(r.urgent).toBe(false);
  });
  it.each([
    '吕楼长 我家2单元1102卫生间顶上灯罩里在往下滴水 灯一闪一闪的 滋滋响 楼上1202好像没人 我不敢碰开关',
    '家人们 家里客厅吸顶灯在往下滴水 越滴越快 灯还亮着 7-1-1202 楼上敲门没人开',
  ])('still pages when it reaches a light: %s', (text) => expect(read(text).urgent).toBe(true));
});
