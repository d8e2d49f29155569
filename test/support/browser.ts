/**
 * Debian's Chromium for the browser tests (issue #9): never a downloaded browser build. Flags as the
 * machine notes give them: no sandbox (root), no GPU, and nothing that reaches out to the network.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DEFAULT_CONSOLE_DIR } from '../../src/http/routes/console.js';

export const CHROMIUM = '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Where the browser tests write the screenshots of every page (issue #9: look at them). */
export const SCREENSHOTS = join(process.cwd(), 'screenshots');
export const WIDE = { width: 1280, height: 860 };
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

/** Full-page screenshots of the current page at 1280 px and at a phone's 390 px. */
export async function shootBothWidths(page: Page, name: string): Promise<void> {
  await resize(page, WIDE);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-1280.png`), fullPage: true });
  await resize(page, PHONE);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}-phone.png`), fullPage: true });
  await resize(page, WIDE);
}
