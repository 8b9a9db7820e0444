// Real `gridbot` processes for tests: spawn `node bin/gridbot.mjs …` with a controlled
// environment (HOME in a temp dir, no inherited GRIDBOT_* / DATABASE_URL / TELEGRAM_*), wait for
// a log line, send SIGTERM or SIGKILL, and collect stderr (pino JSON lines) for assertions and
// for failure messages.
//
// Every process spawned here is remembered; call `killAll()` in afterEach/afterAll so a failed
// test never leaves one running.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const REPO = resolve(import.meta.dirname, '../..');
const BIN = join(REPO, 'bin/gridbot.mjs');

/** One parsed pino line (or `{ msg: line }` when the line was not JSON). */
export type LogLine = Record<string, any> & { msg?: string };

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class GridbotProcess {
  readonly child: ChildProcess;
  /** Everything written to stderr (the log), in order. */
  stderr = '';
  stdout = '';
  readonly logs: LogLine[] = [];
  readonly exited: Promise<Exit>;
  exit?: Exit;
  private readonly home: string;
  private partial = '';
  private waiters: Array<() => void> = [];

  constructor(
    readonly name: string,
    args: string[],
    env: Record<string, string>,
    cwd?: string,
  ) {
    this.home = mkdtempSync(join(tmpdir(), 'gridbot-home-'));
    const base: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) {
      if (v === undefined) continue;
      if (/^(GRIDBOT_|DATABASE_URL$|TELEGRAM_|WECHATY_|WECOM_)/.test(k)) continue; // only what the test gives
      base[k] = v;
    }
    this.child = spawn(process.execPath, [BIN, ...args], {
      cwd: cwd ?? this.home, // not the repo: bin/gridbot.mjs would read a developer's .env there
      env: { ...base, HOME: this.home, GRIDBOT_LOG_LEVEL: 'info', GRIDBOT_CONSOLE: 'false', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child.stdout!.setEncoding('utf8').on('data', (s: string) => (this.stdout += s));
    this.child.stderr!.setEncoding('utf8').on('data', (s: string) => this.onStderr(s));
    this.exited = new Promise<Exit>((done) => {
      this.child.once('exit', (code, signal) => {
        this.exit = { code, signal };
        this.notify();
        done(this.exit);
      });
    });
    live.add(this);
    void this.exited.then(() => {
      live.delete(this);
      rmSync(this.home, { recursive: true, force: true });
    });
  }

  get pid(): number {
    return this.child.pid!;
  }

  get running(): boolean {
    return this.exit === undefined;
  }

  /** Resolves with the first log line matching; rejects on timeout or if the process exits first. */
  waitForLog(match: string | RegExp | ((l: LogLine) => boolean), timeoutMs = 30_000): Promise<LogLine> {
    const test =
      typeof match === 'function'
        ? match
        : (l: LogLine) => (typeof match === 'string' ? l.msg === match : match.test(l.msg ?? ''));
    return this.waitUntil(() => this.logs.find(test), timeoutMs, `log ${String(match)}`);
  }

  /** Waits until `check` returns something truthy (checked on each log line and every 20 ms). */
  async waitUntil<T>(check: () => T | undefined | false | null, timeoutMs: number, what: string): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = check();
      if (found) return found;
      if (!this.running)
        throw new Error(`${this.name} exited (${JSON.stringify(this.exit)}) before ${what}\n${this.tail()}`);
      if (Date.now() > deadline) throw new Error(`${this.name}: timed out waiting for ${what}\n${this.tail()}`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, 20);
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
  }

  /** Log lines at warn level or worse (pino: 40 warn, 50 error, 60 fatal). */
  problems(minLevel = 50): LogLine[] {
    return this.logs.filter((l) => typeof l.level === 'number' && l.level >= minLevel);
  }

  /** SIGTERM, then waits for the exit (SIGKILL after `timeoutMs`, and the exit says so). */
  async terminate(timeoutMs = 30_000): Promise<Exit> {
    if (!this.running) return this.exit!;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** SIGKILL: no cleanup at all, like a power cut. */
  async kill(): Promise<Exit> {
    if (!this.running) return this.exit!;
    this.child.kill('SIGKILL');
    return this.exited;
  }

  /** The last lines of the log, for failure messages. */
  tail(lines = 40): string {
    const all = (this.stderr + this.partial).split('\n');
    return `--- ${this.name} stderr (last ${lines} lines) ---\n${all.slice(-lines).join('\n')}`;
  }

  private onStderr(chunk: string): void {
    this.stderr += chunk;
    const text = this.partial + chunk;
    const lines = text.split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.trim()) continue;
      try {
        this.logs.push(JSON.parse(line) as LogLine);
      } catch {
        this.logs.push({ msg: line });
      }
    }
    this.notify();
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((w) => w());
  }
}

const live = new Set<GridbotProcess>();

/**
 * Starts `gridbot <args>` (default `start`) with exactly `env` on top of a clean environment.
 * @example const p = startGridbot('a', { DATABASE_URL: url, GRIDBOT_TELEGRAM: 'true', … }); await p.waitForLog('gridbot started');
 */
export function startGridbot(
  name: string,
  env: Record<string, string>,
  options: { args?: string[]; cwd?: string } = {},
): GridbotProcess {
  return new GridbotProcess(name, options.args ?? ['start'], env, options.cwd);
}

/** SIGKILLs every process this module started that is still running, and waits for them. */
export async function killAll(): Promise<void> {
  await Promise.all([...live].map((p) => p.kill()));
}
