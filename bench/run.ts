/**
 * `npm run bench`: every figure the project is judged by, in one run, each beside its target
 * and, where it applies, a raw-SQL baseline measured in the same run on the same machine.
 */
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';

type Figures = Record<string, number | string>;

const TARGETS: Record<string, string> = {
  'nlu.messages_per_second': '≥ 20000',
  'nlu.model_load_ms': '≤ 300',
  'nlu.heap_mb': '≤ 50',
  'intake.sqlite_intake_per_s': '≥ 1000',
  'intake.sqlite_ratio': '≥ 0.30 of raw SQL',
  'intake.pg_ratio': '≥ 0.30 of raw SQL',
  'intake.sqlite_p99_ms_at_200': '< 50',
  'intake.pg_p99_ms_at_200': '< 50',
  'intake.sqlite_intake_16_in_flight_per_s': '≥ 1500',
  'intake.pg_intake_16_in_flight_per_s': '≥ 1000',
  'intake.sqlite_16_in_flight_ratio': '≥ 0.25 of raw SQL',
  'intake.pg_16_in_flight_ratio': '≥ 0.25 of raw SQL (16 clients)',
  'intake.rss_idle_mb': '(bench process, all parts loaded)',
  'process.start_ready_ms': '≤ 1000 (database exists)',
  'process.console_rss_idle_mb': '≤ 150',
  'process.adapters_rss_idle_mb': '≤ 220',
  'digest.gridbot_digest_ms': '< 200',
  'fanout.gridbot_plan_1000_ms': '< 1000',
  'fanout.gridbot_plan_10000_ms': '< 1000',
  'web.gridbot_map_ms': '< 200',
  'web.gridbot_list_ms': '< 200',
  'web.gridbot_list_filtered_ms': '< 200',
  'web.gridbot_charts_30d_ms': '< 200',
  'web.gridbot_charts_90d_ms': '< 200',
};

async function section(name: string, file: string, fn: string): Promise<Figures> {
  if (!existsSync(new URL(file, import.meta.url))) return { [`${name}`]: 'not built yet' };
  const mod = (await import(file)) as Record<string, () => Promise<Figures>>;
  const t0 = performance.now();
  const figures = await mod[fn]();
  console.error(`${name}: done in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  return Object.fromEntries(Object.entries(figures).map(([k, v]) => [`${name}.${k}`, v]));
}

const all: Figures = {};
console.error(
  `load average before: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
Object.assign(all, await section('nlu', './nlu.ts', 'benchNlu'));
Object.assign(all, await section('intake', './intake.ts', 'benchIntake'));
Object.assign(all, await section('process', './process.ts', 'benchProcess'));
Object.assign(all, await section('digest', './digest.ts', 'benchDigest'));
Object.assign(all, await section('fanout', './fanout.ts', 'benchFanout'));
Object.assign(all, await section('wecom', './wecom.ts', 'benchWecom'));
Object.assign(all, await section('web', './web.ts', 'benchWeb'));
Object.assign(all, await section('media', './media.ts', 'benchMedia'));
console.log('figure'.padEnd(40), 'value'.padStart(12), '  target');
for (const [key, value] of Object.entries(all)) {
  console.log(key.padEnd(40), String(value).padStart(12), ` ${TARGETS[key] ?? ''}`);
}
// Benchmarks spawn processes and servers (the fakes); leave nothing running.
process.exitCode = 0;
console.error(
  `load average after: ${loadavg()
    .map((x) => x.toFixed(2))
    .join(' ')}`,
);
