/** Helpers shared by the utilities: reading files the way coreutils reports failures, option parsing. */
import type { ProcContext } from '../process.ts';
import { resolvePath, type FileSystem } from '../../fs/fs.ts';
import { strerror } from '../../fs/errors.ts';
import type { Errno } from '../../kernel/errno.ts';

/** The process's file system and working directory (the host's and "/" when not set). */
export const fsOf = (ctx: ProcContext): FileSystem => ctx.fs ?? ctx.machine.fs;
export const pathOf = (ctx: ProcContext, p: string): string[] => resolvePath(ctx.cwd ?? '/', p);

/** Reads a file or "-" (stdin); an errno when it cannot be read. */
export function readInput(ctx: ProcContext, name: string): { ok: true; text: string } | { ok: false; errno: Errno } {
  if (name === '-') return { ok: true, text: ctx.stdin };
  const r = fsOf(ctx).readFile(pathOf(ctx, name), { netnsId: ctx.netnsId });
  return r.ok ? { ok: true, text: r.value } : { ok: false, errno: r.errno };
}

/** "prog: name: No such file or directory" */
export const fileError = (prog: string, name: string, e: Errno): string => `${prog}: ${name}: ${strerror(e)}\n`;

/** Splits text into lines without the final empty piece after a trailing newline. */
export function lines(text: string): string[] {
  if (text === '') return [];
  const l = text.split('\n');
  if (l[l.length - 1] === '') l.pop();
  return l;
}

/** Joins lines, each followed by a newline. */
export const unlines = (ls: string[]): string => ls.map((l) => l + '\n').join('');

export interface ParsedOpts {
  flags: Set<string>;
  values: Map<string, string[]>;
  operands: string[];
  /** Set to the offending text when an option is unknown or lacks its argument. */
  bad?: { kind: 'invalid' | 'unrecognized' | 'missing'; opt: string };
}

/**
 * getopt_long-style parsing: clustered short flags (-vc), short options with values
 * (-n 3, -n3), long options (--count, --lines=3), `--` ending options.
 * `withValue` lists short letters taking a value; `longMap` maps long names to short letters.
 */
export function getopt(args: string[], shortFlags: string, withValue: string, longMap: Record<string, string> = {}): ParsedOpts {
  const r: ParsedOpts = { flags: new Set(), values: new Map(), operands: [] };
  const addVal = (k: string, v: string) => r.values.set(k, [...(r.values.get(k) ?? []), v]);
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--') {
      r.operands.push(...args.slice(i + 1));
      break;
    }
    if (a.startsWith('--')) {
      const [name, val] = a.slice(2).split(/=(.*)/s, 2);
      const matches = Object.keys(longMap).filter((k) => k.startsWith(name));
      const exact = Object.keys(longMap).find((k) => k === name);
      const key = exact ?? (matches.length === 1 ? matches[0] : undefined);
      if (!key) {
        r.bad ??= { kind: 'unrecognized', opt: a };
        continue;
      }
      const s = longMap[key];
      if (withValue.includes(s)) {
        if (val !== undefined) addVal(s, val);
        else if (i + 1 < args.length) addVal(s, args[++i]);
        else r.bad ??= { kind: 'missing', opt: `--${key}` };
      } else r.flags.add(s);
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (withValue.includes(c)) {
          const rest = a.slice(j + 1);
          if (rest) addVal(c, rest);
          else if (i + 1 < args.length) addVal(c, args[++i]);
          else r.bad ??= { kind: 'missing', opt: c };
          break;
        }
        if (shortFlags.includes(c)) r.flags.add(c);
        else {
          r.bad ??= { kind: 'invalid', opt: c };
        }
      }
      continue;
    }
    r.operands.push(a);
  }
  return r;
}

/** GNU's messages for a bad option, followed by the "Try --help" line. */
export function optError(prog: string, bad: NonNullable<ParsedOpts['bad']>, tryLine = true): string {
  const first =
    bad.kind === 'invalid'
      ? `${prog}: invalid option -- '${bad.opt}'\n`
      : bad.kind === 'unrecognized'
        ? `${prog}: unrecognized option '${bad.opt}'\n`
        : bad.opt.startsWith('--')
          ? `${prog}: option '${bad.opt}' requires an argument\n`
          : `${prog}: option requires an argument -- '${bad.opt}'\n`;
  return first + (tryLine ? `Try '${prog} --help' for more information.\n` : '');
}
