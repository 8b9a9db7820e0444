/** Category names as heads type them: SPEC's Chinese names, short forms and English labels. */
import { CATEGORIES, type Category } from './types.js';

const CHINESE: Record<string, Category> = {
  设施报修: 'facility',
  设施: 'facility',
  报修: 'facility',
  维修: 'facility',
  环境卫生: 'sanitation',
  卫生: 'sanitation',
  环境: 'sanitation',
  环卫: 'sanitation',
  安全隐患: 'safety',
  安全: 'safety',
  隐患: 'safety',
  消防: 'safety',
  矛盾纠纷: 'dispute',
  纠纷: 'dispute',
  矛盾: 'dispute',
  治安: 'public_order',
  社会治安: 'public_order',
  治安问题: 'public_order',
  困难求助: 'assistance',
  求助: 'assistance',
  帮扶: 'assistance',
  困难: 'assistance',
  政策咨询: 'consultation',
  咨询: 'consultation',
  政策: 'consultation',
  疫情防控: 'epidemic',
  疫情: 'epidemic',
  防疫: 'epidemic',
  其他: 'other',
  其它: 'other',
};

/**
 * The category a head names, or null: "安全隐患", "安全", "safety", "public_order".
 * @example parseCategoryName('矛盾纠纷') // 'dispute'
 */
export function parseCategoryName(name: string): Category | null {
  const n = name.trim().toLowerCase();
  if ((CATEGORIES as readonly string[]).includes(n)) return n as Category;
  if (n === 'public order' || n === 'publicorder') return 'public_order';
  if (CHINESE[n]) return CHINESE[n];
  // Tolerate trailing words: "安全隐患类", "治安类问题".
  for (const [zh, c] of Object.entries(CHINESE).sort((a, b) => b[0].length - a[0].length))
    if (n.startsWith(zh)) return c;
  // …and leading ones: "邻里纠纷", "小区治安".
  for (const [zh, c] of Object.entries(CHINESE).sort((a, b) => b[0].length - a[0].length))
    if (zh.length >= 2 && n.endsWith(zh)) return c;
  return null;
}

/**
 * A command as SPEC.md names it. SPEC has no category or place correction; its writers label
 * "#66 分错了 这个是治安的事" as `reassign` (it re-routes the ticket), so ours reads as that.
 */
export function specCommand(command: string | null): string | null {
  return command === 'correct' ? 'reassign' : command;
}
