/** touch, rm, mkdir, ls (names only, or -l in a simple form): coreutils' messages. */
import type { CommandModule, ProcContext } from '../process.ts';
import { fsOf, getopt, optError, pathOf } from './util.ts';
import { strerror } from '../../fs/errors.ts';

const missing = (prog: string, what = 'operand') => `${prog}: missing ${what}\nTry '${prog} --help' for more information.\n`;

function* touch(ctx: ProcContext) {
  const o = getopt(ctx.argv.slice(1), 'acm', '', {});
  if (o.bad) {
    ctx.err(optError('touch', o.bad));
    return 1;
  }
  if (!o.operands.length) {
    ctx.err(missing('touch', 'file operand'));
    return 1;
  }
  let status = 0;
  const fs = fsOf(ctx);
  for (const f of o.operands) {
    const segs = pathOf(ctx, f);
    if (fs.stat(segs, { netnsId: ctx.netnsId }).ok) continue;
    const w = fs.open(segs, true, { netnsId: ctx.netnsId });
    if (!w.ok) {
      ctx.err(`touch: cannot touch '${f}': ${strerror(w.errno)}\n`);
      status = 1;
    }
  }
  return status;
}

function* rm(ctx: ProcContext) {
  const o = getopt(ctx.argv.slice(1), 'rRfvdi', '', { recursive: 'r', force: 'f', verbose: 'v', dir: 'd' });
  if (o.bad) {
    ctx.err(optError('rm', o.bad));
    return 1;
  }
  const force = o.flags.has('f');
  if (!o.operands.length) {
    if (force) return 0;
    ctx.err(missing('rm'));
    return 1;
  }
  const recursive = o.flags.has('r') || o.flags.has('R');
  let status = 0;
  for (const f of o.operands) {
    const r = fsOf(ctx).remove(pathOf(ctx, f), { dir: recursive });
    if (!r.ok && !(force && r.errno === 'ENOENT')) {
      ctx.err(`rm: cannot remove '${f}': ${strerror(r.errno)}\n`);
      status = 1;
    } else if (r.ok && o.flags.has('v')) ctx.out(`removed '${f}'\n`);
  }
  return status;
}

function* mkdir(ctx: ProcContext) {
  const o = getopt(ctx.argv.slice(1), 'pv', 'm', { parents: 'p', verbose: 'v', mode: 'm' });
  if (o.bad) {
    ctx.err(optError('mkdir', o.bad));
    return 1;
  }
  if (!o.operands.length) {
    ctx.err(missing('mkdir'));
    return 1;
  }
  let status = 0;
  const fs = fsOf(ctx);
  const caller = { netnsId: ctx.netnsId };
  for (const d of o.operands) {
    const segs = pathOf(ctx, d);
    if (o.flags.has('p')) {
      for (let i = 1; i <= segs.length; i++) {
        const st = fs.stat(segs.slice(0, i), caller);
        if (st.ok && st.value === 'dir') continue;
        const r = st.ok ? ({ ok: false, errno: 'ENOTDIR' } as const) : fs.mkdir(segs.slice(0, i), caller);
        if (!r.ok) {
          ctx.err(`mkdir: cannot create directory ‘${d}’: ${strerror(r.errno)}\n`);
          status = 1;
          break;
        }
      }
      continue;
    }
    const r = fs.mkdir(segs, caller);
    if (!r.ok) {
      ctx.err(`mkdir: cannot create directory ‘${d}’: ${strerror(r.errno)}\n`);
      status = 1;
    }
  }
  return status;
}

function* ls(ctx: ProcContext) {
  const o = getopt(ctx.argv.slice(1), 'la1dAhF', '', { all: 'a', 'almost-all': 'A', directory: 'd' });
  if (o.bad) {
    ctx.err(optError('ls', o.bad));
    return 2;
  }
  const fs = fsOf(ctx);
  const caller = { netnsId: ctx.netnsId };
  const targets = o.operands.length ? o.operands : ['.'];
  let status = 0;
  const files: string[] = [];
  const dirs: string[] = [];
  for (const t of targets) {
    const st = fs.stat(pathOf(ctx, t), caller);
    if (!st.ok) {
      ctx.err(`ls: cannot access '${t}': ${strerror(st.errno)}\n`);
      status = 2;
    } else if (st.value === 'dir' && !o.flags.has('d')) dirs.push(t);
    else files.push(t);
  }
  const long = o.flags.has('l');
  const entry = (dir: string | undefined, name: string) => {
    if (!long) return name + '\n';
    const segs = pathOf(ctx, dir === undefined ? name : `${dir}/${name}`);
    const st = fs.stat(segs, caller);
    const kind = st.ok ? st.value : 'file';
    const size = kind === 'file' ? (fs.readFile(segs, caller).ok ? (fs.readFile(segs, caller) as { value: string }).value.length : 0) : kind === 'dir' ? 4096 : 0;
    const mode = kind === 'dir' ? 'drwxr-xr-x' : kind === 'chardev' ? 'crw-rw-rw-' : '-rw-r--r--';
    return `${mode} ${kind === 'dir' ? 2 : 1} root root ${String(size).padStart(4)} Jan  1 00:00 ${name}\n`;
  };
  let out = files.sort().map((f) => entry(undefined, f)).join('');
  dirs.sort().forEach((d, i) => {
    const r = fs.readdir(pathOf(ctx, d), caller);
    if (!r.ok) {
      ctx.err(`ls: cannot open directory '${d}': ${strerror(r.errno)}\n`);
      status = 2;
      return;
    }
    const names = o.flags.has('a') ? ['.', '..', ...r.value] : r.value.filter((n) => !n.startsWith('.') || o.flags.has('A'));
    if (targets.length > 1) out += `${out || i ? '\n' : ''}${d}:\n`;
    if (long) out += `total ${names.length * 4}\n`;
    out += names.map((n) => entry(d, n)).join('');
  });
  ctx.out(out);
  return status;
}

export const fileCommands: CommandModule[] = [
  { name: 'touch', run: touch },
  { name: 'rm', run: rm },
  { name: 'mkdir', run: mkdir },
  { name: 'ls', run: ls },
];
