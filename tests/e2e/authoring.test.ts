/**
 * The authoring pages: the guide and the schema reference render from docs/, link to each
 * other, pass axe in both themes, the exercise JSON Schema is served, and /guide/ forwards.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from './support/browser.ts';
import { expectHealthy, open } from './support/lab-page.ts';

let browser: Browser;
const base = inject('siteUrl');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    const r = await axe.run(document);
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

describe('authoring pages', () => {
  // The guide's highlighted code is where the themes differ; the reference has none.
  for (const [path, theme] of [['/authoring/', 'light'], ['/authoring/', 'dark'], ['/authoring/reference/', 'light']] as const)
    it(`axe finds no serious or critical violation on ${path} (${theme})`, async () => {
      const ctx = await browser.newContext({ colorScheme: theme });
      const w = await open(browser, base + path, ctx);
      expect(await seriousViolations(w.page)).toEqual([]);
      expectHealthy(w);
      await ctx.close();
    });

  it('the guide links to the reference, the reference back, and the nav leads to the guide', async () => {
    const w = await open(browser, `${base}/`);
    await w.page.getByRole('navigation', { name: 'Site' }).getByRole('link', { name: 'Authoring guide' }).click();
    await w.page.waitForURL(/\/authoring\/$/);
    expect(await w.page.locator('h1').textContent()).toBe('Authoring guide');
    await w.page.locator('article').getByRole('link', { name: 'schema reference' }).first().click();
    await w.page.waitForURL(/\/authoring\/reference\/$/);
    expect(await w.page.locator('h1').textContent()).toBe('Schema reference');
    expect(await w.page.locator('h4', { hasText: 'kind: reach' }).count()).toBe(1);
    await w.page.locator('article').getByRole('link', { name: 'authoring guide' }).click();
    await w.page.waitForURL(/\/authoring\/$/);
    expectHealthy(w);
    await w.context.close();
  });

  it('serves the exercise JSON Schema, and /guide/ forwards to the guide', async () => {
    const w = await open(browser, `${base}/authoring/reference/`);
    const schema = await w.page.evaluate(async () => (await fetch('../exercise.schema.json')).json());
    expect(schema.title).toBe('Docker Network Lab exercise');
    expect(schema.required).toEqual(expect.arrayContaining(['title', 'goal', 'checks', 'hints', 'solution']));
    await w.page.goto(`${base}/guide/`);
    await w.page.waitForURL(/\/authoring\/$/);
    await w.context.close();
  });
});
