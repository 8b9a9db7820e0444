// The reader's figures on labelled sets. The SPEC targets hold on the sets the model learns from
// (the shared dev set and the earlier sets are in data/nlu/corpus); on sets it never learns from
// (the held-out fifth of the corpus, blind-3, the urgency set) the floors are the figures reached
// when they were last measured (docs/nlu.md), so a change that reads worse fails here.
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { splitOf } from '../../src/intents/index.js';
import { readCorpus } from '../../src/store/reader-files.js';
import { reader } from '../support/reader.js';
import { type Gold, readGold, score } from './scoring.js';

const here = dirname(fileURLToPath(import.meta.url));
const DEV = resolve(here, '../../../shared/nlu/dev.jsonl');
const ref = new Date('2024-11-27T10:00:00+08:00');
const pipeline = await reader();

interface Floors {
  intent: number;
  categoryF1: number;
  urgentRecall: number;
  urgentPrecision: number;
  location: number;
  command: number;
}

const TARGETS: Floors = {
  intent: 0.95,
  categoryF1: 0.9,
  urgentRecall: 1,
  urgentPrecision: 0.85,
  location: 0.95,
  command: 0.97,
};

function assertFloors(gold: Gold[], floors: Floors) {
  const s = score(gold, pipeline, ref);
  if (s.errors.length) console.log(s.errors.slice(0, 30).join('\n'));
  expect(s.intent).toBeGreaterThanOrEqual(floors.intent);
  expect(s.categoryF1).toBeGreaterThanOrEqual(floors.categoryF1);
  expect(s.urgentRecall).toBeGreaterThanOrEqual(floors.urgentRecall);
  expect(s.urgentPrecision).toBeGreaterThanOrEqual(floors.urgentPrecision);
  expect(s.location).toBeGreaterThanOrEqual(floors.location);
  expect(s.invented).toBeLessThanOrEqual(0.02);
  expect(s.command).toBeGreaterThanOrEqual(floors.command);
}

describe('figures on sets the reader learns from', () => {
  if (!existsSync(DEV)) console.warn(`SKIPPED dev-set figures: ${DEV} not found`);
  it.skipIf(!existsSync(DEV))('meets the targets on the shared dev set', () => assertFloors(readGold(DEV), TARGETS));
  for (const name of ['extra', 'blind-1', 'blind-2']) {
    it(`meets the targets on the earlier ${name} set`, () =>
      assertFloors(readGold(resolve(here, `${name}.jsonl`)), TARGETS));
  }
});

