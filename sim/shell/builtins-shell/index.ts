/**
 * The builtins that live in the shell itself. Builtins that also exist as programs
 * (echo, printf, true, false, test, [) are registry modules run with the shell's flavour:
 * see SHELL_FLAVOURED and context.builtinShell().
 */
import type { ShellBuiltin } from './types.ts';
import { cd, colon, exit, exportB, history, loopControl, pwd, source, unset } from './basic.ts';
import { jobs, kill, wait } from './jobs.ts';
import { help, type } from './help.ts';
import { local, returnB, shift } from '../functions.ts';
import { read } from './read.ts';

export type { ShellBuiltin, BuiltinCall } from './types.ts';
export { reapJobs, promptNotices } from './jobs.ts';

/** Builtins that are registry programs run as the shell's own version. */
export const SHELL_FLAVOURED = new Set(['echo', 'printf', 'true', 'false', 'test', '[']);

export const shellBuiltins = new Map<string, ShellBuiltin>();
const all = (): string[] => [...shellBuiltins.keys(), ...SHELL_FLAVOURED].sort();
const entries: [string, ShellBuiltin][] = [
  ['cd', cd],
  ['pwd', pwd],
  ['export', exportB],
  ['unset', unset],
  ['exit', exit],
  ['history', history],
  ['jobs', jobs],
  ['wait', wait],
  ['kill', kill],
  ['source', source],
  ['.', source],
  ['break', loopControl('break')],
  ['continue', loopControl('continue')],
  [':', colon],
  ['return', returnB],
  ['local', local],
  ['shift', shift],
  ['read', read],
  ['help', help(all)],
];
for (const [n, b] of entries) shellBuiltins.set(n, b);
shellBuiltins.set('type', function* (call) {
  const isCommand = (n: string) => !!call.env.machine.commands.get(n);
  return yield* type((n) => shellBuiltins.has(n) || SHELL_FLAVOURED.has(n), isCommand)(call);
});

/** Names tab completion offers besides the registry's commands. */
export const shellBuiltinNames = (): string[] => all();
