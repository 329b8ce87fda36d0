/**
 * The early prompt (components/Terminal.astro) takes typing before xterm's script has
 * loaded. `takeEarlyInput` removes it from the screen and returns what the learner did
 * there: the lines entered (to run, in order), the text still being edited and whether the
 * field had the keyboard focus (xterm then takes it).
 */
export interface EarlyInput {
  lines: string[];
  pending: string;
  cursor: number;
  focused: boolean;
}

function parseLines(raw: string | undefined): string[] {
  if (!raw) return [];
  try {
    const v: unknown = JSON.parse(raw);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

/** Removes the early prompt under `screen`, if any, and returns its input. */
export function takeEarlyInput(screen: HTMLElement): EarlyInput | undefined {
  const box = screen.querySelector<HTMLElement>('[data-term-early]');
  if (!box) return undefined;
  const input = box.querySelector<HTMLInputElement>('[data-term-early-input]');
  const pending = input?.value ?? '';
  const early: EarlyInput = {
    lines: parseLines(box.dataset.lines),
    pending,
    cursor: input?.selectionStart ?? pending.length,
    focused: !!input && document.activeElement === input,
  };
  box.remove();
  return early;
}
