/**
 * Accessibility audits with axe-core: open a page in a light or dark colour scheme, let the
 * test bring it into the state to audit, and list the serious and critical violations.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { expectHealthy, open } from './lab-page.ts';

const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Serious and critical axe violations on the page, as "rule: target, target" strings. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ content: AXE });
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document): Promise<{ violations: Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }> }> } }).axe;
    const r = await axe.run(document);
    return r.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/**
 * Opens `url` in a fresh context with the `theme` colour scheme, runs `prepare` (content that
 * only exists after interaction), audits it, checks the page stayed healthy (no console errors
 * or dialogs) and closes the context. Returns the serious and critical violations.
 */
export async function auditInTheme(browser: Browser, url: string, theme: 'light' | 'dark', prepare?: (page: Page) => Promise<void>): Promise<string[]> {
  const ctx = await browser.newContext({ colorScheme: theme });
  try {
    const w = await open(browser, url, ctx);
    if (prepare) await prepare(w.page);
    const violations = await seriousViolations(w.page);
    expectHealthy(w);
    return violations;
  } finally {
    await ctx.close();
  }
}
