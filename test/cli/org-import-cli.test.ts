// `gridbot org import` as a user runs it: a good file imports (twice: no changes), a file with
// a mistake prints the mistake, exits non-zero and leaves the database as it was.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Sqlite from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'gridbot-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function gridbot(...args: string[]) {
  const env = {
    PATH: process.env.PATH,
    HOME: dir,
    DATABASE_URL: `file:${join(dir, 'cli.db')}`,
    GRIDBOT_LOG_LEVEL: 'silent',
  };
  return spawnSync(process.execPath, [join(root, 'bin/gridbot.mjs'), ...args], {
    cwd: dir,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  });
}

function snapshot(): string {
  const db = new Sqlite(join(dir, 'cli.db'), { readonly: true });
  const rows = ['Place', 'Person', 'Role', 'Chat', 'BoardEntry', 'SpecialHousehold'].map((t) =>
    JSON.stringify(db.prepare(`SELECT * FROM "${t}" ORDER BY id`).all()),
  );
  db.close();
  return rows.join('\n');
}

describe('gridbot org import', () => {
  it('imports, then changes nothing, then refuses a bad file without touching the database', () => {
    const demo = readFileSync(join(root, 'org/demo.yaml'), 'utf8');
    const first = gridbot('org', 'import', join(root, 'org/demo.yaml'));
    expect(first.status, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/11 places, 12 people, \d+ changes/);
    expect(gridbot('org', 'import', join(root, 'org/demo.yaml')).stdout).toMatch(/0 changes/);
    const before = snapshot();

    writeFileSync(join(dir, 'bad.yaml'), demo.replace('phone: "13800000012"', 'phone: "call me"'));
    const bad = gridbot('org', 'import', join(dir, 'bad.yaml'));
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/people\[4\] \(刘楼长\)\.phone: is not a phone number/);
    expect(snapshot()).toBe(before);

    const shown = gridbot('org', 'show');
    expect(shown.stdout).toMatch(/3栋 \[building, xingfu\/g1\/b3\] {2}负责人 陈楼长 13800000013/);
  });
});
