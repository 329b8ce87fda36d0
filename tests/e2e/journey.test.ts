/**
 * The Journey tab in Chromium: its code loads only when the tab opens; after a ping, a
 * learner steps through the request's journey with the keyboard and hears each step (the
 * aria-live region), sees the current hook outlined on the netfilter diagram and the packet
 * on the topology; names typed by the learner are shown as text.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/browser.ts';
import { expectHealthy, open, run, terminalReady } from './support/lab-page.ts';

let browser: Browser;
const base = inject('siteUrl');
const SANDBOX = `${base}/sandbox/`;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** Scripts the page has fetched whose name says journey. */
const journeyScripts = (page: Page) =>
  page.evaluate(() => performance.getEntriesByType('resource').filter((e) => /\/journey[.-][^/]*\.js$/.test(e.name)).length);

const current = (page: Page) => page.locator('[data-journey-current]').first().textContent();

/** Opens the Journey tab from the keyboard (ARIA tabs: arrows move and select). */
async function openJourneyTab(page: Page): Promise<void> {
  await page.getByRole('tab', { name: 'Topology' }).first().focus();
  for (let i = 0; i < 4; i++) {
    if ((await page.getByRole('tab', { name: 'Journey' }).first().getAttribute('aria-selected')) === 'true') break;
    await page.keyboard.press('ArrowRight');
  }
  await expect.poll(() => page.getByRole('tab', { name: 'Journey' }).first().getAttribute('aria-selected')).toBe('true');
  await page.waitForSelector('[data-journey][data-journey-ready="true"]', { timeout: 15_000 });
}

describe('Journey view', () => {
  it('steps through a ping request with the keyboard: step text, highlighted hook, packet on the topology', async () => {
    const w = await open(browser, SANDBOX);
    const { page } = w;
    await terminalReady(page);
    await run(page, 'ping -c 1 192.0.2.50');
    // Nothing of the journey view is fetched before its tab opens.
    expect(await journeyScripts(page)).toBe(0);
    await openJourneyTab(page);
    expect(await journeyScripts(page)).toBe(1);

    const picked = page.locator('[data-journey-pick] option:checked').first();
    await expect.poll(() => picked.textContent()).toMatch(/^\d+ request: ICMP 192\.0\.2\.10 > 192\.0\.2\.50 echo request id \d+ seq 1 ttl 64 → delivered$/);
    expect(await page.locator('[data-journey-current]').first().getAttribute('aria-live')).toBe('polite');
    expect(await current(page)).toBe('Step 1. host eth0: routing output: unicast dev eth0');
    expect(await page.locator('[data-journey-count]').first().textContent()).toMatch(/^1 of \d+$/);

    // Step forward with the keyboard: Enter, then Space, on the focused button.
    await page.getByRole('button', { name: 'Step forward' }).first().focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => current(page)).toBe('Step 2. host eth0: OUTPUT hook (out eth0)');
    expect(await page.locator('.jh-hook.current').first().getAttribute('data-hook')).toBe('OUTPUT');
    await page.keyboard.press('Space');
    await expect.poll(() => current(page)).toBe('Step 3. host eth0: POSTROUTING hook (out eth0)');
    expect(await page.locator('.jh-hook.current').first().getAttribute('data-hook')).toBe('POSTROUTING');
    expect(await page.locator('.jh-hook[data-hook="OUTPUT"]').first().getAttribute('class')).toContain('passed');
    expect(await page.locator('.jh-hook.passed').count()).toBe(2);
    // The list marks the same step; the topology outlines host's eth0 with the packet on it.
    expect(await page.locator('[data-journey-steps] li[aria-current="step"]').first().textContent()).toBe('host eth0: POSTROUTING hook (out eth0)');
    expect(await page.locator('g.jt-if.current').first().getAttribute('data-iface')).toBe('host eth0');

    // Back again, then on to the end: delivered in the outside world, no hook current there.
    await page.getByRole('button', { name: 'Step back' }).first().focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => current(page)).toBe('Step 2. host eth0: OUTPUT hook (out eth0)');
    await page.getByRole('button', { name: 'Step forward' }).first().focus();
    for (let i = 0; i < 40 && !(await page.getByRole('button', { name: 'Step forward' }).first().isDisabled()); i++) await page.keyboard.press('Enter');
    await expect.poll(() => current(page)).toMatch(/^Step \d+\. outside world: through lan, client; in client: delivered ICMP echo responder$/);
    expect(await page.locator('g.jt-ns.current').first().getAttribute('data-ns')).toBe('outside');
    expect(await page.locator('[data-journey-outcome]').first().textContent()).toBe('Result: delivered in client: ICMP echo responder');

    // The reply is in the picker too, and can be chosen.
    const reply = await page.locator('[data-journey-pick] option', { hasText: / reply: ICMP 192\.0\.2\.50 > 192\.0\.2\.10 echo reply/ }).first().getAttribute('value');
    await page.locator('[data-journey-pick]').first().selectOption(reply!);
    await expect.poll(() => current(page)).toMatch(/^Step 1\. outside world: through client, lan$/);
    expectHealthy(w);
    await w.context.close();
  });

  it('shows a packet dropped by a FORWARD rule where it died, and names from the learner as text', async () => {
    const w = await open(browser, SANDBOX);
    const { page } = w;
    await terminalReady(page);
    await run(page, 'ip netns add n1');
    await run(page, "ip link add '<b>v' type veth peer name eth0 netns n1");
    await run(page, "ip addr add 10.9.0.1/24 dev '<b>v'");
    await run(page, "ip link set '<b>v' up");
    await run(page, 'ip -n n1 addr add 10.9.0.2/24 dev eth0');
    await run(page, 'ip -n n1 link set eth0 up');
    await run(page, 'ip -n n1 route add default via 10.9.0.1');
    await run(page, 'sysctl -w net.ipv4.ip_forward=1');
    await run(page, 'iptables -A FORWARD -s 10.9.0.2 -j DROP');
    await run(page, 'ip netns exec n1 ping -c 1 -W 1 192.0.2.50');
    await openJourneyTab(page);
    await expect.poll(() => page.locator('[data-journey-pick] option:checked').first().textContent()).toMatch(/request: ICMP 10\.9\.0\.2 > 192\.0\.2\.50 .* → dropped$/);
    expect(await page.locator('[data-journey-outcome]').first().textContent()).toBe('Result: dropped in host at FORWARD by filter FORWARD rule 1: -A FORWARD -s 10.9.0.2/32 -j DROP');
    // The list's last step is the drop; choosing it lights FORWARD as the hook where it died.
    await page.locator('[data-journey-steps] li button').last().click();
    await expect.poll(() => current(page)).toMatch(/^Step \d+\. host: DROPPED in FORWARD: dropped by filter FORWARD$/);
    expect(await page.locator('.jh-hook.dropped').first().getAttribute('data-hook')).toBe('FORWARD');
    expect(await page.locator('[data-journey-rule]').first().textContent()).toBe('Matched filter FORWARD rule 1: -A FORWARD -s 10.9.0.2/32 -j DROP → DROP');
    // The learner's device name is drawn literally, never parsed as markup.
    expect(await page.locator('[data-journey] b').count()).toBe(0);
    expect(await page.locator('g.jt-if[data-iface="host <b>v"] text').first().textContent()).toBe('<b>v');
    await expect.poll(() => page.locator('[data-journey-steps]').first().textContent()).toContain('host <b>v: <b>v receives');
    expectHealthy(w);
    await w.context.close();
  });
});
