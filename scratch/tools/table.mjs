// node scratch/tools/table.mjs docs/nlu.md — rewrites the stream table rows from /tmp/sum.json
import { readFileSync, writeFileSync } from 'node:fs';
const file = process.argv[2];
const res = JSON.parse(readFileSync('/tmp/sum.json', 'utf8'));
const extra = { 'zhanjiang-chikan': 478, 'yichang-xiling': 432, 'yantai-zhifu': 442, 'guilin-xiufeng': 470, 'changzhou-tianning': 453, 'wuxi-liangxi': 377, 'huizhou-huicheng': 379, 'kaifeng-gulou': 277, 'zhaoqing-duanzhou': 276, 'lhasa-chengguan': 278, 'tangshan-lubei': 257, 'yanji-jiefang': 259, 'chaozhou-xiangqiao': 256, 'ganzhou-zhanggong': 245, 'datong-pingcheng': 244, 'zhuhai-xiangzhou': 226, 'wenzhou-lucheng': 240, 'jiangmen-pengjiang': 250, 'zibo-zhangdian': 249, 'yangzhou-guangling': 215, 'baotou-kundulun': 204, 'zhengzhou-erqi': 184, 'xining-chengzhong': 182, 'liuzhou-yufeng': 182, 'quanzhou-licheng': 175, 'shaoxing-yuecheng': 202, 'luoyang-laocheng': 216 };
const lines = readFileSync(file, 'utf8').split('\n');
const start = lines.findIndex((l) => l.startsWith('| stream | held |'));
let end = start + 2; while (lines[end].startsWith('|')) end++;
const rows = [];
const seen = new Set();
const row = (name, note) => {
  const s = res[name]; seen.add(name);
  return `| ${name}${note} | ${s.held}/${s.labels} | ${s.false_tickets_per_100_chatter} | ${s.reports_ok}/${s.reports} | ${s.urgent_ok}/${s.urgent} | ${s.head_acts_ok}/${s.head_acts} | ${s.chases_ok}/${s.chases} | ${s.relapses_ok}/${s.relapses} |`;
};
for (const l of lines.slice(start + 2, end)) {
  const m = /^\| ([a-z-]+)( \(first \d+\))? \|/.exec(l);
  if (m && res[m[1]]) rows.push(row(m[1], m[2] ?? ''));
}
for (const [n, f] of Object.entries(extra)) if (!seen.has(n) && res[n]) rows.push(row(n, ` (first ${f})`));
const all = Object.values(res).reduce((a, s) => { for (const k of Object.keys(s)) a[k] = (a[k] ?? 0) + s[k]; return a; }, {});
const fmt = (n) => n.toLocaleString('en-US');
rows.push(`| **all** | **${fmt(all.held)}/${fmt(all.labels)}** | ${all.false_tickets} false tickets | ${all.reports_ok}/${all.reports} | **${all.urgent_ok}/${all.urgent}** | **${all.head_acts_ok}/${all.head_acts}** | ${all.chases_ok}/${all.chases} | ${all.relapses_ok}/${all.relapses} |`);
writeFileSync(file, [...lines.slice(0, start + 2), ...rows, ...lines.slice(end)].join('\n'));
console.log(rows.length, Object.keys(res).length);
