/**
 * A new learner takes lesson one: opens the exercise, types the commands into the terminal,
 * watches the checklist fill in, completes the exercise, and finds it marked on the syllabus.
 * The commands typed are the exercise's own reference solution, read from its file.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { load } from 'js-yaml';
import type { Browser } from 'playwright-core';
import { launchChromium } from './support/browser.ts';
import { expectHealthy, open, run, terminalReady } from './support/lab-page.ts';

let browser: Browser;
const base = inject('siteUrl');
const SLUG = 'linux-by-hand/network-namespaces';
const exercise = load(readFileSync('content/01-linux-by-hand/01-network-namespaces.exercise.yaml', 'utf8')) as {
  solution: string[];
  checks: { id: string }[];
  hints: { text: string }[];
};

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('lesson one, as a new learner takes it', () => {
  it('completes the exercise by typing in the terminal', async () => {
    const w = await open(browser, `${base}/${SLUG}/`);
    const { page } = w;
    await terminalReady(page);
    await page.getByRole('tab', { name: 'Exercise' }).click();
    const panel = page.locator('[data-exercise]');
    // Until the engine has loaded, the panel's buttons are disabled rather than ignoring clicks.
    expect(await panel.getByRole('button', { name: 'Hint' }).isDisabled()).toBe(true);
    await page.waitForSelector('[data-exercise][data-ready="true"]', { timeout: 15_000 });
    await expect.poll(() => panel.locator('[data-check]').count()).toBe(exercise.checks.length);
    expect(await panel.locator('[data-ex-done]').isHidden()).toBe(true);
    // One exercise, one task: "New fault" is only for exercises with variants (the capstone).
    expect(await panel.getByRole('button', { name: 'New fault' }).count()).toBe(0);

    // A hint first, as a learner stuck at the start would ask.
    await panel.getByRole('button', { name: 'Hint' }).click();
    await expect.poll(() => panel.locator('[data-ex-hints] li').count()).toBe(1);

    for (const line of exercise.solution) await run(page, line);
    await panel.getByRole('button', { name: 'Check now' }).click();
    await expect.poll(() => panel.locator('[data-ex-done]').isVisible(), { timeout: 15_000 }).toBe(true);
    await expect.poll(() => panel.locator('[data-check][data-state="pass"]').count()).toBe(exercise.checks.length);
    expect(await panel.locator('[data-ex-score]').textContent()).toContain('100%');

    await page.goto(`${base}/`);
    await expect
      .poll(() => page.locator(`[data-progress-slug="${SLUG}"] .status`).textContent())
      .toBe('✓ Completed');
    expectHealthy(w);
  });
});
