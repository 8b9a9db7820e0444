/**
 * Several problems in one message: "两个事：一是单元门禁坏了，二是楼下垃圾三天没人收了",
 * "1.电梯按钮没反应 2.楼道堆了旧家具", "灯坏了，另外楼下垃圾也没人收". Splits at enumerations,
 * and at "另外/还有/再就是" between clauses; the reader then decides which pieces are reports.
 */

/** "1." "2、" "一是" "二是" "第一" "第二" "①": an enumeration marker and the number it counts. */
const ENUMERATION =
  /(?:^|[\s,，。;；:：!！?？])(?:第?([一二三四五六七八九]|[1-9])(?:是|[、.．)）:：]|点|个?(?:问题|事)[是:：]?)|([①②③④⑤⑥]))\s*/g;
// "还有股焦味", "还有点响": more about the same thing, not a second problem.
// Voice input runs clauses together ("…信都无了还有大门口那盏灯坏了"): after 了 the same words split.
const ALSO =
  /(?:[,，。;；!！\s]+|(?<=[了咗]))(?:另外|还有就是|还有(?!一?[股点些阵种丝声味人])|再就是|再一个|再有|以及|同时)(?:一个|一件|就是)?[,，:：\s]*/;

const NUMERALS: Record<string, number> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  '①': 1,
  '②': 2,
  '③': 3,
  '④': 4,
  '⑤': 5,
  '⑥': 6,
};
const numberOf = (s: string) => NUMERALS[s] ?? Number(s);

/** The pieces of a message that may each be a problem; one piece when it does not enumerate. */
export function splitProblems(text: string): string[] {
  const marks = [...text.matchAll(ENUMERATION)].map((m) => ({
    at: m.index + (m[0].length - m[0].trimStart().length),
    end: m.index + m[0].length,
    n: numberOf(m[1] ?? m[2]),
  }));
  // Only a counted run 1, 2, … is an enumeration; a lone "3栋" or "2、" is not.
  const run: typeof marks = [];
  for (const m of marks) if (m.n === run.length + 1) run.push(m);
  if (run.length >= 2) {
    const pieces = run.map((m, i) => text.slice(m.end, run[i + 1]?.at ?? text.length).trim());
    return pieces.map((p) => p.replace(/[,，。;；\s]+$/, '')).filter((p) => p.length >= 3);
  }
  const also = ALSO.exec(text);
  if (also && also.index >= 4 && text.length - (also.index + also[0].length) >= 4) {
    return [text.slice(0, also.index), text.slice(also.index + also[0].length)].map((p) => p.trim());
  }
  return [text];
}
