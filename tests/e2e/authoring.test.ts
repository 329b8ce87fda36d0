/**
 * The authoring pages: the guide and the schema reference render from docs/, link to each
 * other, pass axe in both themes, the exercise JSON Schema is served, and /guide/ forwards.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { auditInTheme } from './support/axe.ts';
import { launchChromium } from './support/browser.ts';
import { expectHealthy, open } from './support/lab-page.ts';

let browser: Browser;
const base = inject('siteUrl');

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('authoring pages', () => {
  // The guide's highlighted code is where the themes differ; the reference has none.
  for (const [path, theme] of [['/authoring/', 'light'], ['/authoring/', 'dark'], ['/authoring/reference/', 'light']] as const)
    it(`axe finds no serious or critical violation on ${path} (${theme})`, async () => {
      expect(await auditInTheme(browser, base + path, theme)).toEqual([]);
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
