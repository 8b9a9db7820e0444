// Counts the group-day stream lines that fall in the faint band of docs/decisions/0017 (read as a report,
// not urgent, intent below I=0.65, category below C=0.5, no place, no thing named), by label.
// Usage: npx tsx scripts/faint-band.mts   (ALL=1 lists every line, not only those labelled new)
import { readFileSync, readdirSync } from 'node:fs';
import { createPipeline, loadModel, thingsNamed } from '../src/intents/index.js';
import { readModelFile } from '../src/store/reader-files.js';
const p = createPipeline({ model: loadModel(readModelFile()!) });
const I = Number(process.env.I ?? 0.65),
  C = Number(process.env.C ?? 0.5);
const hits: Record<string, string[]> = {};
for (const f of readdirSync('test/groupday').filter((f) => f.endsWith('.tsv'))) {
  for (const line of readFileSync(`test/groupday/${f}`, 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [label, rest] = [line.slice(0, line.indexOf('\t')), line.slice(line.indexOf('\t') + 1)];
    const text = rest.replace(/^\[[^\]]*\] \[[^\]]*\] /, '');
    const r = p.read(text, new Date());
    if (r.intent !== 'report' || r.urgent) continue;
    const loc = Object.values(r.location).some(Boolean);
    if (r.confidence.intent < I && r.confidence.category < C && !loc && !thingsNamed(r.text).length) {
      const k = label.split(':')[0].split('|')[0];
      (hits[k] ??= []).push(
        `${f.slice(0, 12)} ${label} ${text.slice(0, 50)} i=${r.confidence.intent.toFixed(2)} c=${r.confidence.category.toFixed(2)}`,
      );
    }
  }
}
for (const [k, v] of Object.entries(hits)) {
  console.log(k, v.length);
  if (k === 'new' || process.env.ALL) v.forEach((x) => console.log('   ', x));
}
