/**
 * A real `gridbot start` process, measured from outside: time from spawn to the `gridbot
 * started` log line (first start, which creates and migrates the database, and a second start
 * on the existing database), resident memory (VmRSS of /proc/PID/status) idle and after a load
 * of reports piped through the console, and idle with the WeChat and Telegram adapters enabled
 * against loopback fakes (a Wechaty puppet service with the mock puppet, a fake Bot API).
 * Run: node --import tsx bench/process.ts
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { benchOrg } from './intake.js';

const BIN = resolve(import.meta.dirname, '../bin/gridbot.mjs');
const IDLE_MS = 3000;

interface Running {
  child: ChildProcess;
  readyMs: number;
  /** CPU time (user + system) the process had used when it was ready: less sensitive to a busy machine. */
  readyCpuMs: number;
  stderr: () => string;
}

function rssMb(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024);
}

function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return Math.round(((Number(fields[11]) + Number(fields[12])) * 1000) / 100);
}

async function start(home: string, env: Record<string, string>): Promise<Running> {
  const clean: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env))
    if (v !== undefined && !/^(GRIDBOT_|DATABASE_URL$|TELEGRAM_|WECHATY_|WECOM_)/.test(k)) clean[k] = v;
  const t0 = performance.now();
  const child = spawn(process.execPath, [BIN, 'start'], {
    cwd: home,
    env: { ...clean, HOME: home, GRIDBOT_LOG_LEVEL: 'info', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let err = '';
  child.stdout!.resume();
  child.stderr!.setEncoding('utf8');
  const readyMs = await new Promise<number>((done, fail) => {
    const timer = setTimeout(() => fail(new Error(`gridbot did not start in 60 s:\n${err.slice(-2000)}`)), 60_000);
    child.stderr!.on('data', (s: string) => {
      err += s;
      if (err.includes('"gridbot started"')) {
        clearTimeout(timer);
        done(performance.now() - t0);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      fail(new Error(`gridbot exited (${code}) before it started:\n${err.slice(-2000)}`));
    });
  });
  return { child, readyMs, readyCpuMs: cpuMs(child.pid!), stderr: () => err };
}

async function stop(p: Running): Promise<void> {
  if (p.child.exitCode !== null) return;
  const exited = new Promise((done) => p.child.once('exit', done));
  p.child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 30_000))]);
  if (p.child.exitCode === null) p.child.kill('SIGKILL');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Pipes `count` reports into the console (one line each) and waits until they are answered. */
async function load(p: Running, count: number): Promise<void> {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const unit = i % 600;
    lines.push(
      `[${Math.floor(unit / 6) + 1}-${(unit % 6) + 1}群] [居民${i % 997}] ${['楼道灯坏了', '电梯卡住了', '水管漏水', '门禁坏了'][Math.floor(i / 600) % 4]}`,
    );
  }
  let seen = 0;
  const answered = new Promise<void>((done) => {
    p.child.stdout!.removeAllListeners('data');
    p.child.stdout!.setEncoding('utf8').on('data', (s: string) => {
      seen += s.split('\n').filter((l) => l.includes('居民')).length;
      if (seen >= count) done();
    });
  });
  p.child.stdin!.write(`${lines.join('\n')}\n`);
  await Promise.race([answered, sleep(120_000)]);
}

export async function benchProcess(options: { loadCount?: number } = {}): Promise<Record<string, number | string>> {
  const out: Record<string, number | string> = {};
  const home = mkdtempSync(join(tmpdir(), 'gridbot-bench-proc-'));
  const orgFile = join(home, 'org.yaml');
  writeFileSync(orgFile, benchOrg());
  const base = { DATABASE_URL: `file:${join(home, 'gridbot.db')}`, GRIDBOT_ORG_FILE: orgFile, GRIDBOT_CONSOLE: 'true' };
  try {
    const first = await start(home, base);
    out.first_start_ready_ms = Math.round(first.readyMs);
    out.first_start_ready_cpu_ms = first.readyCpuMs;
    await stop(first);
    const p = await start(home, base);
    out.start_ready_ms = Math.round(p.readyMs);
    out.start_ready_cpu_ms = p.readyCpuMs;
    await sleep(IDLE_MS);
    out.console_rss_idle_mb = rssMb(p.child.pid!);
    const count = options.loadCount ?? 2000;
    const t0 = performance.now();
    await load(p, count);
    out.console_load_messages = count;
    out.console_load_per_s = Math.round(count / ((performance.now() - t0) / 1000));
    await sleep(IDLE_MS);
    out.console_rss_after_load_mb = rssMb(p.child.pid!);
    await stop(p);

    // Both chat platforms' libraries loaded and connected, against fakes on loopback.
    const [{ FakeBotApi }, { startPuppetServer }] = await Promise.all([
      import('../test/support/fake-bot-api.js'),
      import('../test/support/puppet-server.js'),
    ]);
    const telegram = await FakeBotApi.start();
    const wechat = await startPuppetServer();
    try {
      const q = await start(home, {
        ...base,
        GRIDBOT_CONSOLE: 'false',
        GRIDBOT_TELEGRAM: 'true',
        TELEGRAM_BOT_TOKEN: '123:bench',
        TELEGRAM_API_ROOT: telegram.apiRoot,
        GRIDBOT_WECHAT: 'true',
        WECHATY_PUPPET_SERVICE_TOKEN: wechat.token,
        WECHATY_PUPPET_SERVICE_ENDPOINT: wechat.endpoint,
        GRIDBOT_WECHAT_TLS: 'false',
      });
      out.adapters_start_ready_ms = Math.round(q.readyMs);
      await sleep(IDLE_MS);
      out.adapters_rss_idle_mb = rssMb(q.child.pid!);
      await stop(q);
    } catch (e) {
      out.adapters_rss_idle_mb = `failed: ${(e as Error).message.split('\n')[0]}`;
    } finally {
      await telegram.close();
      await wechat.stop();
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(await benchProcess());
  process.exit(0);
}
