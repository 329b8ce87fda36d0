/**
 * `sysctl` (procps): NAME, NAME=VALUE, -w, -n, -q, -N, -e, -a/-A/-X with -r/--pattern.
 * Reads and writes the kernel's per-namespace sysctls (the same values /proc/sys shows).
 */
import type { CommandModule, ProcContext, Wait } from '../../shell/process.ts';
import { kernelOf } from '../ip/common.ts';

const USAGE = `
Usage:
 sysctl [options] [variable[=value] ...]

Options:
  -a, --all            display all variables
  -A                   alias of -a
  -X                   alias of -a
      --deprecated     include deprecated parameters to listing
      --dry-run        Print the key and values but do not write
  -b, --binary         print value without new line
  -e, --ignore         ignore unknown variables errors
  -N, --names          print variable names without values
  -n, --values         print only values of the given variable(s)
  -p, --load[=<file>]  read values from file
  -f                   alias of -p
      --system         read values from all system directories
  -r, --pattern <expression>
                       select setting that match expression
  -q, --quiet          do not echo variable set
  -w, --write          enable writing a value to variable
  -o                   does nothing
  -x                   does nothing
  -d                   alias of -h

 -h, --help     display this help and exit
 -V, --version  output version information and exit

For more details see sysctl(8).
`;

interface Opts {
  all: boolean;
  write: boolean;
  values: boolean;
  names: boolean;
  quiet: boolean;
  ignore: boolean;
  pattern?: RegExp;
}

function* sysctlProgram(ctx: ProcContext): Generator<Wait, number, void> {
  const k = kernelOf(ctx);
  const o: Opts = { all: false, write: false, values: false, names: false, quiet: false, ignore: false };
  const args: string[] = [];
  const argv = ctx.argv.slice(1);
  for (let i = 0; i < argv.length; i++) {
    const w = argv[i];
    if (w.startsWith('--')) {
      const [name, val] = w.slice(2).split('=', 2);
      if (name === 'all') o.all = true;
      else if (name === 'write') o.write = true;
      else if (name === 'values') o.values = true;
      else if (name === 'names') o.names = true;
      else if (name === 'quiet') o.quiet = true;
      else if (name === 'ignore') o.ignore = true;
      else if (name === 'pattern') o.pattern = new RegExp(val ?? argv[++i] ?? '');
      else if (name === 'help') {
        ctx.out(USAGE);
        return 0;
      } else {
        ctx.err(`sysctl: unrecognized option '${w}'\n${USAGE}`);
        return 1;
      }
      continue;
    }
    if (w.startsWith('-') && w.length > 1) {
      for (let j = 1; j < w.length; j++) {
        const c = w[j];
        if (c === 'a' || c === 'A' || c === 'X') o.all = true;
        else if (c === 'w') o.write = true;
        else if (c === 'n') o.values = true;
        else if (c === 'N') o.names = true;
        else if (c === 'q') o.quiet = true;
        else if (c === 'e') o.ignore = true;
        else if (c === 'o' || c === 'x') continue;
        else if (c === 'r') {
          o.pattern = new RegExp(w.slice(j + 1) || argv[++i] || '');
          break;
        } else if (c === 'h' || c === 'd') {
          ctx.out(USAGE);
          return 0;
        } else {
          ctx.err(`sysctl: invalid option -- '${c}'\n${USAGE}`);
          return 1;
        }
      }
      continue;
    }
    args.push(w);
  }
  const ns = ctx.netnsId;
  const show = (key: string, value: string) => {
    if (o.names) ctx.out(`${key}\n`);
    else if (o.values) ctx.out(`${value}\n`);
    else ctx.out(`${key} = ${value}\n`);
  };
  if (o.all) {
    for (const key of k.sysctlKeys(ns)) {
      if (o.pattern && !o.pattern.test(key)) continue;
      show(key, k.sysctlGet(ns, key)!);
    }
    return 0;
  }
  if (!args.length) {
    if (ctx.argv.length > 1) {
      ctx.err("sysctl: no variables specified\nTry `sysctl --help' for more information.\n");
    } else ctx.err(USAGE);
    return 1;
  }
  let rc = 0;
  for (const arg of args) {
    const eq = arg.indexOf('=');
    if (o.write && eq < 0) {
      ctx.err('sysctl: command line(0): invalid syntax, continuing...\n');
      rc = 1;
      continue;
    }
    const rawKey = (eq < 0 ? arg : arg.slice(0, eq)).trim();
    const key = rawKey.includes('/') ? rawKey.replace(/\./g, '\u0000').replace(/\//g, '.').replace(/\u0000/g, '/') : rawKey;
    const path = '/proc/sys/' + key.split('.').map((s) => s.replace(/\//g, '.')).join('/');
    const cur = k.sysctlGet(ns, key);
    if (cur === undefined) {
      if (!o.ignore) {
        ctx.err(`sysctl: cannot stat ${path}: No such file or directory\n`);
        rc = 1;
      }
      continue;
    }
    if (eq < 0) {
      show(key, cur);
      continue;
    }
    const value = arg.slice(eq + 1).trim();
    const r = k.sysctlSet(ns, key, value);
    if (!r.ok) {
      ctx.err(`sysctl: setting key "${key}": Invalid argument\n`);
      rc = 1;
      continue;
    }
    // procps echoes the value as given, not as the kernel stores it.
    if (!o.quiet) show(key, value);
  }
  return rc;
}

/** The `sysctl` command module. */
export const sysctlCommand: CommandModule = { name: 'sysctl', run: sysctlProgram };
