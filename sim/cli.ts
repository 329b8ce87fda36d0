/**
 * The `netlab` command (Node only): dispatches to the subcommands in sim/cli/. Adding one is
 * a file there and a line in sim/cli/index.ts.
 */
import { subcommands, type CliIo } from './cli/index.ts';

const USAGE = (names: string[]) => `Usage: netlab COMMAND [ARGS]\n\nCommands:\n${names.join('\n')}\n`;

/** Runs the CLI with `args` (process.argv without node and script); resolves to the exit status. */
export async function main(args: string[], io: CliIo = nodeIo()): Promise<number> {
  const [name, ...rest] = args;
  const list = subcommands.map((s) => `  ${s.name.padEnd(8)} ${s.summary}`);
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? io.out : io.err)(USAGE(list));
    return name ? 0 : 2;
  }
  const sub = subcommands.find((s) => s.name === name);
  if (!sub) {
    io.err(`netlab: unknown command '${name}'\n${USAGE(list)}`);
    return 2;
  }
  return sub.run(rest, io);
}

function nodeIo(): CliIo {
  return {
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
  };
}
