import { describe, expect, it } from 'vitest';
import { parseWhen } from '../../src/intents/index.js';

// Wednesday 27 November 2024, 10:00 in Shanghai.
const ref = new Date('2024-11-27T10:00:00+08:00');
const at = (s: string) => new Date(`${s}+08:00`).toISOString();

function once(text: string) {
  const r = parseWhen(text, ref);
  if (r?.kind !== 'once') throw new Error(`${text}: ${JSON.stringify(r)}`);
  return { at: r.at.toISOString(), end: r.end?.toISOString() };
}

function cron(text: string) {
  const r = parseWhen(text, ref);
  if (r?.kind !== 'recurring') throw new Error(`${text}: ${JSON.stringify(r)}`);
  return r.cron;
}

describe('parseWhen, one-shot', () => {
  it.each([
    ['明天上午9点', '2024-11-28T09:00'],
    ['下周一下午3点', '2024-12-02T15:00'],
    ['今晚8点', '2024-11-27T20:00'],
    ['11月30日14:00', '2024-11-30T14:00'],
    ['周五下午', '2024-11-29T15:00'],
    ['后天早上7点半', '2024-11-29T07:30'],
    ['8点', '2024-11-28T08:00'],
    ['下午4点', '2024-11-27T16:00'],
    ['12月1日', '2024-12-01T09:00'],
  ])('%s', (text, expected) => {
    expect(once(text).at).toBe(at(expected));
  });

  it('reads a range with its end on the same day', () => {
    expect(once('本周六8点到12点')).toEqual({ at: at('2024-11-30T08:00'), end: at('2024-11-30T12:00') });
    expect(once('下午2点到5点')).toEqual({ at: at('2024-11-27T14:00'), end: at('2024-11-27T17:00') });
  });

  it('avoids chrono-node mistakes: no minutes from a building number, no stray 一点', () => {
    expect(once('下午5点12号楼停水').at).toBe(at('2024-11-27T17:00'));
    expect(parseWhen('快一点来修', ref)).toBeNull();
  });

  it('computes in another time zone when asked', () => {
    const r = parseWhen('明天上午9点', ref, 'Europe/London');
    expect(r?.kind === 'once' && r.at.toISOString()).toBe('2024-11-28T09:00:00.000Z');
  });
});

describe('parseWhen, recurring', () => {
  it.each([
    ['每周五15:00', '0 15 * * 5'],
    ['每天18:00', '0 18 * * *'],
    ['每月1号上午', '0 9 1 * *'],
    ['每周一三五早上8点', '0 8 * * 1,3,5'],
    ['工作日9点', '0 9 * * 1-5'],
    ['每周日晚上7点半', '30 19 * * 0'],
  ])('%s', (text, expected) => {
    expect(cron(text)).toBe(expected);
  });
});
