/**
 * Code on lesson pages is readable: axe's color-contrast rule finds nothing in a lesson's
 * prose, code blocks included, in the light and the dark theme. The lessons' shell blocks use
 * few token kinds, so the site's own highlighted TypeScript and YAML (the authoring guide's,
 * built with the same themes, comments and parameters included) is placed in the lesson too:
 * the two colours GitHub's themes get wrong (src/build/code-theme.mjs) are then on the page.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/browser.ts';
import { expectHealthy, open } from './support/lab-page.ts';
import { readable } from '../../src/build/code-theme.mjs';

let browser: Browser;
const base = inject('siteUrl');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const LESSON = '/linux-by-hand/forward-drop/';
/** GitHub's weak colours as the site's themes render them, and the style that carries each. */
const FIXED = {
  light: `color:${readable('#e36209', '#ffffff')}`,
  dark: `--shiki-dark:${readable('#6a737d', '#24292e')}`,
};

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** axe's color-contrast violations inside `.lesson-prose`, as "target: summary" strings. */
async function contrastViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    type Result = { violations: Array<{ nodes: Array<{ target: string[]; failureSummary?: string }> }> };
    const axe = (window as unknown as { axe: { run(ctx: unknown, opts: unknown): Promise<Result> } }).axe;
    const r = await axe.run({ include: [['.lesson-prose']] }, { runOnly: { type: 'rule', values: ['color-contrast'] } });
    return r.violations.flatMap((v) => v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`));
  });
}

/** Distinct inline styles of the code tokens in the lesson's prose, lower-cased. */
function tokenStyles(page: Page): Promise<string[]> {
  return page.evaluate(() => [...new Set([...document.querySelectorAll('.lesson-prose pre.astro-code span[style]')].map((s) => s.getAttribute('style')!.toLowerCase()))]);
}

describe('code contrast on a lesson page', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`axe finds no contrast failure in the lesson's code (${theme})`, async () => {
      const ctx = await browser.newContext({ colorScheme: theme, viewport: { width: 1280, height: 900 } });
      const w = await open(browser, base + LESSON, ctx);
      const { page } = w;
      expect(await page.evaluate(() => document.documentElement.dataset.theme ?? 'light')).toBe(theme);
      // The lesson's own code blocks, highlighted with several token colours.
      expect(await page.locator('.lesson-prose pre.astro-code').count()).toBeGreaterThan(5);
      expect((await tokenStyles(page)).length).toBeGreaterThan(3);
      expect(await contrastViolations(page)).toEqual([]);
      expectHealthy(w);
      await ctx.close();
    });

    it(`the token colours GitHub's theme gets wrong pass in a lesson too (${theme})`, async () => {
      const ctx = await browser.newContext({ colorScheme: theme, viewport: { width: 1280, height: 900 } });
      const w = await open(browser, base + LESSON, ctx);
      const { page } = w;
      const added = await page.evaluate(async (url) => {
        const doc = new DOMParser().parseFromString(await (await fetch(url)).text(), 'text/html');
        const blocks = [...doc.querySelectorAll('pre.astro-code')];
        const prose = document.querySelector('.lesson-prose')!;
        for (const b of blocks) prose.append(document.importNode(b, true));
        return blocks.length;
      }, `${base}/authoring/`);
      expect(added).toBeGreaterThan(0);
      const styles = await tokenStyles(page);
      expect(styles.some((s) => s.includes(FIXED[theme]))).toBe(true);
      expect(await contrastViolations(page)).toEqual([]);
      expectHealthy(w);
      await ctx.close();
    });
  }
});
