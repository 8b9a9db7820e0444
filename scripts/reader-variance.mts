// How much the reader model's own answers depend on its training shuffle, and on one more data file.
// node --import tsx scripts/reader-variance.mts ['{"name": {trainReader options, "avg": seeds}}'] [extra.jsonl]
// Prints, per setting: intent accuracy of the model alone on the blind sets and the held-out fifth,
// and how many texts (blind sets, stream lines, held-out fifth) get a different intent, urgency
// (p ≥ 0.1) or act between seed 7 and seed 8, and between seed 7 without and with the extra file.
// See docs/decisions/0011-reader-model.md ("2026-12-03f").
import { readdirSync, readFileSync } from 'node:fs';
import type { LinearModel } from '../src/intents/learned/linear.js';
import { type Labelled, probabilities, trainReader } from '../src/intents/learned/reader-model.js';
import { splitOf } from '../src/intents/learned/split.js';
import { normalise } from '../src/intents/normalise.js';
import { trainingData } from '../src/services/reader.js';
import { readCorpus } from '../src/store/reader-files.js';

const norm = (t: string) => normalise(t, undefined, { respell: false }).text;
const texts: string[] = [];
const gold: (string | null)[] = [];
const add = (text: string, intent: string | null) => {
  texts.push(norm(text));
  gold.push(intent);
};
const jsonl = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
for (const f of readdirSync('test/intents').filter((f) => f.startsWith('blind-')))
  for (const r of jsonl(`test/intents/${f}`)) add(r.text, r.intent);
const corpus = readCorpus();
for (const l of corpus.lines) if (splitOf(String(l.id)) === 'heldout') add(String(l.text), String(l.intent));
for (const f of readdirSync('test/groupday').filter((f) => f.endsWith('.tsv')))
  for (const l of readFileSync(`test/groupday/${f}`, 'utf8').split('\n'))
    if (l && !l.startsWith('#'))
      add(
        l
          .split('\t')[1]
          .replace(/^\[[^\]]*\] \[[^\]]*\] /, '')
          .replace(/^> .*? \| /, ''),
        null,
      );

const data = trainingData(corpus.lines);
const extra: Labelled[] = process.argv[3] ? jsonl(process.argv[3]) : [];
const settings: Record<string, Record<string, number>> = JSON.parse(
  process.argv[2] ?? '{"shipped": {}, "rate 0.01, 30 epochs": {"rate": 0.01, "epochs": 30}}',
);

const argmax = (r: Record<string, number>) => Object.entries(r).reduce((a, b) => (b[1] > a[1] ? b : a))[0];
/** A model trained with each seed, weights averaged (one seed: just that model). */
function trained(d: Labelled[], o: Record<string, number>, seeds: number[]): LinearModel {
  const models = seeds.map((seed) => trainReader(d, norm, { ...o, seed }));
  const [m] = models;
  for (let h = 0; h < m.heads.length; h++)
    for (const key of ['weights', 'bias'] as const) {
      const w = m.heads[h][key];
      for (let i = 0; i < w.length; i++) w[i] = models.reduce((s, x) => s + x.heads[h][key][i], 0) / models.length;
    }
  return m;
}
const answers = (m: LinearModel) =>
  texts.map((t) => {
    const p = probabilities(m, t);
    return { intent: argmax(p.intent), urgent: p.urgent >= 0.1, act: argmax(p.act) };
  });
type Answers = ReturnType<typeof answers>;
const differ = (a: Answers, b: Answers) =>
  (['intent', 'urgent', 'act'] as const).map((k) => a.filter((x, i) => x[k] !== b[i][k]).length).join(' / ');

console.log(`${texts.length} texts, ${data.length} training lines, ${extra.length} extra`);
for (const [name, { avg = 1, ...o }] of Object.entries(settings)) {
  const seeds = (from: number) => Array.from({ length: avg }, (_, i) => from + i);
  const a = answers(trained(data, o, seeds(7)));
  const b = answers(trained(data, o, seeds(7 + avg)));
  const labelled = gold.filter(Boolean).length;
  const accuracy = a.filter((x, i) => gold[i] && x.intent === gold[i]).length / labelled;
  let line = `${name}: intent accuracy ${accuracy.toFixed(4)} · seed 7 vs ${7 + avg} differ (intent / urgency / act) ${differ(a, b)}`;
  if (extra.length) line += ` · with the extra file ${differ(a, answers(trained([...data, ...extra], o, seeds(7))))}`;
  console.log(line);
}
