/**
 * The course site's quality bars (issue 4), measured in Debian's headless Chromium against a
 * local static server with a cold cache (a fresh browser context per run):
 *   - lesson-page JavaScript transferred before any interaction, gzip size (target < 200 KB;
 *     Monaco excluded because it loads only when the editor is opened);
 *   - time from navigation to a terminal that shows its prompt and takes input (< 1 s);
 *   - time from navigation to the answer of a first command (includes loading the simulator);
 *   - side by side, the same page after opening the editor (Monaco and its worker loaded).
 * Uses an existing `dist/` (from `npm run build`) when there is one, else builds the site
 * into the test build directory. NETLAB_BENCH_SITE=DIR measures another build.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { cpus, loadavg } from 'node:os';
import type { Browser, Page } from 'playwright-core';
import type { BenchRow } from './types.ts';
import { buildSite, ROOT, TEST_DIST } from '../e2e/support/build.ts';
import { serveStatic } from '../e2e/support/server.ts';
import { launchChromium } from '../e2e/support/browser.ts';

const LESSON = '/linux-by-hand/veth-pairs/';
const RUNS = 3;

function siteDir(): { dir: string; note: string } {
  if (process.env.NETLAB_BENCH_SITE) return { dir: process.env.NETLAB_BENCH_SITE, note: process.env.NETLAB_BENCH_SITE };
  const dist = join(ROOT, 'dist');
  if (existsSync(join(dist, 'index.html'))) return { dir: dist, note: 'dist/' };
  return { dir: buildSite(TEST_DIST, true), note: 'fresh build' };
}

/** Counts the gzip size of every script the page fetches (workers included). */
function countScripts(page: Page): { bytes: () => number; files: () => string[] } {
  const sizes = new Map<string, number>();
  page.on('response', async (res) => {
    const type = res.request().resourceType();
    const url = res.url();
    if (type !== 'script' && !/\.m?js(\?|$)/.test(url)) return;
    try {
      sizes.set(url, gzipSync(await res.body()).length);
    } catch {
      /* a response without a body (redirect) */
    }
  });
  return { bytes: () => [...sizes.values()].reduce((a, b) => a + b, 0), files: () => [...sizes.keys()] };
}

interface Sample {
  jsBefore: number;
  ready: number;
  firstOutput: number;
  jsMonaco: number;
  editorReady: number;
}

async function sample(browser: Browser, base: string): Promise<Sample> {
  const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await ctx.newPage();
  const js = countScripts(page);
  await page.goto(base + LESSON, { waitUntil: 'load' });
  await page.waitForSelector('[data-terminal][data-ready="true"]');
  const ready = await page.evaluate(() => performance.now());
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  const jsBefore = js.bytes();

  // The first command, typed as soon as the prompt is there; its answer needs the simulator.
  const t0 = await page.evaluate(() => performance.now());
  await page.locator('[data-terminal] .xterm-helper-textarea').focus();
  await page.keyboard.type('ip -br link');
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => /^eth0\s+UP/m.test((document.querySelector('[data-terminal] .xterm-rows') as HTMLElement | null)?.innerText.replace(/\u00a0/g, ' ') ?? ''));
  const firstOutput = ready + ((await page.evaluate(() => performance.now())) - t0);

  const t1 = await page.evaluate(() => performance.now());
  await page.getByRole('tab', { name: 'Editor' }).click();
  await page.waitForSelector('[data-editor][data-ready="true"] .monaco-editor');
  const editorReady = (await page.evaluate(() => performance.now())) - t1;
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
  const jsMonaco = js.bytes();
  await ctx.close();
  return { jsBefore, ready, firstOutput, jsMonaco, editorReady };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The site rows of `npm run bench`. */
export async function bench(): Promise<BenchRow[]> {
  const { dir, note } = siteDir();
  const server = await serveStatic(dir);
  const browser = await launchChromium();
  try {
    const samples: Sample[] = [];
    for (let i = 0; i < RUNS; i++) samples.push(await sample(browser, server.url));
    const m = (k: keyof Sample) => median(samples.map((s) => s[k]));
    const kb = (b: number) => Math.round((b / 1024) * 10) / 10;
    const where = `${LESSON} from ${note}, median of ${RUNS} cold loads`;
    // Timings depend on how busy the machine is; say so next to them.
    const load = `load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} CPUs`;
    return [
      { name: 'site: lesson JS before interaction (gzip)', value: kb(m('jsBefore')), unit: 'KB', target: { op: '<', value: 200 }, note: where },
      { name: 'site: terminal ready after navigation', value: m('ready'), unit: 'ms', target: { op: '<', value: 1000 }, note: `prompt shown and input taken; ${load}` },
      { name: 'site: first command answered after navigation', value: m('firstOutput'), unit: 'ms', note: `typed at once; includes loading the simulator; ${load}` },
      { name: 'site: same page with Monaco opened (gzip JS)', value: kb(m('jsMonaco')), unit: 'KB', note: `vs ${kb(m('jsBefore'))} KB before; editor chunk + worker load on demand` },
      { name: 'site: editor ready after opening it', value: m('editorReady'), unit: 'ms' },
    ];
  } catch (e) {
    return [{ name: 'site bench', value: NaN, unit: '', error: e instanceof Error ? e.message.split('\n')[0]! : String(e) }];
  } finally {
    await browser.close();
    await server.close();
  }
}
