#!/usr/bin/env node
// Checks the steps the bot took in a group-day transcript against the stream's labels, beyond what
// ../shared/nlu/groupday.mjs scores: a head's step (签收/进展/办结/重开) on a ticket other than the one
// the line names ("wrong"), and a step taken on a line labelled as chatter or a notice ("spurious").
// Usage: GROUPDAY_KEEP=/tmp/t.txt ../shared/nlu/run-groupday.sh ORG.yaml DAY.tsv; node scripts/groupday-steps.mjs /tmp/t.txt DAY.tsv
import { readFileSync } from 'node:fs';

const [transcriptPath, dayPath] = process.argv.slice(2);
if (!transcriptPath || !dayPath) {
  console.error('usage: node scripts/groupday-steps.mjs TRANSCRIPT DAY.tsv');
  process.exit(2);
}
const BOT = process.env.GRIDBOT_BOT_NAME || '网格助手';
const rows = readFileSync(dayPath, 'utf8')
  .split('\n')
  .filter((l) => l.trim() && !l.startsWith('#'))
  .map((l) => [l.slice(0, l.indexOf('\t')), l.slice(l.indexOf('\t') + 1)]);
const head = /^\[([^\]]+)\] ([^:：]+): (.*)$/;
const blocks = [];
let cur = null;
for (const line of readFileSync(transcriptPath, 'utf8').split('\n')) {
  const m = head.exec(line);
  if (m && m[2] !== BOT && !m[1].startsWith('私信')) {
    cur = [];
    blocks.push(cur);
  } else if (cur && m) cur.push(m[3]);
  else if (cur?.length) cur[cur.length - 1] += `\n${line}`;
}
const seen = new Set();
const refs = {};
const STEP = /#(\d+) (?:已由 \S+ 签收|进展（|已办结（|已办结，补记|已重开)/g;
let wrong = 0;
let spurious = 0;
rows.forEach(([label, line], i) => {
  const text = (blocks[i] ?? []).join('\n');
  const fresh = [...text.matchAll(/#(\d+)/g)].map((m) => Number(m[1])).filter((n) => !seen.has(n));
  for (const m of text.matchAll(/#(\d+)/g)) seen.add(Number(m[1]));
  const alts = label.split('|').map((a) => a.split(':'));
  // A message with several problems files several tickets: each of them is the line's.
  for (const [kind, ref] of alts) if (kind === 'new' && fresh.length && !(ref in refs)) refs[ref] = fresh;
  const acted = [...text.matchAll(STEP)].map((m) => Number(m[1]));
  if (!acted.length || alts.some(([kind]) => kind === 'any')) return;
  if (alts.every(([kind]) => kind === 'none' || kind === 'notice')) {
    spurious++;
    console.log(`spurious ${i + 1} [${label}] ${line.slice(0, 60)}`);
    return;
  }
  const meant = [
    ...new Set(alts.filter(([kind]) => kind !== 'new' && kind !== 'none').flatMap(([, ref]) => refs[ref] ?? [])),
  ];
  if (!meant.length) return; // the meant ticket was never filed: a missed report
  for (const t of acted)
    if (!meant.includes(t)) {
      wrong++;
      console.log(`wrong ${i + 1} [${label}] acted on #${t}, meant #${meant.join('/#')}: ${line.slice(0, 50)}`);
    }
});
console.log(`steps on a ticket other than the meant one: ${wrong} · steps on chatter or notices: ${spurious}`);
