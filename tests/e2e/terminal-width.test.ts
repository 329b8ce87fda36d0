/**
 * The shell knows the terminal's width: `echo $COLUMNS` prints xterm's column count when the
 * lab opens, again after the window is resized, and in the log a reload replays. A line of exactly COLUMNS characters fits
 * one row of the screen and one more character wraps, which ties the number to the screen.
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/browser.ts';
import { expectHealthy, open, output, screen, terminalReady } from './support/lab-page.ts';

let browser: Browser;
const base = inject('siteUrl');

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** The screen rows a line of `n` zeros takes (printed by printf: the command line stays short). */
async function rowsOf(page: Page, n: number): Promise<string[]> {
  return (await output(page, `printf '%0${n}d\\n' 0`)).split('\n');
}

/** Checks that the terminal is exactly `cols` wide on screen. */
async function expectScreenWidth(page: Page, cols: number): Promise<void> {
  expect(await rowsOf(page, cols)).toEqual(['0'.repeat(cols)]);
  expect(await rowsOf(page, cols + 1)).toEqual(['0'.repeat(cols), '0']);
}

it('echo $COLUMNS prints the terminal width, on load and after a resize', async () => {
  const w = await open(browser, `${base}/sandbox/`);
  const { page } = w;
  await terminalReady(page);
  const wide = Number(await output(page, 'echo $COLUMNS'));
  expect(wide).toBeGreaterThan(40);
  await expectScreenWidth(page, wide);

  await page.setViewportSize({ width: 700, height: 900 });
  await expect.poll(async () => Number(await output(page, 'echo $COLUMNS')), { timeout: 10_000 }).toBeLessThan(wide);
  const narrow = Number(await output(page, 'echo $COLUMNS'));
  expect(narrow).toBeGreaterThan(20);
  await expectScreenWidth(page, narrow);

  // A reload replays the saved commands at the terminal's width: the restored screen reads as before.
  expect(Number(await output(page, 'echo $COLUMNS'))).toBe(narrow);
  await page.reload();
  await page.waitForSelector('[data-terminal][data-loaded="true"]', { timeout: 15_000 });
  await expect.poll(async () => {
    const lines = (await screen(page)).split('\n').map((l) => l.trim());
    const at = lines.map((l) => l.endsWith('echo $COLUMNS')).lastIndexOf(true);
    return at < 0 ? undefined : lines[at + 1];
  }).toBe(String(narrow));
  expectHealthy(w);
  await w.context.close();
});
