/**
 * A function's definition as `type NAME` prints it: bash regenerates the text from the
 * parsed body, one command a line, indented four spaces, `;` after each but the last.
 * Bodies this printer cannot regenerate faithfully (nested compound commands, a body that
 * is not a brace group) print the `NAME () ` header line only.
 */
import type { AndOr, Command, Pipeline } from './parse/ast.ts';
import type { FuncDef } from './state.ts';

const redirText = (c: Extract<Command, { type: 'simple' }>) =>
  c.redirs.map((r) => `${r.fd !== (r.op.startsWith('<') ? 0 : 1) ? r.fd : ''}${r.op}${r.op.endsWith('&') ? '' : ' '}${r.target.raw}`);

function simpleText(c: Command): string | undefined {
  if (c.type !== 'simple') return undefined;
  return [...c.assigns.map((a) => `${a.name}=${a.value.raw}`), ...c.words.map((w) => w.raw), ...redirText(c)].join(' ');
}

function pipelineText(p: Pipeline): string | undefined {
  const parts = p.commands.map(simpleText);
  if (parts.some((x) => x === undefined)) return undefined;
  return (p.negate ? '! ' : '') + parts.join(' | ');
}

function andOrText(ao: AndOr): string | undefined {
  const parts = [pipelineText(ao.first), ...ao.rest.map((r) => {
    const t = pipelineText(r.pipeline);
    return t === undefined ? undefined : `${r.op} ${t}`;
  })];
  if (parts.some((x) => x === undefined)) return undefined;
  return parts.join(' ');
}

/** The lines after "NAME is a function". */
export function functionListing(fn: FuncDef): string {
  const head = `${fn.name} () \n`;
  const body = fn.body;
  if (body.type !== 'group' || body.redirs.length) return head;
  const items = body.body.items.map((it) => {
    const t = andOrText(it.andOr);
    return t === undefined ? undefined : { t, bg: it.background };
  });
  if (items.some((x) => x === undefined)) return head;
  // A background command keeps the next one on its line ("sleep 1 & echo x").
  let text = '    ';
  items.forEach((x, i) => {
    const last = i === items.length - 1;
    text += x!.t + (x!.bg ? ' &' : '') + (last ? '\n' : x!.bg ? ' ' : ';\n    ');
  });
  return `${head}{ \n${text}}\n`;
}
