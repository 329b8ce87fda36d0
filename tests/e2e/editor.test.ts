/**
 * The editor: Monaco is not loaded until the Editor tab opens; a ruleset written there is
 * applied with iptables-restore through the terminal, and survives a reload.
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser.ts';
import { expectHealthy, idle, open, output, terminalReady, waitForScreen } from './support/lab-page.ts';

let browser: Browser;
const base = inject('siteUrl');

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const RULES = ['*filter', ':INPUT ACCEPT [0:0]', ':FORWARD DROP [0:0]', ':OUTPUT ACCEPT [0:0]', '-A INPUT -p icmp -j ACCEPT', 'COMMIT', ''];

it('loads Monaco on demand and applies a ruleset with iptables-restore', async () => {
  const w = await open(browser, `${base}/packet-filtering/a-rules-file/`);
  const { page } = w;
  const scripts: string[] = [];
  page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
  await terminalReady(page);
  expect(await page.locator('.monaco-editor').count()).toBe(0);
  expect(scripts.some((u) => /editor-monaco/.test(u))).toBe(false);

  await page.getByRole('tab', { name: 'Editor' }).click();
  await page.waitForSelector('[data-editor][data-ready="true"] .monaco-editor', { timeout: 20_000 });
  expect(scripts.some((u) => /editor-monaco/.test(u))).toBe(true);

  await page.locator('.monaco-editor .view-lines').first().click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  for (const line of RULES.slice(0, -1)) {
    await page.keyboard.type(line);
    await page.keyboard.press('Enter');
  }
  // Highlighting: the iptables-save grammar gives the table line and targets their own colours.
  await expect.poll(() => page.locator('.monaco-editor .view-line span[class*="mtk"]:not(.mtk1)').count()).toBeGreaterThan(2);

  await page.getByRole('button', { name: 'Run', exact: true }).click();
  await waitForScreen(page, 'iptables-restore < /root/rules.v4');
  await idle(page);
  const rules = await output(page, 'iptables -S');
  expect(rules).toBe(['-P INPUT ACCEPT', '-P FORWARD DROP', '-P OUTPUT ACCEPT', '-A INPUT -p icmp -j ACCEPT'].join('\n'));
  expect(await output(page, 'cat /root/rules.v4')).toBe(RULES.join('\n').trimEnd());

  await page.reload();
  await terminalReady(page);
  expect(await output(page, 'iptables -S INPUT')).toBe('-P INPUT ACCEPT\n-A INPUT -p icmp -j ACCEPT');
  expectHealthy(w);
  await w.context.close();
});
