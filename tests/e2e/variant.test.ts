/**
 * The troubleshooting capstone draws a fault per learner: the lab picks one of the exercise's
 * variants on the first visit, keeps it in the browser, runs its setup, and the checklist
 * gains that variant's own check.
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser.ts';
import { expectHealthy, open, output, terminalReady } from './support/lab-page.ts';

let browser: Browser;
const base = inject('siteUrl');
const PAGE = `${base}/docker/troubleshooting/`;
const IDS = ['ip-forward-off', 'masquerade-gone', 'forward-accept-gone', 'bound-localhost', 'default-bridge-names', 'subnet-overlap', 'mtu-uplink'];

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

it('runs the variant the learner drew, and keeps it across a reload', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript(() => {
    const lab = 'docker/troubleshooting';
    if (!localStorage.getItem(`netlab:variant:${lab}`)) localStorage.setItem(`netlab:variant:${lab}`, 'ip-forward-off');
  });
  const w = await open(browser, PAGE, context);
  const { page } = w;
  await terminalReady(page);
  expect(await output(page, 'cat /proc/sys/net/ipv4/ip_forward')).toBe('0');
  await page.getByRole('tab', { name: 'Exercise' }).click();
  await page.waitForSelector('[data-exercise][data-ready="true"]', { timeout: 20_000 });
  // The variant's own check joins the list rendered at build time.
  await expect.poll(() => page.locator('[data-exercise] [data-check="fault-fixed"]').count()).toBe(1);
  await page.reload();
  await terminalReady(page);
  expect(await output(page, 'cat /proc/sys/net/ipv4/ip_forward')).toBe('0');
  expectHealthy(w);
  await context.close();
});

it('draws a variant for a new learner and remembers it', async () => {
  const w = await open(browser, PAGE);
  const { page } = w;
  await terminalReady(page);
  const drawn = await page.evaluate(() => localStorage.getItem('netlab:variant:docker/troubleshooting'));
  expect(IDS).toContain(drawn);
  expectHealthy(w);
  await w.context.close();
});
