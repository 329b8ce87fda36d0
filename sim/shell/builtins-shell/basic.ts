/** cd, pwd, export, unset, exit, history, help, type, source, break, continue, `:`. */
import type { ShellBuiltin } from './types.ts';
import { errPrefix } from '../state.ts';
import { writeFd } from '../io.ts';
import { resolvePath, joinPath } from '../../fs/fs.ts';
import { strerror } from '../../fs/errors.ts';
import { execSource } from '../exec.ts';

const NAME_RE = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const cd: ShellBuiltin = function* ({ sh, argv, io }) {
  const args = argv.slice(1).filter((a, i) => !(i === 0 && (a === '-L' || a === '-P' || a === '--')));
  if (args.length > 1 && sh.dialect === 'bash') {
    writeFd(io, 2, `${errPrefix(sh)}cd: too many arguments\n`);
    return 1;
  }
  let dir = args[0] ?? sh.vars.get('HOME') ?? '/';
  let print = false;
  if (dir === '-') {
    dir = sh.vars.get('OLDPWD') ?? '';
    if (!dir) {
      writeFd(io, 2, `${errPrefix(sh)}cd: OLDPWD not set\n`);
      return 1;
    }
    print = true;
  }
  const segs = resolvePath(sh.cwd, dir);
  const st = sh.fs.stat(segs, { netnsId: sh.netnsId });
  if (!st.ok || st.value !== 'dir') {
    if (sh.dialect === 'dash') {
      writeFd(io, 2, `${errPrefix(sh)}cd: can't cd to ${dir}\n`);
      return 2;
    }
    writeFd(io, 2, `${errPrefix(sh)}cd: ${dir}: ${strerror(st.ok ? 'ENOTDIR' : st.errno)}\n`);
    return 1;
  }
  sh.vars.set('OLDPWD', sh.cwd);
  sh.exported.add('OLDPWD');
  sh.cwd = joinPath(segs);
  sh.vars.set('PWD', sh.cwd);
  if (print) writeFd(io, 1, sh.cwd + '\n');
  return 0;
};

export const pwd: ShellBuiltin = function* ({ sh, argv, io }) {
  const bad = argv.slice(1).find((a) => a.startsWith('-') && a !== '-L' && a !== '-P' && a !== '--');
  if (bad) {
    writeFd(io, 2, `${errPrefix(sh)}pwd: ${bad.slice(0, 2)}: invalid option\npwd: usage: pwd [-LP]\n`);
    return 2;
  }
  writeFd(io, 1, sh.cwd + '\n');
  return 0;
};

export const exportB: ShellBuiltin = function* ({ sh, argv, io }) {
  const args = argv.slice(1).filter((a) => a !== '-p' && a !== '-n');
  if (!args.length) {
    const keys = [...sh.exported].filter((k) => sh.vars.has(k)).sort();
    for (const k of keys) {
      const v = sh.vars.get(k)!;
      writeFd(io, 1, sh.dialect === 'dash' ? `export ${k}='${v}'\n` : `declare -x ${k}="${v.replace(/(["\\$`])/g, '\\$1')}"\n`);
    }
    return 0;
  }
  let status = 0;
  for (const a of args) {
    const eq = a.indexOf('=');
    const name = eq < 0 ? a : a.slice(0, eq);
    if (!NAME_RE.test(name)) {
      writeFd(io, 2, sh.dialect === 'dash' ? `${errPrefix(sh)}export: ${a}: bad variable name\n` : `${errPrefix(sh)}export: \`${a}': not a valid identifier\n`);
      status = sh.dialect === 'dash' ? 2 : 1;
      continue;
    }
    if (eq >= 0) sh.vars.set(name, a.slice(eq + 1));
    sh.exported.add(name);
  }
  return status;
};

export const unset: ShellBuiltin = function* ({ sh, argv }) {
  const funcsOnly = argv.includes('-f');
  for (const a of argv.slice(1)) {
    if (a.startsWith('-')) continue;
    // Without -f, a name that is no variable unsets the function of that name.
    if (funcsOnly || !sh.vars.has(a)) sh.funcs?.delete(a);
    if (funcsOnly) continue;
    sh.vars.delete(a);
    sh.exported.delete(a);
  }
  return 0;
};

export const exit: ShellBuiltin = function* ({ sh, argv, io }) {
  const args = argv.slice(1);
  if (args.length && !/^[+-]?[0-9]+$/.test(args[0])) {
    if (sh.dialect === 'dash') {
      writeFd(io, 2, `${errPrefix(sh)}exit: Illegal number: ${args[0]}\n`);
      sh.exitRequested = 2;
      return 2;
    }
    writeFd(io, 2, `${errPrefix(sh)}exit: ${args[0]}: numeric argument required\n`);
    sh.exitRequested = 2;
    return 2;
  }
  if (args.length > 1 && sh.dialect === 'bash') {
    writeFd(io, 2, `${errPrefix(sh)}exit: too many arguments\n`);
    return 1;
  }
  const code = args.length ? ((Number(args[0]) % 256) + 256) % 256 : sh.status;
  sh.exitRequested = code;
  return code;
};

export const history: ShellBuiltin = function* ({ sh, argv, io }) {
  if (sh.mode.kind !== 'interactive') return 0;
  if (argv[1] === '-c') {
    sh.history.length = 0;
    return 0;
  }
  const n = argv[1] && /^[0-9]+$/.test(argv[1]) ? Number(argv[1]) : sh.history.length;
  const start = Math.max(0, sh.history.length - n);
  for (let i = start; i < sh.history.length; i++) writeFd(io, 1, `${String(i + 1).padStart(5)}  ${sh.history[i]}\n`);
  return 0;
};

export const source: ShellBuiltin = function* ({ env, sh, argv, io }) {
  if (argv.length < 2) {
    writeFd(io, 2, `${errPrefix(sh)}${argv[0]}: filename argument required\n${argv[0]}: usage: ${argv[0]} filename [arguments]\n`);
    return 2;
  }
  const r = sh.fs.readFile(resolvePath(sh.cwd, argv[1]), { netnsId: sh.netnsId });
  if (!r.ok) {
    writeFd(io, 2, `${errPrefix(sh)}${argv[1]}: ${strerror(r.errno)}\n`);
    return 1;
  }
  return yield* execSource(env, sh, r.value, io);
};

export const loopControl = (what: 'break' | 'continue'): ShellBuiltin =>
  function* ({ sh }) {
    sh.loopCtl = what;
    return 0;
  };

export const colon: ShellBuiltin = function* () {
  return 0;
};
