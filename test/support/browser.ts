// Debian's Chromium, headless, driven by playwright-core (which downloads nothing). Suites that
// need it skip with a visible message where it is missing, except in CI (CI=true or
// GRIDBOT_REQUIRE_PG=1), where `.ci/run` installs it and a missing browser is a failure.
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';
import { describe, it } from 'vitest';

export const CHROMIUM = process.env.GRIDBOT_CHROMIUM ?? '/usr/bin/chromium';
const required = process.env.CI === 'true' || process.env.GRIDBOT_REQUIRE_PG === '1';
export const chromiumAvailable = existsSync(CHROMIUM);

/** describe() when Chromium is installed; otherwise a visible skip, or a failure in CI. */
export const describeBrowser: typeof describe = chromiumAvailable
  ? describe
  : required
    ? (((name: string) =>
        describe(String(name), () => {
          it('needs Chromium (CI)', () => {
            throw new Error(`${CHROMIUM} is missing; .ci/run installs Debian's chromium`);
          });
        })) as unknown as typeof describe)
    : (((name: string, ...rest: unknown[]) => {
        console.warn(`Skipping "${String(name)}": ${CHROMIUM} not found (apt-get install chromium)`);
        return (describe.skip as (...args: unknown[]) => unknown)(name, ...rest);
      }) as unknown as typeof describe);

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh headless Chromium with a new, empty profile that is deleted on close. */
export async function openBrowser(viewport = { width: 1100, height: 900 }): Promise<Browser> {
  const profile = await mkdtemp(join(tmpdir(), 'gridbot-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport,
    acceptDownloads: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}