describe('figures on sets the reader never learns from', () => {
  // Urgent precision fell from 0.857 to 0.818 when 500 lines of group chatter joined the corpus
  // (the model now pages for a lost corgi and "辣到冒烟"); fewer false tickets in the streams paid for it.
  it('holds its figures on blind-3 (330, written blind, first scored before any fix)', () =>
    assertFloors(readGold(resolve(here, 'blind-3.jsonl')), {
      intent: 0.95,
      categoryF1: 0.91,
      urgentRecall: 1,
      urgentPrecision: 0.8,
      location: 0.99,
      command: 0.9,
    }));
  it('holds its figures on blind-6 (340, written blind, first scored before any fix this stop)', () =>
    assertFloors(readGold(resolve(here, 'blind-6.jsonl')), {
      intent: 0.95,
      categoryF1: 0.89,
      urgentRecall: 1,
      urgentPrecision: 0.87,
      location: 0.98,
      command: 0.92,
    }));
  it('holds its figures on blind-7 (330, written blind after the command head, first scored before any fix)', () =>
    assertFloors(readGold(resolve(here, 'blind-7.jsonl')), {
      intent: 0.95,
      categoryF1: 0.91,
      urgentRecall: 1,
      urgentPrecision: 0.95,
      location: 0.98,
      command: 0.95,
    }));
  // First score, before any fix (code 29705d6): intent 0.930, F1 0.979, urgent 0.971 / 0.971, location 0.956
  // (0 invented), command 0.800. Then: directory data and free-word commands (dc1), heads' updates (hu6), cues.
  it('holds its figures on blind-8 (330, written blind at the start of the 2026-12-02 stop)', () =>
    assertFloors(readGold(resolve(here, 'blind-8.jsonl')), {
      intent: 0.96,
      categoryF1: 0.96,
      urgentRecall: 1,
      urgentPrecision: 0.93,
      location: 0.99,
      command: 0.9,
    }));
  // First score at the end of the stop (code 2b646fc): intent 0.934, F1 0.880, urgent 0.967 / 0.879,
  // location 1.00 (0 invented), command 0.867. The urgent miss ("围墙塌了…被压在底下") is a cue now.
  it('holds its figures on blind-9 (320, written blind at the end of the 2026-12-02 stop)', () =>
    assertFloors(readGold(resolve(here, 'blind-9.jsonl')), {
      intent: 0.92,
      categoryF1: 0.86,
      urgentRecall: 1,
      urgentPrecision: 0.85,
      location: 0.99,
      command: 0.85,
    }));
  // Written blind at the start of the 2026-12-02b stop and scored once before any fix (code 058c9a0):
  // intent 0.933, category F1 0.940, urgent 1.00 / 0.970, location 0.953 (0.007 invented), command 0.857.
  // Now 0.970 / 0.846 (its one 'other' report read as chatter) / 1.00 / 0.970 / 0.953 / 0.952.
  it('holds its figures on blind-10 (330, written blind at the start of the 2026-12-02b stop)', () =>
    assertFloors(readGold(resolve(here, 'blind-10.jsonl')), {
      intent: 0.95,
      categoryF1: 0.83,
      urgentRecall: 1,
      urgentPrecision: 0.95,
      location: 0.94,
      command: 0.93,
    }));
  // Written blind at the end of the 2026-12-02b stop, scored once before any fix (code 71a4a76):
  // intent 0.975, category F1 0.934, urgent 1.00 / 0.914, location 0.959 (0 invented), command 0.975.
  it('holds its figures on blind-11 (320, written blind at the end of the 2026-12-02b stop)', () =>
    assertFloors(readGold(resolve(here, 'blind-11.jsonl')), {
      intent: 0.96,
      categoryF1: 0.92,
      urgentRecall: 1,
      urgentPrecision: 0.88,
      location: 0.95,
      command: 0.96,
    }));
  // Written blind at the start of the 2026-12-02c stop, scored once before any fix (code 68bc1eb):
  // intent 0.934, category F1 0.818, urgent 1.00 / 0.867, location 0.977 (0 invented), command 0.83.
  // Not blind afterwards: its misses shaped the prompts of two training files (not kept; decision 0011).
  it('holds its figures on blind-12 (320, written blind at the start of the 2026-12-02c stop)', () =>
    assertFloors(readGold(resolve(here, 'blind-12.jsonl')), {
      intent: 0.94,
      categoryF1: 0.8,
      urgentRecall: 1,
      urgentPrecision: 0.9,
      location: 0.96,
      command: 0.89,
    }));
  // Written blind at the end of the 2026-12-02c stop with no example sentences, scored once (code
  // 1420ad9): intent 0.956, category F1 0.938, urgent 0.933 / 0.848 (a fire told as 窜火, smoke asked
  // about with 是不是着火了), location 0.944 (0.004 invented), command 0.889.
  it('holds its figures on blind-13 (320, written blind at the end of the 2026-12-02c stop)', () =>
    assertFloors(readGold(resolve(here, 'blind-13.jsonl')), {
      intent: 0.94,
      categoryF1: 0.92,
      urgentRecall: 1,
      urgentPrecision: 0.86,
      location: 0.93,
      command: 0.87,
    }));
  // Written blind at the start of the 2026-12-02d stop (20 voices, no example sentences), scored once
  // before any fix (code fca7206): intent 0.947, category F1 0.850, urgent 0.972 / 0.897 (a neighbour
  // unseen for days whose son is 在外地), location 1.00 (0.007 invented), command 0.909.
  it('holds its figures on blind-14 (320, written blind at the start of the 2026-12-02d stop)', () =>
    assertFloors(readGold(resolve(here, 'blind-14.jsonl')), {
      intent: 0.95,
      categoryF1: 0.84,
      urgentRecall: 1,
      urgentPrecision: 0.93,
      location: 0.98,
      command: 0.95,
    }));
  // Written blind late in the 2026-12-02d stop (22 voices), scored once (code 098600e): intent 0.984,
  // category F1 0.931, urgent 1.00 / 0.971, location 1.00 (0 invented), command 0.969, chatter read as
  // a report 2 of 163.
  it('holds its figures on blind-15 (320, written blind late in the 2026-12-02d stop)', () =>
    assertFloors(readGold(resolve(here, 'blind-15.jsonl')), {
      intent: 0.97,
      categoryF1: 0.91,
      urgentRecall: 1,
      urgentPrecision: 0.95,
      location: 0.98,
      command: 0.95,
    }));
  // Written blind at the start of the 2026-12-02e stop (22 voices), scored once (code 7017356): intent
  // 0.966, category F1 0.949, urgent 0.969 / 0.861 (smoke "coming out" of a roof missed), location 1.00
  // (0.004 invented), command 0.942.
  it('holds its figures on blind-16 (320, written blind at the start of the 2026-12-02e stop)', () =>
    assertFloors(readGold(resolve(here, 'blind-16.jsonl')), {
      intent: 0.96,
      categoryF1: 0.93,
      urgentRecall: 1,
      urgentPrecision: 0.84,
      location: 0.98,
      command: 0.94,
    }));
  // Written blind at the start of the 2026-12-02e stop and sealed; scored once late in it (code
  // cf64995): intent 0.966, category F1 0.920, urgent 1.00 / 0.967, location 1.00 (0 invented),
  // command 0.907 (category corrections and 关闭 read as status).
  it('holds its figures on blind-17 (320, written blind at the start of the 2026-12-02e stop, scored late)', () =>
    assertFloors(readGold(resolve(here, 'blind-17.jsonl')), {
      intent: 0.96,
      categoryF1: 0.9,
      urgentRecall: 1,
      urgentPrecision: 0.95,
      location: 0.98,
      command: 0.95,
    }));
  // Written blind at the end of the 2026-12-02e stop (24 voices), scored once (code ee7463a): intent
  // 0.956, category F1 0.976, urgent 1.00 / 0.903, location 1.00 (0.004 invented), command 0.936.
  it('holds its figures on blind-18 (320, written blind at the end of the 2026-12-02e stop)', () =>
    assertFloors(readGold(resolve(here, 'blind-18.jsonl')), {
      intent: 0.95,
      categoryF1: 0.95,
      urgentRecall: 1,
      urgentPrecision: 0.88,
      location: 0.98,
      command: 0.95,
    }));
  // Written blind at the start of the 2026-12-02f stop (20 voices), scored once (code 5a73443): intent
  // 0.944, category F1 0.907, urgent 0.947 / 0.947 (a break-in happening now and water on a power strip
  // missed), location 1.00 (0 invented), command 0.643 (commands asked for in sentences).
  it('holds its figures on blind-19 (320, written blind at the start of the 2026-12-02f stop)', () =>
    assertFloors(readGold(resolve(here, 'blind-19.jsonl')), {
      intent: 0.95,
      categoryF1: 0.89,
      urgentRecall: 1,
      urgentPrecision: 0.9,
      location: 0.98,
      command: 0.85,
    }));
  // Written blind early in the 2026-12-02f stop and sealed (15 voices); scored once late in it (code
  // cbd71bb): intent 0.966, category F1 0.960, urgent 1.00 / 0.927, location 1.00 (0 invented), command
  // 0.84, chatter read as a report 3/160.
  it('holds its figures on blind-20 (320, written blind in the 2026-12-02f stop, sealed, scored late)', () =>
    assertFloors(readGold(resolve(here, 'blind-20.jsonl')), {
      intent: 0.96,
      categoryF1: 0.94,
      urgentRecall: 1,
      urgentPrecision: 0.9,
      location: 0.98,
      command: 0.92,
    }));
  // Written blind at the start of the 2026-12-02g stop by a helper who never saw the code, scored once
  // before any fix (code 268cccb): intent 0.956, category F1 0.867, urgent 0.974 / 0.925 (a hoop about to
  // fall on children missed), location 0.982 (0.004 invented), command 0.833.
  it('holds its figures on blind-21 (320, written blind at the start of the 2026-12-02g stop)', () =>
    assertFloors(readGold(resolve(here, 'blind-21.jsonl')), {
      intent: 0.96,
      categoryF1: 0.85,
      urgentRecall: 1,
      urgentPrecision: 0.92,
      location: 0.97,
      command: 0.95,
    }));
  // Written blind mid-stop and sealed, scored once late (code 68b1ffd): intent 0.963, category F1 0.885,
  // urgent 0.974 / 0.86 (water dripping onto a light that crackles missed), location 0.961 (0 invented),
  // command 0.90.
  it('holds its figures on blind-22 (320, written blind in the 2026-12-02g stop, sealed, scored late)', () =>
    assertFloors(readGold(resolve(here, 'blind-22.jsonl')), {
      intent: 0.96,
      categoryF1: 0.87,
      urgentRecall: 1,
      urgentPrecision: 0.92,
      location: 0.95,
      command: 0.95,
    }));
  // Written blind at the start of the 2026-12-03 stop, scored once before any fix (code 4e15c9f, reading
  // as e1a7ba1): intent 0.984, category F1 0.927, urgent 1.00 / 0.938, location 1.00 (0 invented),
  // command 0.971, status ticket 0.885 — every target of issue 12 met at first sight.
  it('holds its figures on blind-23 (320, written blind at the start of the 2026-12-03 stop)', () =>
    assertFloors(readGold(resolve(here, 'blind-23.jsonl')), {
      intent: 0.975,
      categoryF1: 0.9,
      urgentRecall: 1,
      urgentPrecision: 0.9,
      location: 0.98,
      command: 0.95,
    }));
  // Written blind mid-stop and sealed, scored once late (code 6ca7a73): intent 0.969, category F1 0.915,
  // urgent 1.00 / 0.977, location 0.984 (0 invented), command 0.844 (a duplicate withdrawn read as a
  // merge, "莫管了" as a close, "已接" as a question).
  it('holds its figures on blind-24 (320, written blind in the 2026-12-03 stop, sealed, scored late)', () =>
    assertFloors(readGold(resolve(here, 'blind-24.jsonl')), {
      intent: 0.965,
      categoryF1: 0.9,
      urgentRecall: 1,
      urgentPrecision: 0.95,
      location: 0.97,
      command: 0.92,
    }));
  // Written blind at the start of the 2026-12-03b stop, scored once before any fix (code ab6e0e6):
  // intent 0.975, category F1 0.942, urgent 0.967 / 0.935 (a Hunan "从楼梯上滚下来哒 …动都动不得" read as
  // a hypothetical for its 怕是), location 1.00 (0 invented), command 1.00.
  it('holds its figures on blind-25 (320, written blind at the start of the 2026-12-03b stop)', () =>
    assertFloors(readGold(resolve(here, 'blind-25.jsonl')), {
      intent: 0.965,
      categoryF1: 0.92,
      urgentRecall: 1,
      urgentPrecision: 0.92,
      location: 0.98,
      command: 0.97,
    }));
  // Written blind at the start of the 2026-12-03c stop, scored once before any fix (code a787f28):
  // intent 0.972, category F1 0.968, urgent 0.975 / 0.929 (an elderly neighbour two days without a sound,
  // "敲门也没人吱声"), location 0.975 (0 invented), command 0.957, chatter read as a report 2/136.
  it('holds its figures on blind-26 (320, written blind at the start of the 2026-12-03c stop)', () =>
    assertFloors(readGold(resolve(here, 'blind-26.jsonl')), {
      intent: 0.97,
      categoryF1: 0.96,
      urgentRecall: 1,
      urgentPrecision: 0.93,
      location: 0.97,
      command: 0.95,
    }));
  // Written blind at the start of the 2026-12-03c stop and sealed; scored once on the stop's final code
  // (69d8c36): intent 0.953, category F1 0.826, **urgent 0.951** / 0.951 (a fraudster still inside an old
  // neighbour's flat, a phone unanswered "两天都冇人接"), location 0.981 (0 invented), command 0.915. Its
  // writer's brief named a few heads' replies ("去了", "晓得了") this stop had taught the bot.
  it('holds its figures on blind-27 (320, sealed at the start of the 2026-12-03c stop)', () =>
    assertFloors(readGold(resolve(here, 'blind-27.jsonl')), {
      intent: 0.95,
      categoryF1: 0.8,
      urgentRecall: 1,
      urgentPrecision: 0.95,
      location: 0.97,
      command: 0.9,
    }));
  // Written blind at the start of the 2026-12-03d stop, scored once before any fix (code 1d1e8c6): intent
  // 0.953, category F1 0.914, **urgent 0.923** / 0.973 (a smoke alarm sounding while the guard goes up;
  // Minnan "灶脚有一股瓦斯味", "囝仔…揣无人"), location 0.98 (0 invented), command 0.903.
  it('holds its figures on blind-28 (320, written blind at the start of the 2026-12-03d stop)', () =>
    assertFloors(readGold(resolve(here, 'blind-28.jsonl')), {
      intent: 0.95,
      categoryF1: 0.92,
      urgentRecall: 1,
      urgentPrecision: 0.95,
      location: 0.97,
      command: 0.88,
    }));
  // Written blind at the start of the 2026-12-03d stop and sealed; scored once on that stop's final code
  // (69311da): intent 0.950, category F1 0.917, urgent 1.00 / 0.864, location 0.976 (0.004 invented),
  // command 0.938.
  it('holds its figures on blind-29 (320, sealed at the start of the 2026-12-03d stop)', () =>
    assertFloors(readGold(resolve(here, 'blind-29.jsonl')), {
      intent: 0.94,
      categoryF1: 0.9,
      urgentRecall: 1,
      urgentPrecision: 0.85,
      location: 0.96,
      command: 0.92,
    }));
  // Written blind at the start of the 2026-12-03e stop, scored once before any fix (code 8a53acd): intent
  // 0.959, category F1 0.902, urgent 1.00 / 0.864, location 0.986 (0 invented), command 0.929.
  it('holds its figures on blind-30 (320, written blind at the start of the 2026-12-03e stop)', () =>
    assertFloors(readGold(resolve(here, 'blind-30.jsonl')), {
      intent: 0.95,
      categoryF1: 0.89,
      urgentRecall: 1,
      urgentPrecision: 0.85,
      location: 0.97,
      command: 0.95,
    }));
  // Written blind at the start of the 2026-12-03e stop and sealed; scored once on that stop's final fixing
  // code (694329a): intent 0.984, category F1 0.835, **urgent 0.974** / 0.949 (the miss: a fight over
  // parking where "有人抄起了扳手"; pages now), location 0.941 (0 invented), command 0.976.
  it('holds its figures on blind-31 (320, sealed at the start of the 2026-12-03e stop)', () =>
    assertFloors(readGold(resolve(here, 'blind-31.jsonl')), {
      intent: 0.97,
      categoryF1: 0.82,
      urgentRecall: 1,
      urgentPrecision: 0.9,
      location: 0.92,
      command: 0.95,
    }));
  // Written blind at the start of the 2026-12-03f stop, scored once before any fix (code 30b900b): intent
  // 0.953, category F1 0.933, **urgent 0.964** / 0.871 (the miss: "老太太在灶披间跌了一跤 爬不起来 喊伊也
  // 勿响", Wu for a fallen woman who does not answer; pages now), location 1.00 (0.004 invented), command 1.00.
  it('holds its figures on blind-32 (320, written blind at the start of the 2026-12-03f stop)', () =>
    assertFloors(readGold(resolve(here, 'blind-32.jsonl')), {
      intent: 0.95,
      categoryF1: 0.92,
      urgentRecall: 1,
      urgentPrecision: 0.86,
      location: 0.98,
      command: 0.97,
    }));
  // Written blind at the start of the 2026-12-03f stop and sealed; scored once on that stop's final fixing
  // code (1d99624): intent 0.981, category F1 0.970, urgent 1.00 / 0.931, location 0.946 (0 invented),
  // command 1.00; the waiting and done words added after it (for the Jiangmen stream) left them unchanged.
  it('holds its figures on blind-33 (320, sealed at the start of the 2026-12-03f stop)', () =>
    assertFloors(readGold(resolve(here, 'blind-33.jsonl')), {
      intent: 0.97,
      categoryF1: 0.96,
      urgentRecall: 1,
      urgentPrecision: 0.92,
      location: 0.94,
      command: 0.98,
    }));
  // Written blind mid-2026-12-03f, scored once before any fix (code 6c7eaec): intent 0.984, category F1
  // 0.945, urgent 1.00 / **0.788** (pages for a cracked gas hose "没闻到味道", a sagging wire "倒没冒火花"),
  // location 0.985 (0 invented), command 1.00.
  it('holds its figures on blind-34 (320, written blind mid-2026-12-03f)', () =>
    assertFloors(readGold(resolve(here, 'blind-34.jsonl')), {
      intent: 0.97,
      categoryF1: 0.93,
      urgentRecall: 1,
      urgentPrecision: 0.82,
      location: 0.97,
      command: 0.98,
    }));
  // Written blind at the start of the 2026-12-03g stop, scored once before any fix (code 954b4f7): intent
  // 0.956, category F1 0.918, urgent **0.967** / 0.806 (a Minnan grandfather "到今无转来" missed; an old
  // woman's phone "唔见了", glasses "摔坏了" and the heat "冒煙咁" paged), location 0.985 (0 invented),
  // command 1.00; chatter read as a report 5/140 (3.6 %).
  it('holds its figures on blind-35 (320, written blind at the start of 2026-12-03g)', () =>
    assertFloors(readGold(resolve(here, 'blind-35.jsonl')), {
      intent: 0.96,
      categoryF1: 0.92,
      urgentRecall: 1,
      urgentPrecision: 0.86,
      location: 0.97,
      command: 0.98,
    }));
  // Written blind mid-2026-12-03g, scored once before any fix (code f2b6d22): intent 0.956, category F1
  // 0.914, urgent 1.00 / 0.833, location 0.982 (0.004 invented; a trailing "16#" unread), command 0.943;
  // chatter read as a report 3/138 (2.2 %).
  it('holds its figures on blind-37 (320, written blind mid-2026-12-03g)', () =>
    assertFloors(readGold(resolve(here, 'blind-37.jsonl')), {
      intent: 0.95,
      categoryF1: 0.9,
      urgentRecall: 1,
      urgentPrecision: 0.82,
      location: 0.97,
      command: 0.93,
    }));
  // Written blind at the start of the 2026-12-03g stop and sealed; scored once on its final fixing code
  // (with 3ba54bb's reading and the Zhuhai fixes): intent 0.978, category F1 0.924, urgent 1.00 / 0.938,
  // location 0.978 (0 invented), **command 0.891**; chatter read as a report 0/140.
  it('holds its figures on blind-36 (320, sealed at the start of 2026-12-03g)', () =>
    assertFloors(readGold(resolve(here, 'blind-36.jsonl')), {
      intent: 0.97,
      categoryF1: 0.91,
      urgentRecall: 1,
      urgentPrecision: 0.92,
      location: 0.96,
      command: 0.88,
    }));
  // Written blind at the start of the 2026-12-03h stop, scored once before any fix (code 21605c2): intent
  // 0.984, category F1 0.932, urgent 1.00 / 0.962, location 1.00 (0 invented), command 1.00; chatter read
  // as a report 0/138.
  it('holds its figures on blind-38 (320, written blind at the start of 2026-12-03h)', () =>
    assertFloors(readGold(resolve(here, 'blind-38.jsonl')), {
      intent: 0.97,
      categoryF1: 0.92,
      urgentRecall: 1,
      urgentPrecision: 0.95,
      location: 0.98,
      command: 0.98,
    }));
  // Written blind at the start of the 2026-12-03h stop and sealed; scored once on that stop's final fixing
  // code (3cc6f92): intent 0.981, category F1 0.925, urgent 1.00 / 0.900, location 1.00 (0.007 invented),
  // **command 0.919**; chatter read as a report 1/138 (0.7 %).
  it('holds its figures on blind-39 (320, sealed at the start of 2026-12-03h)', () =>
    assertFloors(readGold(resolve(here, 'blind-39.jsonl')), {
      intent: 0.97,
      categoryF1: 0.91,
      urgentRecall: 1,
      urgentPrecision: 0.88,
      location: 0.98,
      command: 0.9,
    }));
  // Written blind at the start of the 2026-12-04 stop; scored once before any fix (code ab14029): intent
  // 0.973, category F1 0.834 (its three "other" reports all missed), **urgent 0.968 / 0.882** (a man trying
  // door locks floor by floor not paged; "眼镜腿断了" paged), location 0.953 (0 invented: "二号楼四零二",
  // "5-2一楼"), command 0.972; chatter read as a report 4/139 (2.9 %: hearsay of scams elsewhere, a forwarded
  // heating-fee post). Now 0.988 / 0.848 / 1.00 / 0.912 / 1.00 / 1.00.
  it('holds its figures on blind-40 (330, written blind at the start of 2026-12-04)', () =>
    assertFloors(readGold(resolve(here, 'blind-40.jsonl')), {
      intent: 0.97,
      categoryF1: 0.83,
      urgentRecall: 1,
      urgentPrecision: 0.9,
      location: 0.98,
      command: 0.96,
    }));
  // Written blind at the start of the 2026-12-04 stop and sealed; scored once late in the stop (code 4a13480):
  // intent 0.967, category F1 0.879, **urgent 0.939 / 0.861** (misses: Cantonese "部𨋢停咗喺半路 我同個BB喺入面"
  // — the net's lift words were spelt 𨋢, which normalising turns into 䢂 — and a stairwell smell "跟灶台打不着火
  // 那会儿一个味 越来越冲"; false pages: a quarrel "已经劝开了，没动手", a sign "已经拆下来了"), location 1.00 (0
  // invented), command 0.955; chatter read as a report 5/138 (3.6 %). Now 0.973 / 0.885 / 1.00 / 0.917 / 1.00 / 1.00.
  it('holds its figures on blind-41 (330, sealed at the start of 2026-12-04)', () =>
    assertFloors(readGold(resolve(here, 'blind-41.jsonl')), {
      intent: 0.97,
      categoryF1: 0.87,
      urgentRecall: 1,
      urgentPrecision: 0.9,
      location: 0.98,
      command: 0.98,
    }));
  // Written blind at the start of the 2026-12-04b stop by two helpers (170 each: elderly voice input, young
  // renters, Traditional script, written Cantonese; heads, property staff, parents, shopkeepers, northeastern
  // Mandarin); scored once before any fix (code ca1b6fb): intent 0.979, category F1 0.975, **urgent 0.978 /
  // 0.898** (missed: water dripping "喺插苏隔篱"; false pages: a lost Pomeranian "走失咗", a lift stopped
  // "轿厢里没人", a head's "已经联系电梯维保了 人在路上"), location 0.987 (0 invented), command 0.971; chatter read
  // as a report 2/129 (1.6 %). Now 0.988 / 0.984 / 1.00 / 0.957 / 0.987 / 1.00.
  it('holds its figures on blind-42 (340, written blind at the start of 2026-12-04b)', () =>
    assertFloors(readGold(resolve(here, 'blind-42.jsonl')), {
      intent: 0.98,
      categoryF1: 0.97,
      urgentRecall: 1,
      urgentPrecision: 0.93,
      location: 0.98,
      command: 0.98,
    }));
  // Written blind at the start of the 2026-12-04c stop by two helpers (170 each: elderly voice input, written
  // Cantonese, Traditional script, young renters, property staff; heads, south-western Mandarin, worried parents,
  // delivery riders, Wu); scored once before any fix (code fa5aed8): intent 0.979, category F1 0.964, urgent
  // 1.00 / 0.939 (false pages: a courier's "外卖我放门卫了 电话打不通", a lift "莫得人在里头", a fire rumour put
  // right "没有火情 大家别转了"), location 0.969 (0 invented), command 1.00, status ticket 0.933 ("#8 进展怎么样了"
  // read as a progress note); chatter read as a report 3/124 (2.4 %). Now 0.994 / 0.973 / 1.00 / 1.00 / 0.969 / 1.00.
  it('holds its figures on blind-43 (340, written blind at the start of 2026-12-04c)', () =>
    assertFloors(readGold(resolve(here, 'blind-43.jsonl')), {
      intent: 0.99,
      categoryF1: 0.96,
      urgentRecall: 1,
      urgentPrecision: 0.97,
      location: 0.96,
      command: 0.99,
    }));
  // Written blind in the middle of the 2026-12-04c stop by two helpers (170 each: elderly voice input, written
  // Cantonese, Traditional script, north-eastern Mandarin, heads; young renters, property staff, Southern Min in
  // characters, Hunan/Hubei, shopkeepers); scored once before any fix (code 553793e): intent 0.965, category F1
  // 0.932, **urgent 0.957 / 0.957** (missed, both in Southern Min: "阮阿公无去了…到今无转来", "阮囝仔烧甲四十度
  // …无车通去病院"), location 1.00 (0 invented), command 0.972; chatter read as a report 4/124 (3.2 %).
  // Now 0.979 / 0.941 / 1.00 / 0.979 / 1.00 / 0.972 (Southern Min words read as Mandarin, normalise.ts).
  it('holds its figures on blind-44 (340, written blind in the middle of 2026-12-04c)', () =>
    assertFloors(readGold(resolve(here, 'blind-44.jsonl')), {
      intent: 0.97,
      categoryF1: 0.93,
      urgentRecall: 1,
      urgentPrecision: 0.95,
      location: 0.98,
      command: 0.97,
    }));
  // Written blind at the start of the 2026-12-04d stop by a helper (340: elderly voice input, young renters,
  // Traditional script, written Cantonese, Shanghainese, north-eastern, heads, property staff); scored once
  // before any fix (code 7b3c2c6): intent 0.974, category F1 0.916, urgent 1.00 / 0.978 (the lift "无人被困"
  // paged), location 1.00 (0 invented), command 1.00; chatter read as a report 0/150. Now 0.974 / 0.922 /
  // 1.00 / 1.00 / 1.00 / 1.00 (a rotten-egg smell "臭蛋味道" is gas and safety; "无人被困" pages nobody).
  it('holds its figures on blind-45 (340, written blind at the start of 2026-12-04d)', () =>
    assertFloors(readGold(resolve(here, 'blind-45.jsonl')), {
      intent: 0.97,
      categoryF1: 0.92,
      urgentRecall: 1,
      urgentPrecision: 0.97,
      location: 0.98,
      command: 0.99,
    }));
  // Written blind mid-2026-12-04d by a helper (340: elderly voice input with sound-alike typos, Hakka and
  // Teochew speakers, Hunan/Jiangxi, Traditional script, written Cantonese, young renters, heads, property
  // staff and guards); scored once before any fix (code f9d5ac0): intent 0.976, category F1 0.856, **urgent
  // 0.978** / 0.936 (missed: "楼到里有股臭鸡蛋位道…没气露了", a gas smell typed by voice), location 0.981 (0
  // invented), command 0.958; chatter read as a report 4/153 (2.6 %). Now 0.985 / 0.869 / 1.00 / 0.978 /
  // 0.981 / 0.958, chatter read as a report 0.7 % (its one "other" report, an illegal shed, is read as public
  // order: with one example, that class's F1 of 0 takes a ninth off the macro mean).
  it('holds its figures on blind-46 (340, written blind in the middle of 2026-12-04d)', () =>
    assertFloors(readGold(resolve(here, 'blind-46.jsonl')), {
      intent: 0.98,
      categoryF1: 0.86,
      urgentRecall: 1,
      urgentPrecision: 0.97,
      location: 0.97,
      command: 0.95,
    }));
  // Written blind at the start of 2026-12-04e by a helper (340: elderly voice input with Shandong and Henan
  // words, young renters' slang, Traditional script, written Cantonese, north-eastern, Wu, heads, property
  // staff); scored once before any fix (code 319c06f): intent 0.974, category F1 0.957, urgent 1.00 / 0.972,
  // location 1.00 (0 invented), command 1.00; chatter read as a report 3/149 (2.0 %). Now 0.979 / 0.969 / 1.00 /
  // 0.972 / 1.00 / 1.00, chatter read as a report 1/149.
  it('holds its figures on blind-47 (340, written blind at the start of 2026-12-04e)', () =>
    assertFloors(readGold(resolve(here, 'blind-47.jsonl')), {
      intent: 0.97,
      categoryF1: 0.95,
      urgentRecall: 1,
      urgentPrecision: 0.96,
      location: 0.98,
      command: 0.99,
    }));
  // Written blind at the start of 2026-12-04f by a helper (340 in eight voices: elderly voice input with its
  // homophones, young slang, Traditional script, written Cantonese, south-western, Shandong, heads, property
  // staff); scored once before any fix (code a2d04b5): intent 0.944, category F1 0.973, urgent 1.00 / 0.886,
  // location 0.964 (0 invented), command 0.913; chatter read as a report 9/176 (5.1 %). Now 0.974 / 0.995 /
  // 1.00 / 1.00 / 1.00 / 0.957, chatter read as a report 0/176.
  it('holds its figures on blind-48 (340, written blind at the start of 2026-12-04f)', () =>
    assertFloors(readGold(resolve(here, 'blind-48.jsonl')), {
      intent: 0.965,
      categoryF1: 0.98,
      urgentRecall: 1,
      urgentPrecision: 0.97,
      location: 0.98,
      command: 0.95,
    }));
  // Written by a helper in the same stop as training data (450 in ten voices: chatter with danger words,
  // hazards with no danger now, emergencies in everyday words, heads' plain replies); trained on, it cost
  // urgent recall on four older sets, so it was kept out of the corpus and scored once as a blind set (code
  // bc1acf3): intent 0.936, category F1 0.81, urgent 0.956 / 0.977 (choking, a Cantonese fall, a fight with a
  // steel pipe, a swollen power bank "尿袋" missed), location 0.951, command 0.82; chatter read as a report
  // 19/230 (8.3 %). Now 0.962 / 0.883 / 1.00 / 0.989 / 0.951 / 0.82, chatter read as a report 10/230.
  it('holds its figures on blind-49 (450 hard messages, written blind in 2026-12-04f)', () =>
    assertFloors(readGold(resolve(here, 'blind-49.jsonl')), {
      intent: 0.955,
      categoryF1: 0.87,
      urgentRecall: 1,
      urgentPrecision: 0.97,
      location: 0.94,
      command: 0.8,
    }));
  // Written blind late in 2026-12-04f by a helper (340 in eight voices: Minnan-flavoured, Hebei, Taiwanese and
  // Hong Kong Traditional, written Cantonese, elderly voice, slang, heads, property staff); scored once before
  // any fix (code 3899cea): intent 0.965, category F1 0.936, urgent 1.00 / 0.889, location 1.00 (0.003
  // invented), command 0.921; chatter read as a report 8/156 (5.1 %). Now 0.991 / 0.956 / 1.00 / 1.00 / 1.00 /
  // 0.921, chatter read as a report 1/156.
  it('holds its figures on blind-50 (340, written blind late in 2026-12-04f)', () =>
    assertFloors(readGold(resolve(here, 'blind-50.jsonl')), {
      intent: 0.98,
      categoryF1: 0.94,
      urgentRecall: 1,
      urgentPrecision: 0.97,
      location: 0.98,
      command: 0.9,
    }));
  // Written blind at the start of 2026-12-04g by a helper (340 in eight voices: elderly voice, slang, Traditional,
  // written Cantonese, heads, property staff, Northeastern, Jiangxi/Hunan); scored once before any fix (code
  // 0efbd0c): intent 0.968, category F1 0.926, urgent 1.00 / 0.931, location 1.00 (0 invented), command 0.971;
  // chatter read as a report 3/156 (1.9 %) — every issue-12 target met at first sight. Now 0.971 / 0.928 /
  // 1.00 / 0.964 / 1.00 / 0.971, chatter read as a report 2/156.
  it('holds its figures on blind-51 (340, written blind in 2026-12-04g)', () =>
    assertFloors(readGold(resolve(here, 'blind-51.jsonl')), {
      intent: 0.96,
      categoryF1: 0.92,
      urgentRecall: 1,
      urgentPrecision: 0.95,
      location: 0.98,
      command: 0.96,
    }));
  // Written blind in the middle of 2026-12-04g (340 in eight voices, Shandong/Henan and Sichuan among them);
  // scored once (code d81f7ed): intent 0.982, category F1 0.970, urgent 1.00 / 0.967, location 0.98 (0
  // invented), command 1.00, chatter read as a report 2/158 (1.3 %). Now 0.985 / 0.974 / 1.00 / 1.00 / 0.98 /
  // 1.00, chatter read as a report 1/158.
  it('holds its figures on blind-52 (340, written blind in 2026-12-04g)', () =>
    assertFloors(readGold(resolve(here, 'blind-52.jsonl')), {
      intent: 0.975,
      categoryF1: 0.96,
      urgentRecall: 1,
      urgentPrecision: 0.97,
      location: 0.97,
      command: 0.98,
    }));
  // Written blind at the start of 2026-12-05 (340 in eight voices: Jiangsu/Zhejiang elderly by voice, renters'
  // slang, Traditional script, written Cantonese, heads, property staff, busy parents, Northwestern); scored once
  // before any fix (code db09d4e): intent 0.974, category F1 0.930, urgent 1.00 / 0.943, location 1.00 (0
  // invented), command 0.981, chatter read as a report 2/147 (1.4 %). Untouched since (no fix was made from it).
  it('holds its figures on blind-53 (340, written blind in 2026-12-05)', () =>
    assertFloors(readGold(resolve(here, 'blind-53.jsonl')), {
      intent: 0.965,
      categoryF1: 0.92,
      urgentRecall: 1,
      urgentPrecision: 0.93,
      location: 0.98,
      command: 0.97,
    }));
  // Written blind at the start of 2026-12-05b (340 in eight voices: Hebei elderly by voice, Guangxi, Traditional
  // script, written Cantonese, heads, property staff, riders' slang, Sichuan); scored once before any fix (code
  // 6933088): intent 0.968, category F1 0.943, urgent 1.00 / 0.853, location 0.979 (0 invented), command 0.976,
  // chatter read as a report 4/181 (2.2 %). Now 0.971 / 0.950 / 1.00 / 0.906 / 0.979 / 0.976, 3/181 (1.7 %): a
  // past smoke "已经搞定", a walking stick lost and a warning passed on from the estate next door stay quiet.
  it('holds its figures on blind-54 (340, written blind in 2026-12-05b)', () =>
    assertFloors(readGold(resolve(here, 'blind-54.jsonl')), {
      intent: 0.965,
      categoryF1: 0.94,
      urgentRecall: 1,
      urgentPrecision: 0.9,
      location: 0.97,
      command: 0.97,
    }));
  // blind-55 (340 lines, 8 voices: Shandong elderly by voice, Chengdu slang, Traditional script, Foshan Cantonese,
  // heads, property staff, Dongbei, Hakka/Gan); scored once before any fix (code 2c838c5): intent 0.971, category F1
  // 0.969, urgent 1.00 / 0.962, location 0.988 (0 invented), command 0.962, chatter read as a report 4/152
  // (2.6 %). Now 0.982 / 0.976 / 1.00 / 0.981 / 0.988 / 0.962, 1/152 (0.7 %): "假如停电 部电梯会唔会困住人㗎" no longer
  // pages, and a past incident told to its end ("夜来晚上…弄出来了人没事") is talk.
  it('holds its figures on blind-55 (340, written blind in 2026-12-05c)', () =>
    assertFloors(readGold(resolve(here, 'blind-55.jsonl')), {
      intent: 0.97,
      categoryF1: 0.96,
      urgentRecall: 1,
      urgentPrecision: 0.97,
      location: 0.98,
      command: 0.95,
    }));
  // blind-56 (340 lines, 8 voices: Changsha elderly by voice, Hangzhou slang, Traditional script, Jiangmen
  // Cantonese, heads, property staff, Lanzhou/Xining, Wenzhou Wu); scored once before any fix (code ed2dafb):
  // intent 0.962, category F1 0.932, urgent 0.979 / 0.939 (a brother with dementia "今晨外出至今未歸" in Traditional
  // script not paged), location 1.00, command 0.926, chatter read as a report 5/157 (3.2 %). Now 0.979 / 0.950 /
  // 1.00 / 0.959 / 1.00 / 0.926, 0/157; 2026-12-05e: command 1.00 (a plan told is progress, "工单关闭" after a
  // repair is done, "今天一共进来几单…给我看看" asks for the digest).
  it('holds its figures on blind-56 (340, written blind in 2026-12-05d)', () =>
    assertFloors(readGold(resolve(here, 'blind-56.jsonl')), {
      intent: 0.97,
      categoryF1: 0.94,
      urgentRecall: 1,
      urgentPrecision: 0.95,
      location: 0.99,
      command: 0.97,
    }));
  // blind-57 (340 lines, 8 voices: Xi'an elderly by voice, Shenzhen slang, Traditional script, Guangzhou Cantonese,
  // heads, property staff, Chongqing/Sichuan, Suzhou Wu); scored once before any fix (code 865bf8c): intent 0.947,
  // category F1 0.954, urgent 0.98 / 0.923 (a fight with a spade told with the North-west's 咧 not paged), location
  // 1.00, command 0.875, chatter read as a report 5/151 (3.3 %). Now 0.965 / 0.962 / 1.00 / 0.925 / 1.00 / 0.982, 4/151.
  it('holds its figures on blind-57 (340, written blind in 2026-12-05e)', () =>
    assertFloors(readGold(resolve(here, 'blind-57.jsonl')), {
      intent: 0.96,
      categoryF1: 0.96,
      urgentRecall: 1,
      urgentPrecision: 0.92,
      location: 0.99,
      command: 0.97,
    }));
  // blind-58 (340 lines, 8 voices: Taiyuan elderly by voice, Wuhan slang, Traditional script, Dongguan Cantonese,
  // heads, property staff, Kunming/Yunnan, Ningbo Wu); scored once before any fix (code a834b12): intent 0.971,
  // category F1 0.902, urgent 0.977 / 0.955 (a loose facade tile over a walkway "随时可能坠落" not paged), location
  // 1.00, command 0.895, chatter read as a report 4/162 (2.5 %). Now 0.979 / 0.905 / 1.00 / 0.977 / 1.00 / 0.982
  // (a withdrawal because family fixed it, "仍有渗水，重新派单", "已受理", "这个东西哪能用").
  it('holds its figures on blind-58 (340, written blind in 2026-12-05e)', () =>
    assertFloors(readGold(resolve(here, 'blind-58.jsonl')), {
      intent: 0.97,
      categoryF1: 0.9,
      urgentRecall: 1,
      urgentPrecision: 0.97,
      location: 0.99,
      command: 0.97,
    }));
  // blind-59 (340 lines, 8 voices: Shijiazhuang elderly by voice, Chengdu slang, Traditional script, Zhongshan
  // Cantonese, heads, property staff, Nanchang Gan, Qingdao Shandong); scored once before any fix (code 72f37bc):
  // intent 0.974, category F1 0.963, urgent 1.00 / 0.956, location 1.00 (0.003 invented), command 0.927, chatter
  // read as a report 4/164 (2.4 %). Now 0.994 / 0.971 / 1.00 / 1.00, command 1.00 (井号14, 已接收, 已转社区网格处理).
  it('holds its figures on blind-59 (340, written blind in 2026-12-05f)', () =>
    assertFloors(readGold(resolve(here, 'blind-59.jsonl')), {
      intent: 0.98,
      categoryF1: 0.96,
      urgentRecall: 1,
      urgentPrecision: 0.95,
      location: 0.99,
      command: 0.98,
    }));
  // blind-60 (340 lines, 8 voices: Kaifeng elderly by voice, Guiyang slang, Taiwan-style Traditional, Guangzhou
  // Cantonese, heads, property staff, Xiamen Minnan, Tianjin); scored once before any fix (code feffaf9): intent
  // 0.979, category F1 0.961, urgent 0.976 / 0.976 (a door unanswered three days where a man lives alone, "敲了三天
  // 木人开", not paged), location 0.979 (0 invented), command 0.909, chatter read as a report 1/164 (0.6 %). Now
  // 0.985 / 0.961 / 1.00, command 0.982.
  it('holds its figures on blind-60 (340, written blind in 2026-12-05f)', () =>
    assertFloors(readGold(resolve(here, 'blind-60.jsonl')), {
      intent: 0.98,
      categoryF1: 0.95,
      urgentRecall: 1,
      urgentPrecision: 0.95,
      location: 0.97,
      command: 0.97,
    }));
  // blind-61 (340 lines, 8 voices: Xi'an elderly by voice, Wuhan slang, Hong Kong Traditional, Foshan Cantonese,
  // heads, property staff, Meizhou Hakka, Shanghainese); scored once before any fix (code 6e996a9): intent 0.959,
  // category F1 0.886, urgent 1.00 / 0.955, location 0.985 (0 invented), command 0.945, chatter read as a report
  // 6/164 (3.7 %). Now 0.985 / 0.905 / 1.00 / 0.977, command 1.00, chatter 1/164.
  it('holds its figures on blind-61 (340, written blind in 2026-12-05g)', () =>
    assertFloors(readGold(resolve(here, 'blind-61.jsonl')), {
      intent: 0.98,
      categoryF1: 0.9,
      urgentRecall: 1,
      urgentPrecision: 0.95,
      location: 0.98,
      command: 0.99,
    }));
  // blind-62 (340 lines, 8 voices: Chengdu elderly by voice, Tianjin slang, Taiwan Traditional, Guangzhou Cantonese,
  // heads, property staff, Dongbei, young renters); scored once before any fix (code 8d0af2f): intent 0.971,
  // category F1 0.938, urgent 0.98 / 0.98 (water dripping onto a flickering light), location 0.936, command 0.927.
  // Now 0.994 / 0.955 / 1.00 / 0.98, location 1.00, command 1.00.
  it('holds its figures on blind-62 (340, written blind in 2026-12-05h)', () =>
    assertFloors(readGold(resolve(here, 'blind-62.jsonl')), {
      intent: 0.99,
      categoryF1: 0.95,
      urgentRecall: 1,
      urgentPrecision: 0.97,
      location: 0.99,
      command: 0.99,
    }));
  // blind-63 (340 lines, 8 voices: Henan elderly by voice, Xiamen Minnan, Hong Kong Traditional, Changsha, heads,
  // property staff, Shanghainese, delivery riders); scored once on 8d0af2f: intent 0.976, category F1 0.950, urgent
  // 1.00 / 0.979, location 0.984 (0.007 invented), command 0.947. Now 0.991 / 0.965 / 1.00 / 1.00, location 1.00,
  // command 0.982.
  it('holds its figures on blind-63 (340, written blind in 2026-12-05h)', () =>
    assertFloors(readGold(resolve(here, 'blind-63.jsonl')), {
      intent: 0.985,
      categoryF1: 0.95,
      urgentRecall: 1,
      urgentPrecision: 0.98,
      location: 0.99,
      command: 0.97,
    }));
  it('holds its figures on the urgency set (130 emergencies in everyday words, 130 near-misses)', () =>
    assertFloors(readGold(resolve(here, '../../data/nlu/urgency/urgency.jsonl')), {
      intent: 0.92,
      categoryF1: 0.82,
      // Every emergency pages (2026-12-02d: recall 1.00, precision 0.992).
      urgentRecall: 1,
      urgentPrecision: 0.97,
      location: 0.9,
      command: 0.7,
    }));
  it('holds its figures on the held-out fifth of the corpus', () => {
    const none = { building: null, unit: null, room: null };
    const heldout = readCorpus()
      .lines.filter((l) => splitOf(l.id) === 'heldout')
      .map((l) => ({
        location: none,
        command: null,
        ticket: null,
        ...l,
        urgent: l.urgent === true,
      })) as unknown as Gold[];
    // Lowered when 1,350 harder lines (heads' updates, near-misses) joined the corpus: measured
    // then 0.891 / 0.824 / 0.896 / 0.867 (docs/nlu.md). With 1,180 lines of commands and heads'
    // updates (cm1, hu5), 255 Cantonese reports (yue2) and the command head: 0.894 / 0.835 /
    // 0.896 / 0.896, location 0.951 (0.935 before flats said of neighbours, '楼上1603'), command 0.750 (the held-out fifth now holds many more
    // commands in free words).
    // With heads' outcome replies (hu6) and directory questions and free-word commands (dc1) in the
    // corpus, its held-out fifth holds more of the hardest kinds: intent 0.895 → 0.872.
    // 2026-12-02b: with context talk (cx1), dialect commands (cm2), urgency near-misses (ug4) and
    // deceptive chatter (ch3), and urgency learnt from reports and chatter only, on all 3,118
    // held-out lines: 0.893 / 0.836 / 0.940 / 0.836, location 0.956, command 0.730; on the 2,662
    // lines held out before: 0.892 / 0.837 / 0.940 / 0.839, command 0.734 — urgent recall up,
    // precision and commands a little down (docs/nlu.md).
    assertFloors(heldout, {
      intent: 0.88,
      categoryF1: 0.82,
      urgentRecall: 0.92,
      urgentPrecision: 0.82,
      location: 0.945,
      command: 0.72,
    });
  });
});
