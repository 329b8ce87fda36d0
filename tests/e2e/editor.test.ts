/**
 * The editor, on the lesson that uses it (lesson 7, FORWARD policy DROP): Monaco is not loaded
 * until the Editor tab opens; a ruleset written there is applied with iptables-restore through
 * the terminal, changes what the kernel forwards, and survives a reload.
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

const RULES = [
  '*filter',
  ':INPUT ACCEPT [0:0]',
  ':FORWARD DROP [0:0]',
  ':OUTPUT ACCEPT [0:0]',
  '-A FORWARD -o br0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT',
  '-A FORWARD -i br0 ! -o br0 -j ACCEPT',
  '-A FORWARD -i br0 -o br0 -j ACCEPT',
  'COMMIT',
  '',
];
const RULE_LINES = RULES.filter((l) => l.startsWith('-A FORWARD'));
const FORWARD = ['-P FORWARD DROP', ...RULE_LINES].join('\n');

// A generous limit: the lesson replays a 33-line setup on every load, and the test types about
// 300 characters into Monaco key by key; on a busy machine that outlasts the default minute.
it('loads Monaco on demand and applies a ruleset with iptables-restore', async () => {
  const w = await open(browser, `${base}/linux-by-hand/forward-drop/`);
  const { page } = w;
  const scripts: string[] = [];
  page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
  await terminalReady(page);
  expect(await page.locator('.monaco-editor').count()).toBe(0);
  // The lesson starts with the policy at DROP and no rules: c1 cannot reach the web server.
  expect(await output(page, 'iptables -S FORWARD')).toBe('-P FORWARD DROP');
  expect(await output(page, 'ip netns exec c1 nc -z -w 2 203.0.113.80 80; echo $?')).toBe('1');
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
  expect(await output(page, 'iptables -S')).toBe(['-P INPUT ACCEPT', '-P FORWARD DROP', '-P OUTPUT ACCEPT', ...RULE_LINES].join('\n'));
  expect(await output(page, 'cat /root/rules.v4')).toBe(RULES.join('\n').trimEnd());
  // The loaded ruleset is live: c1's connection and its replies are forwarded now.
  expect(await output(page, 'ip netns exec c1 nc -z -w 2 203.0.113.80 80; echo $?')).toBe('0');

  await page.reload();
  await terminalReady(page);
  expect(await output(page, 'iptables -S FORWARD')).toBe(FORWARD);
  expectHealthy(w);
  await w.context.close();
}, 180_000);
