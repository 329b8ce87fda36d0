/**
 * Driving the lab the way a learner does: keyboard input into the terminal, reading the
 * terminal's text from the DOM (what a screen reader gets), and page health (console errors,
 * uncaught exceptions, dialogs a script injection would open).
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';

/** A page plus what went wrong on it. */
export interface Watched {
  page: Page;
  context: BrowserContext;
  /** Console errors and uncaught exceptions, in order. */
  errors: string[];
  /** Any alert/confirm/prompt opened (an injected script would). */
  dialogs: string[];
}

/** Opens `url` in a fresh context (cold cache, empty storage unless `context` is given). */
export async function open(browser: Browser, url: string, context?: BrowserContext): Promise<Watched> {
  const ctx = context ?? (await browser.newContext({ viewport: { width: 1280, height: 900 } }));
  const page = await ctx.newPage();
  const errors: string[] = [];
  const dialogs: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.goto(url);
  return { page, context: ctx, errors, dialogs };
}

/** Waits until the page's terminal shows its prompt and takes input. */
export async function terminalReady(page: Page): Promise<void> {
  await page.waitForSelector('[data-terminal][data-ready="true"]', { timeout: 15_000 });
}

/** Text on the terminal's screen, row by row (from xterm's DOM renderer). */
export async function screen(page: Page): Promise<string> {
  return (await page.locator('[data-terminal] .xterm-rows').first().innerText()).replace(/\u00a0/g, ' ');
}

/** Waits until the terminal's screen matches `pattern`; returns the screen. */
export async function waitForScreen(page: Page, pattern: RegExp | string, timeout = 10_000): Promise<string> {
  const deadline = Date.now() + timeout;
  let last = '';
  while (Date.now() < deadline) {
    last = await screen(page);
    if (typeof pattern === 'string' ? last.includes(pattern) : pattern.test(last)) return last;
    await page.waitForTimeout(50);
  }
  throw new Error(`terminal never showed ${pattern}; screen was:\n${last}`);
}

/** Waits for the running command to end (the prompt is back). */
export async function idle(page: Page, timeout = 15_000): Promise<void> {
  await page.waitForSelector('[data-terminal]:not([data-busy])', { timeout });
}

/** Focuses the terminal. */
export async function focusTerminal(page: Page): Promise<void> {
  await page.locator('[data-terminal] .xterm-helper-textarea').first().focus();
}

/** A prompt line: bash's on the host or in a namespace, busybox sh's in a container. */
const PROMPT = /^(root@[^:]+:.*[#$]|\/ #|[\w.-]+:[^ ]* ?[#$])\s*$/;

/** The screen's lines from the last occurrence of `line` at a prompt, trimmed. */
function after(text: string, line: string): string[] | undefined {
  const lines = text.split('\n').map((l) => l.trimEnd());
  let start = -1;
  for (let i = lines.length - 1; i >= 0; i--) {
    if (lines[i]!.endsWith(line)) {
      start = i;
      break;
    }
  }
  return start < 0 ? undefined : lines.slice(start + 1);
}

/**
 * Types a command line into the terminal, presses Enter and waits for it to finish: the
 * terminal is no longer busy and its screen (xterm renders on the next animation frame) shows
 * the prompt again after the line.
 */
export async function run(page: Page, line: string, timeout = 15_000): Promise<void> {
  await focusTerminal(page);
  const runs = Number((await page.locator('[data-terminal]').first().getAttribute('data-runs')) ?? 0);
  await page.keyboard.type(line);
  await page.keyboard.press('Enter');
  await idle(page, timeout);
  if (line.trim()) {
    await page.waitForFunction(
      (n) => Number(document.querySelector<HTMLElement>('[data-terminal]')?.dataset.runs ?? 0) > n,
      runs,
      { timeout },
    );
  }
  const deadline = Date.now() + timeout;
  for (;;) {
    const rest = after(await screen(page), line);
    if (!rest || rest.some((l) => PROMPT.test(l))) return;
    if (Date.now() > deadline) throw new Error(`no prompt after ${line}`);
    await page.waitForTimeout(25);
  }
}

/** Clears the screen (Ctrl+L) so the next output is all that is shown. */
export async function clear(page: Page): Promise<void> {
  await focusTerminal(page);
  await page.keyboard.press('Control+L');
}

/** Runs a line on a cleared screen and returns what it printed (without the prompts). */
export async function output(page: Page, line: string): Promise<string> {
  await clear(page);
  await run(page, line);
  const body = after(await screen(page), line) ?? [];
  const end = body.findIndex((l) => PROMPT.test(l));
  return body.slice(0, end < 0 ? undefined : end).join('\n').trimEnd();
}

/** The topology's text version. */
export async function topologyText(page: Page): Promise<string> {
  return (await page.locator('[data-topology-text]').first().textContent()) ?? '';
}

/** Asserts the page logged no error, threw nothing and opened no dialog. */
export function expectHealthy(w: Watched): void {
  expect(w.errors).toEqual([]);
  expect(w.dialogs).toEqual([]);
}
