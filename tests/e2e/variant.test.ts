/**
 * The troubleshooting capstone draws a fault per learner: the lab picks one of the exercise's
 * variants on the first visit, keeps it in the browser, runs its setup, and the checklist
 * gains that variant's own check. "New fault" draws another one and starts the lab over,
 * asking first when the learner has typed commands.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from './support/browser.ts';
import { expectHealthy, open, output, run, screen, terminalReady } from './support/lab-page.ts';

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

const KEY = 'netlab:variant:docker/troubleshooting';
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Serious and critical axe violations in the exercise panel, as "rule: target" strings. */
async function panelViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    type Result = { violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> };
    const axe = (window as unknown as { axe: { run(ctx: unknown): Promise<Result> } }).axe;
    const r = await axe.run({ include: [['[data-exercise]']] });
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}
const LOG_KEY = 'netlab:lab:docker/troubleshooting';

/** A context whose learner drew ip-forward-off on their first visit. */
async function ipForwardLearner(): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  await context.addInitScript((key) => {
    if (!localStorage.getItem(key)) localStorage.setItem(key, 'ip-forward-off');
  }, KEY);
  return context;
}

/** Opens the Exercise tab and waits for its engine. */
async function exercisePanel(page: Page) {
  await page.getByRole('tab', { name: 'Exercise' }).click();
  await page.waitForSelector('[data-exercise][data-ready="true"]', { timeout: 20_000 });
  return page.locator('[data-exercise]');
}

const faultLabel = (page: Page) => page.locator('[data-exercise] [data-check="fault-fixed"] .ex-label').textContent();

it('"New fault" with nothing typed draws another fault at once, and a reload keeps it', async () => {
  const w = await open(browser, PAGE, await ipForwardLearner());
  const { page } = w;
  await terminalReady(page);
  const panel = await exercisePanel(page);
  expect(await faultLabel(page)).toBe('the host forwards IPv4 again');
  const button = panel.getByRole('button', { name: 'New fault' });
  // Keyboard only: focus the control and press Enter.
  await button.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => page.evaluate((k) => localStorage.getItem(k), KEY)).not.toBe('ip-forward-off');
  const drawn = await page.evaluate((k) => localStorage.getItem(k), KEY);
  expect(IDS).toContain(drawn);
  // The checklist follows: one fault check, the new variant's.
  await expect.poll(() => faultLabel(page)).not.toBe('the host forwards IPv4 again');
  expect(await panel.locator('[data-check="fault-fixed"]').count()).toBe(1);
  expect(await panel.locator('[data-ex-redraw-status]').textContent()).toContain('new fault');
  // Keyboard focus stays on the control, and the panel with its new parts passes axe.
  expect(await page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.exRedraw)).toBe('');
  expect(await panelViolations(page)).toEqual([]);
  // No other variant switches forwarding off: the lab runs the new fault's start, not the old one's.
  expect(await output(page, 'cat /proc/sys/net/ipv4/ip_forward')).toBe('1');
  await page.reload();
  await terminalReady(page);
  expect(await page.evaluate((k) => localStorage.getItem(k), KEY)).toBe(drawn);
  expect(await output(page, 'cat /proc/sys/net/ipv4/ip_forward')).toBe('1');
  await exercisePanel(page);
  expect(await faultLabel(page)).not.toBe('the host forwards IPv4 again');
  // Nothing asked: there was no typed work to lose.
  expectHealthy(w);
  await w.context.close();
});

it('asks first when commands were typed: declining keeps everything (Reset keeps the fault too), accepting starts over', async () => {
  const context = await ipForwardLearner();
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  let answer = false;
  const asked: string[] = [];
  page.on('dialog', (d) => {
    asked.push(d.message());
    void (answer ? d.accept() : d.dismiss());
  });
  await page.goto(PAGE);
  await terminalReady(page);
  await run(page, 'echo typed-before-new-fault');
  const panel = await exercisePanel(page);
  const button = panel.getByRole('button', { name: 'New fault' });

  await button.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => asked.length).toBe(1);
  expect(asked[0]).toMatch(/new fault/i);
  // Declined: same fault, same machine, the typed command still logged and on screen.
  expect(await page.evaluate((k) => localStorage.getItem(k), KEY)).toBe('ip-forward-off');
  expect(await page.evaluate((k) => localStorage.getItem(k), LOG_KEY)).toContain('typed-before-new-fault');
  expect(await screen(page)).toContain('typed-before-new-fault');
  // Reset, unlike New fault, keeps the fault: forwarding is off again after the learner's fix.
  await run(page, 'sysctl -w net.ipv4.ip_forward=1');
  await page.getByRole('button', { name: 'Reset' }).click();
  expect(await output(page, 'cat /proc/sys/net/ipv4/ip_forward')).toBe('0');
  expect(await page.evaluate((k) => localStorage.getItem(k), KEY)).toBe('ip-forward-off');
  await run(page, 'echo typed-before-new-fault');

  answer = true;
  await button.focus();
  await page.keyboard.press('Enter');
  await expect.poll(() => asked.length).toBe(2);
  await expect.poll(() => page.evaluate((k) => localStorage.getItem(k), KEY)).not.toBe('ip-forward-off');
  // Started over: the log is empty and the terminal shows a fresh prompt.
  await expect.poll(() => page.evaluate((k) => localStorage.getItem(k) ?? '', LOG_KEY)).not.toContain('typed-before-new-fault');
  await expect.poll(() => screen(page)).not.toContain('typed-before-new-fault');
  expect(await output(page, 'cat /proc/sys/net/ipv4/ip_forward')).toBe('1');
  expect(errors).toEqual([]);
  await context.close();
});
