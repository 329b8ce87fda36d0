/**
 * Option parsing the way the docker CLI's cobra/pflag does it: `--name value`, `--name=value`,
 * `-n value`, `-nvalue`, grouped short booleans (`-it`, `-dit`), repeatable list options, and
 * (for run/create/exec) parsing stops at the first positional argument so the container's
 * command keeps its own flags.
 */

/** One declared option. */
export interface FlagSpec {
  long: string;
  short?: string;
  kind: 'bool' | 'string' | 'list';
}

export interface Parsed {
  flags: Map<string, string | boolean | string[]>;
  args: string[];
}

export type ParseResult = { ok: true; value: Parsed } | { ok: false; error: string };

/** Parses argv against the declared options. */
export function parseFlags(argv: string[], specs: FlagSpec[], stopAtFirstArg: boolean): ParseResult {
  const byLong = new Map(specs.map((s) => [s.long, s]));
  const byShort = new Map(specs.filter((s) => s.short).map((s) => [s.short!, s]));
  const flags = new Map<string, string | boolean | string[]>();
  const args: string[] = [];
  const set = (s: FlagSpec, v: string | boolean) => {
    if (s.kind === 'list') flags.set(s.long, [...((flags.get(s.long) as string[]) ?? []), String(v)]);
    else flags.set(s.long, v);
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      args.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq < 0 ? a.slice(2) : a.slice(2, eq);
      const s = byLong.get(name);
      if (!s) return { ok: false, error: `unknown flag: --${name}` };
      if (s.kind === 'bool') {
        const v = eq < 0 ? 'true' : a.slice(eq + 1);
        if (v !== 'true' && v !== 'false') return { ok: false, error: `invalid argument "${v}" for "--${name}" flag: strconv.ParseBool: parsing "${v}": invalid syntax` };
        set(s, v === 'true');
      } else if (eq >= 0) set(s, a.slice(eq + 1));
      else {
        if (i + 1 >= argv.length) return { ok: false, error: `flag needs an argument: --${name}` };
        set(s, argv[++i]);
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        const s = byShort.get(c);
        if (!s) return { ok: false, error: `unknown shorthand flag: '${c}' in ${a}` };
        if (s.kind === 'bool') {
          set(s, true);
          continue;
        }
        let v = a.slice(j + 1);
        if (v.startsWith('=')) v = v.slice(1);
        if (v === '') {
          if (i + 1 >= argv.length) return { ok: false, error: `flag needs an argument: '${c}' in -${c}` };
          v = argv[++i];
        }
        set(s, v);
        break;
      }
      continue;
    }
    args.push(a);
    if (stopAtFirstArg) {
      args.push(...argv.slice(i + 1));
      break;
    }
  }
  return { ok: true, value: { flags, args } };
}

/** Typed accessors. */
export const str = (p: Parsed, k: string): string | undefined => p.flags.get(k) as string | undefined;
export const bool = (p: Parsed, k: string): boolean => p.flags.get(k) === true;
export const list = (p: Parsed, k: string): string[] => (p.flags.get(k) as string[] | undefined) ?? [];
