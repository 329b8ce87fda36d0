/** `--bare | --world NAME`, `--seed N`: the options that choose the machine. */
export interface MachineArgs {
  world: string;
  seed: number;
  rest: string[];
}

export function parseMachineArgs(args: string[]): MachineArgs | { error: string } {
  let world: string | undefined;
  let seed = 1;
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--bare') {
      if (world !== undefined && world !== 'bare') return { error: '--bare and --world are exclusive' };
      world = 'bare';
    } else if (a === '--world' || a.startsWith('--world=')) {
      const v = a.includes('=') ? a.slice(8) : args[++i];
      if (!v) return { error: '--world needs a NAME' };
      if (world !== undefined) return { error: '--bare and --world are exclusive' };
      world = v;
    } else if (a === '--seed' || a.startsWith('--seed=')) {
      const v = a.includes('=') ? a.slice(7) : args[++i];
      if (!v || !/^[0-9]+$/.test(v)) return { error: `--seed needs a non-negative integer` };
      seed = Number(v);
    } else if (a.startsWith('--') && a !== '--') return { error: `unknown option '${a}'` };
    else rest.push(a);
  }
  return { world: world ?? 'host', seed, rest };
}
