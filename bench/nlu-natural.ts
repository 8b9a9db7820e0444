// Our learned reader beside natural's classifiers on the same split: train on the corpus's train
// fifths, score intent accuracy (and urgent recall for ours) on the held-out fifth.
// `node --import tsx bench/nlu-natural.ts` — figures recorded in docs/decisions/0011-reader-model.md.
import natural from 'natural';
import { normalise, probabilities, splitOf, trainReader } from '../src/intents/index.js';
import { trainingData } from '../src/services/reader.js';
import { readCorpus } from '../src/store/reader-files.js';

const norm = (t: string) => normalise(t).text;
const lines = readCorpus().lines;
const train = trainingData(lines, (s) => s === 'train');
const heldout = lines.filter((l) => splitOf(l.id) === 'heldout');
const grams = (t: string) => {
  const s = `^${norm(t)}$`;
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) {
    out.push(s[i]);
    if (i + 1 < s.length) out.push(s.slice(i, i + 2));
  }
  return out;
};

function accuracy(predict: (t: string) => string): number {
  let ok = 0;
  for (const l of heldout) if (predict(l.text) === l.intent) ok++;
  return ok / heldout.length;
}

let t = performance.now();
const ours = trainReader(train, norm);
const oursTrain = performance.now() - t;
const best = (p: Record<string, number>) => Object.entries(p).reduce((a, b) => (b[1] > a[1] ? b : a))[0];
t = performance.now();
const oursAcc = accuracy((text) => best(probabilities(ours, text).intent));
const oursRead = (performance.now() - t) / heldout.length;
console.log(
  `ours: intent ${oursAcc.toFixed(3)} on ${heldout.length} held out; train ${(oursTrain / 1000).toFixed(1)} s; ${(oursRead * 1000).toFixed(0)} µs/message`,
);

t = performance.now();
const bayes = new natural.BayesClassifier();
for (const l of train) bayes.addDocument(grams(l.text), l.intent);
bayes.train();
const bayesTrain = performance.now() - t;
t = performance.now();
const bayesAcc = accuracy((text) => bayes.classify(grams(text)));
const bayesRead = (performance.now() - t) / heldout.length;
console.log(
  `natural BayesClassifier (char 1–2-grams): intent ${bayesAcc.toFixed(3)}; train ${(bayesTrain / 1000).toFixed(1)} s; ${(bayesRead * 1000).toFixed(0)} µs/message`,
);
