/** The figures of ../shared/nlu/score.mjs, recomputed in-process for the tests. */
import { readFileSync } from 'node:fs';
import { type Pipeline, specCommand } from '../../src/intents/index.js';

export interface Gold {
  id: string;
  text: string;
  intent: string;
  category: string | string[] | null;
  urgent: boolean;
  location: { building: string | null; unit: string | null; room: string | null };
  command: string | null;
  ticket: number | null;
}

export function readGold(path: string): Gold[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Gold);
}

const norm = (v: unknown) => (v === undefined || v === null || v === '' ? null : String(v));
const KEYS = ['building', 'unit', 'room'] as const;

/** Same definitions as score.mjs: intent accuracy, category macro-F1, urgent P/R, location, commands. */
export function score(gold: Gold[], pipeline: Pipeline, ref: Date) {
  let intentOk = 0,
    locTotal = 0,
    locOk = 0,
    noLoc = 0,
    invented = 0,
    cmdTotal = 0,
    cmdOk = 0,
    tp = 0,
    fp = 0,
    fn = 0;
  const cat = new Map<string, { tp: number; fp: number; fn: number }>();
  const bump = (l: string, f: 'tp' | 'fp' | 'fn') => {
    if (!cat.has(l)) cat.set(l, { tp: 0, fp: 0, fn: 0 });
    cat.get(l)![f]++;
  };
  const errors: string[] = [];
  for (const g of gold) {
    const p = pipeline.read(g.text, ref);
    if (p.intent === g.intent) intentOk++;
    else errors.push(`${g.id} ${g.text}: intent ${p.intent}`);
    if (g.intent === 'report') {
      const ok = Array.isArray(g.category) ? g.category : [g.category];
      if (p.category && ok.includes(p.category)) bump(p.category, 'tp');
      else {
        bump(String(ok[0]), 'fn');
        if (p.category) bump(p.category, 'fp');
      }
    } else if (p.intent === 'report' && p.category) bump(p.category, 'fp');
    if (g.urgent && p.urgent) tp++;
    else if (g.urgent) fn++;
    else if (p.urgent) fp++;
    if (KEYS.some((k) => norm(g.location?.[k]) !== null)) {
      locTotal++;
      if (KEYS.every((k) => norm(g.location?.[k]) === norm(p.location?.[k]))) locOk++;
    } else {
      noLoc++;
      if (KEYS.some((k) => norm(p.location?.[k]) !== null)) invented++;
    }
    if (g.intent === 'command') {
      cmdTotal++;
      if (specCommand(p.command) === g.command && norm(p.ticket) === norm(g.ticket)) cmdOk++;
    }
  }
  const f1s = [...cat.values()]
    .filter((c) => c.tp + c.fn > 0)
    .map((c) => {
      const pr = c.tp + c.fp ? c.tp / (c.tp + c.fp) : 0;
      const rc = c.tp / (c.tp + c.fn);
      return pr + rc ? (2 * pr * rc) / (pr + rc) : 0;
    });
  return {
    intent: intentOk / gold.length,
    categoryF1: f1s.reduce((s, x) => s + x, 0) / (f1s.length || 1),
    urgentRecall: tp / (tp + fn || 1),
    urgentPrecision: tp / (tp + fp || 1),
    location: locOk / (locTotal || 1),
    invented: invented / (noLoc || 1),
    command: cmdOk / (cmdTotal || 1),
    errors,
  };
}
