/**
 * What a directory question asks for: a service line on the notice board (物业, 供水, 供电, 燃气)
 * or the heads of some levels (单元长 → unit, 楼栋长 → building, 网格长/网格员 → grid, 书记 → community).
 */

const SERVICES: [RegExp, string][] = [
  [/物业/, '物业'],
  [/自来水|供水|停水|水/, '供水'],
  // (电梯 is no electricity: "电梯困人该打哪个电话".)
  [/电力|供电|停电|电(?!话|梯)/, '供电'],
  [/燃气|煤气|天然气|瓦斯/, '燃气'],
];

/** The board label a question asks for, unless it asks for a person (…长, 网格员). */
export function serviceAsked(text: string): string | null {
  if (/长|网格员/.test(text)) return null;
  return SERVICES.find(([re]) => re.test(text))?.[1] ?? null;
}

/** The levels whose heads a question asks for, or null for all of them. */
export function levelsAsked(text: string): string[] | null {
  if (/单元长/.test(text)) return ['unit'];
  if (/楼栋长|楼长/.test(text)) return ['building'];
  if (/网格长|网格员/.test(text)) return ['grid'];
  if (/书记|社区/.test(text)) return ['community'];
  return null;
}
