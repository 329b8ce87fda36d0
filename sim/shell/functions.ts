/**
 * Shell functions: calling one (positional parameters and `local` frames saved and
 * restored around the body), and the builtins that only make sense inside one:
 * `return` and `local`. Also `shift`, which works on whichever $1.. is current.
 */
import type { Wait } from './process.ts';
import type { FuncDef, ShellState } from './state.ts';
import { errPrefix } from './state.ts';
import { writeFd, type Io } from './io.ts';
import type { ExecEnv } from './context.ts';
import type { ShellBuiltin } from './builtins-shell/types.ts';
import { execCommand } from './exec.ts';

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * Runs function `fn` with argv[1..] as $1..; `assigns` (as in `X=1 f`) last only for the
 * call, like locals. Returns the status `return` gave or the body's last status.
 */
export function* callFunction(env: ExecEnv, sh: ShellState, fn: FuncDef, argv: string[], assigns: Map<string, string>, io: Io): Generator<Wait, number, void> {
  const savedArgs = sh.args;
  sh.args = argv.slice(1);
  const frame = new Map<string, string | undefined>();
  for (const [k, v] of assigns) {
    frame.set(k, sh.vars.get(k));
    sh.vars.set(k, v);
  }
  (sh.localFrames ??= []).push(frame);
  (sh.funcStack ??= []).push(fn.name);
  let status: number;
  try {
    status = yield* execCommand(env, sh, fn.body, io);
    if (sh.returnCtl !== undefined) status = sh.returnCtl;
  } finally {
    sh.returnCtl = undefined;
    sh.funcStack.pop();
    sh.localFrames.pop();
    for (const [k, v] of frame) {
      if (v === undefined) sh.vars.delete(k);
      else sh.vars.set(k, v);
    }
    sh.args = savedArgs;
  }
  return status;
}

/** `return [n]`: ends the running function with n (default: the last command's status). */
export const returnB: ShellBuiltin = function* ({ sh, argv, io }) {
  if (!sh.funcStack?.length) {
    writeFd(io, 2, `${errPrefix(sh)}return: can only \`return' from a function or sourced script\n`);
    return 2;
  }
  const args = argv[1] === '--' ? argv.slice(2) : argv.slice(1);
  const a = args[0];
  if (args.length > 1) {
    writeFd(io, 2, `${errPrefix(sh)}return: too many arguments\n`);
    sh.returnCtl = 1;
    // bash abandons the whole command: a -c shell or script exits with 1.
    if (sh.mode.kind !== 'interactive') sh.exitRequested = 1;
    return 1;
  }
  let code = sh.status;
  if (a !== undefined) {
    if (!/^[+-]?[0-9]+$/.test(a.trim())) {
      writeFd(io, 2, `${errPrefix(sh)}return: ${a}: numeric argument required\n`);
      code = 2;
    } else code = ((Number(a) % 256) + 256) % 256;
  }
  sh.returnCtl = code;
  return code;
};

/** `local NAME[=VALUE]...`: the old value comes back when the function returns. */
export const local: ShellBuiltin = function* ({ sh, argv, io }) {
  const frame = sh.localFrames?.[sh.localFrames.length - 1];
  if (!sh.funcStack?.length || !frame) {
    writeFd(io, 2, `${errPrefix(sh)}local: can only be used in a function\n`);
    return 1;
  }
  let status = 0;
  for (const a of argv.slice(1)) {
    if (a.startsWith('-')) continue;
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    if (!NAME_RE.test(name)) {
      writeFd(io, 2, `${errPrefix(sh)}local: \`${a}': not a valid identifier\n`);
      status = 1;
      continue;
    }
    if (!frame.has(name)) frame.set(name, sh.vars.get(name));
    if (eq >= 0) sh.vars.set(name, a.slice(eq + 1));
    else sh.vars.delete(name);
  }
  return status;
};

/** `shift [n]`: drops $1..$n; n beyond $# fails quietly (bash's shift_verbose is off). */
export const shift: ShellBuiltin = function* ({ sh, argv, io }) {
  const a = argv[1];
  if (a !== undefined && !/^[0-9]+$/.test(a)) {
    writeFd(io, 2, `${errPrefix(sh)}shift: ${a}: numeric argument required\n`);
    return 1;
  }
  const n = a === undefined ? 1 : Number(a);
  if (n > sh.args.length) return 1;
  sh.args = sh.args.slice(n);
  return 0;
};
