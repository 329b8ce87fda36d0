/**
 * sh (Debian's dash) and bash as programs: `-c STRING [NAME [ARGS]]`, a script file, or
 * commands read from standard input. Each runs a new shell in the caller's namespace.
 */
import type { CommandModule, ProcContext } from '../process.ts';
import { newShell } from '../new-shell.ts';
import { execSource } from '../exec.ts';
import { runScriptFile } from '../script.ts';
import type { Dialect } from '../state.ts';
import type { Io, Sink } from '../io.ts';
import type { ExecEnv } from '../context.ts';
import { fsOf, pathOf } from './util.ts';
import { strerror } from '../../fs/errors.ts';

function shellProgram(dialect: Dialect) {
  return function* (ctx: ProcContext) {
    const name = dialect === 'dash' ? 'sh' : 'bash';
    let args = ctx.argv.slice(1);
    // Options that change nothing here (-e, -x, -l, -i...) are accepted and ignored.
    while (args.length && /^-[exluvi]+$/.test(args[0])) args = args.slice(1);
    const env: ExecEnv = { machine: ctx.machine, signal: ctx.signal, taskId: ctx.machine.procs.get(ctx.pid)?.taskId ?? 0 };
    const out: Sink = { write: (t) => (ctx.out(t), undefined), tty: ctx.isTTY };
    const err: Sink = { write: (t) => (ctx.err(t), undefined) };
    const io: Io = { stdin: ctx.stdin, fds: new Map([[1, out], [2, err]]) };
    const base = { dialect, cwd: ctx.cwd ?? '/', env: ctx.env, netnsId: ctx.netnsId, fs: fsOf(ctx), pid: ctx.pid };
    if (args[0] === '-c') {
      if (args.length < 2) {
        ctx.err(dialect === 'dash' ? 'sh: 0: -c requires an argument\n' : 'bash: -c: option requires an argument\n');
        return 2;
      }
      const sh = newShell(ctx.machine, { ...base, mode: { kind: 'c' }, name: args[2] ?? name, args: args.slice(3) });
      return yield* execSource(env, sh, args[1], io);
    }
    if (args.length) {
      const r = fsOf(ctx).readFile(pathOf(ctx, args[0]), { netnsId: ctx.netnsId });
      if (!r.ok) {
        ctx.err(dialect === 'dash' ? `sh: 0: cannot open ${args[0]}: ${r.errno === 'ENOENT' ? 'No such file' : strerror(r.errno)}\n` : `bash: ${args[0]}: ${strerror(r.errno)}\n`);
        return dialect === 'dash' ? 2 : r.errno === 'EISDIR' ? 126 : 127;
      }
      const parent = newShell(ctx.machine, { ...base, mode: { kind: 'c' }, name });
      return yield* runScriptFile(env, parent, args[0], args, io, { ...base, env: ctx.env }, dialect);
    }
    const sh = newShell(ctx.machine, { ...base, mode: { kind: 'c' }, name });
    return yield* execSource(env, sh, ctx.stdin, { ...io, stdin: '' });
  };
}

export const shellCommands: CommandModule[] = [
  { name: 'sh', aliases: ['dash'], run: shellProgram('dash') },
  { name: 'bash', run: shellProgram('bash') },
];
