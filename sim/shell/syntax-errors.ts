/** Words a syntax error the way each shell does, given how it was started. */
import type { SyntaxError } from './parse/parser.ts';
import type { ShellState } from './state.ts';

/** The message lines (each ending in "\n") for a syntax error in `src`. */
export function formatSyntaxError(sh: ShellState, e: SyntaxError, src: string): string {
  const srcLine = (n: number) => src.split('\n')[n - 1] ?? '';
  if (sh.dialect === 'dash') {
    const name = sh.mode.kind === 'script' ? sh.mode.name : sh.name;
    const what =
      e.kind === 'eof-in-quote'
        ? 'Unterminated quoted string'
        : e.kind === 'eof' || e.token === 'newline'
          ? `end of file unexpected${e.expecting ? ` (expecting "${e.expecting}")` : ''}`
          : `"${e.token}" unexpected`;
    return `${name}: ${e.line}: Syntax error: ${what}\n`;
  }
  const mode = sh.mode;
  if (mode.kind === 'interactive') {
    if (e.kind === 'eof-in-quote') return `bash: unexpected EOF while looking for matching \`${e.quote}'\n`;
    if (e.kind === 'eof') return 'bash: syntax error: unexpected end of file\n';
    return `bash: syntax error near unexpected token \`${e.token}'\n`;
  }
  const where = mode.kind === 'c' ? 'bash: -c' : mode.name;
  if (e.kind === 'eof-in-quote') return `${where}: line ${e.line}: unexpected EOF while looking for matching \`${e.quote}'\n`;
  // bash -c reads its string as if it ended with a newline: end of file is one line further.
  if (e.kind === 'eof') return `${where}: line ${e.line + 1}: syntax error: unexpected end of file\n`;
  return `${where}: line ${e.line}: syntax error near unexpected token \`${e.token}'\n${where}: line ${e.line}: \`${srcLine(e.line)}'\n`;
}

/** True when an interactive shell would ask for more input (PS2) instead of failing. */
export function needsMoreInput(e: SyntaxError): boolean {
  return e.kind === 'eof' || e.kind === 'eof-in-quote';
}
