/**
 * A learner on a lesson page: types commands and reads their output, watches the topology
 * change, uses the prose's run buttons, history and completion, interrupts an endless ping,
 * reloads and finds everything as it was.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser.ts';
import { clear, expectHealthy, focusTerminal, idle, open, output, run, screen, terminalReady, topologyText, waitForScreen } from './support/lab-page.ts';

let browser: Browser;
const base = inject('siteUrl');
const VETH = `${base}/linux-by-hand/veth-pairs/`;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('lesson lab', () => {
  it('runs typed commands and shows their output and the topology change', async () => {
    const w = await open(browser, VETH);
    const { page } = w;
    await terminalReady(page);
    expect(await screen(page)).toMatch(/^root@host:~#\s*$/m);
    // The lesson's setup made c1 with lo up.
    expect(await topologyText(page)).toContain('Namespace c1');
    const links = await output(page, 'ip -br link');
    expect(links).toMatch(/^lo\s+UNKNOWN\s/m);
    expect(links).toMatch(/^eth0\s+UP\s/m);

    await run(page, 'ip link add veth-host type veth peer name veth-c1');
    await run(page, 'ip link set veth-c1 netns c1');
    const topo = await topologyText(page);
    expect(topo).toContain('veth-host (veth) in host');
    expect(topo).toContain('veth-c1 (veth) in c1');
    expect(topo).toContain('veth pair: veth-host (host) and veth-c1 (c1)');
    // The drawing follows: a new interface box with its name as text.
    await expect.poll(() => page.locator('[data-topology] g.topo-if[data-name="veth-host"]').count()).toBe(1);
    await run(page, 'ip addr add 10.0.0.1/24 dev veth-host');
    expect(await topologyText(page)).toMatch(/veth-host \(veth\) in host; up, no carrier|veth-host \(veth\) in host; down; 10\.0\.0\.1\/24/);

    // A command the tool rejects prints its error and changes nothing.
    const bad = await output(page, 'ip link add veth-host type veth peer name other');
    expect(bad).toBe('RTNETLINK answers: File exists');
    expectHealthy(w);
    await w.context.close();
  });

  it('types commands from the prose with the run buttons', async () => {
    const w = await open(browser, VETH);
    const { page } = w;
    await terminalReady(page);
    await page.getByRole('button', { name: /^Run 2 commands in the terminal: ip link add veth-host/ }).click();
    await waitForScreen(page, 'ip link set veth-c1 netns c1');
    await idle(page);
    await expect.poll(() => topologyText(page)).toContain('veth pair: veth-host (host) and veth-c1 (c1)');
    await page.getByRole('button', { name: 'Run in the terminal', exact: true }).last().click(); // the inline <Cmd> for ping
    await waitForScreen(page, /ping 10\.0\.0\.2\s*$/m);
    await focusTerminal(page);
    await page.keyboard.press('Control+C');
    await idle(page);
    expectHealthy(w);
    await w.context.close();
  });

  it('streams an endless ping one line a second and Ctrl+C stops it', async () => {
    const w = await open(browser, VETH);
    const { page } = w;
    await terminalReady(page);
    await clear(page);
    await focusTerminal(page);
    await page.keyboard.type('ping 127.0.0.1');
    await page.keyboard.press('Enter');
    await waitForScreen(page, 'icmp_seq=1 ');
    const t1 = Date.now();
    await waitForScreen(page, 'icmp_seq=2 ');
    const gap = Date.now() - t1;
    expect(gap).toBeGreaterThan(500);
    // Paced (not dumped at once), and still streaming: a loose upper bound, the CI machine is shared.
    expect(gap).toBeLessThan(5000);
    expect(await page.locator('[data-terminal][data-busy]').count()).toBe(1);
    await page.keyboard.press('Control+C');
    await idle(page);
    const text = await waitForScreen(page, /--- 127\.0\.0\.1 ping statistics ---/);
    expect(text).toContain('^C');
    expect(text).toMatch(/\d+ packets transmitted, \d+ received, 0% packet loss/);
    expect(text.trimEnd()).toMatch(/root@host:~#$/);
    expectHealthy(w);
    await w.context.close();
  });

  it('keeps the machine across a reload, including an interrupted ping', async () => {
    const w = await open(browser, VETH);
    const { page } = w;
    await terminalReady(page);
    await run(page, 'ip link add veth-host type veth peer name veth-c1');
    await run(page, 'ip link set veth-c1 netns c1');
    await run(page, 'ip addr add 10.0.0.1/24 dev veth-host');
    await focusTerminal(page);
    await page.keyboard.type('ping 127.0.0.1');
    await page.keyboard.press('Enter');
    await waitForScreen(page, 'icmp_seq=2 ');
    await page.keyboard.press('Control+C');
    await idle(page);
    const before = await topologyText(page);
    const counters = await output(page, 'ip -s -br link show lo');

    await page.reload();
    await terminalReady(page);
    // The saved log replays once the simulator has loaded, which may be after the prompt shows.
    await expect.poll(() => page.locator('[data-lab-status]').textContent()).toContain('Restored 5 commands');
    await expect.poll(() => topologyText(page)).toBe(before);
    await expect.poll(() => screen(page)).toContain('ip addr add 10.0.0.1/24 dev veth-host');
    expect(await output(page, 'ip -br addr show veth-host')).toMatch(/^veth-host@if\d+\s+DOWN\s+10\.0\.0\.1\/24/);
    // The ping that was interrupted is replayed to the same point: the counters agree.
    expect(await output(page, 'ip -s -br link show lo')).toBe(counters);
    // History survives too: Up brings back the last line.
    await focusTerminal(page);
    await page.keyboard.press('ArrowUp');
    await waitForScreen(page, /root@host:~# ip -s -br link show lo\s*$/m);
    await page.keyboard.press('Control+U');

    // Reset goes back to the lesson's start.
    await page.getByRole('button', { name: 'Reset' }).click();
    await expect.poll(() => topologyText(page)).not.toContain('veth-host');
    expect(await topologyText(page)).toContain('Namespace c1');
    await page.reload();
    await terminalReady(page);
    expect(await topologyText(page)).not.toContain('veth-host');
    expectHealthy(w);
    await w.context.close();
  });

  it('takes typing before the terminal script has loaded and hands it to the terminal', async () => {
    // Hold xterm's script back (a slow network), so the page shows only the built-in prompt.
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await context.route(/\/Terminal\.astro[^/]*\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    void page.goto(VETH).catch(() => {});
    const early = page.getByRole('textbox', { name: 'Command line' });
    await early.waitFor();
    expect(await page.locator('[data-term-early-prompt]').innerText()).toBe('root@host:~# ');
    await early.click();
    await page.keyboard.type('ip link add veth-host type veth peer name veth-c1');
    await page.keyboard.press('Enter');
    // Entered lines are echoed under the prompt as text, never as markup.
    await page.keyboard.type("ip -br link show '<b>x'");
    await page.keyboard.press('Enter');
    await page.keyboard.type('ip -br link show veth-host');
    await page.keyboard.press('Home');
    expect(await page.locator('[data-term-early-lines]').innerText()).toContain("root@host:~# ip -br link show '<b>x'");
    expect(await page.locator('[data-term-early-lines] b').count()).toBe(0);
    expect(await page.locator('[data-terminal]').getAttribute('data-ready')).toBeNull();

    release();
    await terminalReady(page);
    // Both entered lines ran in order; the unfinished one waits on the line, with the focus.
    await waitForScreen(page, 'Device "<b>x" does not exist.');
    await idle(page);
    expect(await page.locator('[data-term-early]').count()).toBe(0);
    await expect.poll(() => screen(page)).toMatch(/root@host:~# ip -br link show veth-host\s*$/);
    expect(await page.evaluate(() => document.activeElement?.classList.contains('xterm-helper-textarea'))).toBe(true);
    await page.keyboard.press('Enter');
    await waitForScreen(page, /^veth-host@veth-c1\s+DOWN/m);
    await expect.poll(() => topologyText(page)).toContain('veth-host (veth) in host; down; no address; peer veth-c1 in host');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('completes with Tab and searches history with Ctrl+R', async () => {
    const w = await open(browser, VETH);
    const { page } = w;
    await terminalReady(page);
    await clear(page);
    await focusTerminal(page);
    // A file name completes in full; options are listed when several fit.
    await page.keyboard.type('cat /etc/hostn');
    await page.keyboard.press('Tab');
    await waitForScreen(page, /root@host:~# cat \/etc\/hostname\s*$/m);
    await page.keyboard.press('Enter');
    await idle(page);
    await waitForScreen(page, /^host\s*$/m);
    await page.keyboard.type('cat /etc/host');
    await page.keyboard.press('Tab');
    await waitForScreen(page, /^\/etc\/hostname\s+\/etc\/hosts\s*$/m);
    await waitForScreen(page, /root@host:~# cat \/etc\/host\s*$/m);
    await page.keyboard.press('Control+U');
    await page.keyboard.type('ip netns list');
    await page.keyboard.press('Enter');
    await idle(page);
    await waitForScreen(page, /^c1$/m);
    await page.keyboard.type('echo one');
    await page.keyboard.press('Enter');
    await idle(page);
    await page.keyboard.press('Control+R');
    await page.keyboard.type('netns');
    await waitForScreen(page, "(reverse-i-search)`netns': ip netns list");
    await page.keyboard.press('Enter');
    await idle(page);
    // xterm paints on the next animation frame: wait for the second answer to be on screen.
    await expect.poll(async () => (await screen(page)).match(/^c1$/gm)?.length).toBe(2);
    expectHealthy(w);
    await w.context.close();
  });
});
