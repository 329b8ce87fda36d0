/**
 * "Run" buttons for commands in the prose: inline `<Cmd>` commands, and every shell code
 * block (```sh) of a lesson, which gets a button that types its lines into the terminal.
 */
import { lab as labHandle } from '../../src/lab/labs.ts';

function defaultLab(): string | undefined {
  return document.querySelector<HTMLElement>('[data-lab-config]')?.dataset.lab;
}

/** Command lines of a code block: comments, blank lines and "$ " prompts are left out. */
export function commandLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim().replace(/^\$\s+/, ''))
    .filter((l) => l && !l.startsWith('#'));
}

async function typeLines(lab: string | undefined, lines: string[]): Promise<void> {
  const id = lab ?? defaultLab();
  if (!id || lines.length === 0) return;
  const session = await labHandle(id).session();
  for (const line of lines) session.type(line);
}

for (const cmd of document.querySelectorAll<HTMLElement>('[data-cmd]')) {
  const button = cmd.querySelector<HTMLButtonElement>('[data-run-cmd]');
  const text = cmd.querySelector('code')?.textContent ?? '';
  button?.addEventListener('click', () => void typeLines(cmd.dataset.lab, commandLines(text)));
}

if (defaultLab()) {
  for (const pre of document.querySelectorAll<HTMLPreElement>('[data-prose] pre[data-language="sh"], [data-prose] pre[data-language="bash"], [data-prose] pre[data-language="shell"]')) {
    if (pre.nextElementSibling?.classList.contains('code-run')) continue;
    const lines = commandLines(pre.textContent ?? '');
    if (lines.length === 0) continue;
    const bar = document.createElement('div');
    bar.className = 'code-run';
    const button = document.createElement('button');
    button.type = 'button';
    const label = lines.length === 1 ? 'Run' : `Run ${lines.length} commands`;
    button.textContent = label;
    // The accessible name starts with the visible label (WCAG 2.5.3), then says what runs.
    button.setAttribute('aria-label', `${label} in the terminal: ${lines.join('; ')}`);
    button.addEventListener('click', () => void typeLines(undefined, lines));
    bar.append(button);
    pre.after(bar);
  }
}
