/**
 * Debian's Chromium for the browser tests: never a downloaded browser build. Flags as the
 * machine notes give them: no sandbox (root), no GPU, and nothing that reaches out to the network.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DEFAULT_CONSOLE_DIR } from '../../src/http/routes/console.js';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Where the browser tests write the screenshots of every page (look at them). */
export const SCREENSHOTS = join(process.cwd(), 'screenshots');
export const WIDE = { width: 1440, height: 900 };
export const PHONE = { width: 390, height: 844 };

/** Fails early, in words, when the console build or Chromium is missing; makes the screenshots folder. */
export function assertBrowserSetup(): void {
  if (!existsSync(join(DEFAULT_CONSOLE_DIR, 'index.html'))) throw new Error('web/dist is missing: run `npm run build:web` (npm test and npm ci do).');
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium (.ci/run does).`);
  mkdirSync(SCREENSHOTS, { recursive: true });
}

/** Charts follow their container through a ResizeObserver: give them a frame or two. */
export async function resize(page: Page, size: { width: number; height: number }): Promise<void> {
  await page.setViewportSize(size);
  await page.waitForTimeout(200);
}

/**
 * Full-page screenshots of the current page at 1440 px and at a phone's 390 px, in the light and
 * the dark colour scheme (the console follows the system's): `name-1440.png`, `name-phone.png`,
 * `name-1440-dark.png`, `name-phone-dark.png`.
 */
export async function shootBothWidths(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const suffix = scheme === 'dark' ? '-dark' : '';
    await resize(page, WIDE);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-1440${suffix}.png`), fullPage: true });
    await resize(page, PHONE);
    await page.screenshot({ path: join(SCREENSHOTS, `${name}-phone${suffix}.png`), fullPage: true });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await resize(page, WIDE);
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/**
 * axe-core's serious and critical violations on the current page, in the current colour scheme, as
 * "rule: target" lines (empty when none). The script goes in through the DevTools protocol, which the
 * page's content security policy does not govern (the console itself allows no inline script).
 */
export async function axeViolations(page: Page): Promise<string[]> {
  return page.evaluate(async (source) => {
    // Runs in the page; the server's TypeScript settings know no DOM, hence the plain shapes.
    type Axe = { run(context: unknown, options: object): Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: unknown[] }> }> }> };
    const scope = globalThis as unknown as { axe?: Axe; document: unknown };
    if (!scope.axe) (0, eval)(source);
    const result = await scope.axe!.run(scope.document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .flatMap((v) => v.nodes.map((node) => `${v.id}: ${JSON.stringify(node.target)}`));
  }, AXE_SOURCE);
}

/** Checks the page with axe-core in the light and the dark scheme; fails with the list of violations. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  const found: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    found.push(...(await axeViolations(page)).map((line) => `${name} (${scheme}) ${line}`));
  }
  await page.emulateMedia({ colorScheme: 'light' });
  if (found.length > 0) throw new Error(`axe-core found serious or critical problems:\n${found.join('\n')}`);
}

/** Signs a person in through the console's sign-in page, with their e-mail and password. */
export async function signInWithPassword(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}

/** Signs out through the top bar and waits for the sign-in page. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
}
