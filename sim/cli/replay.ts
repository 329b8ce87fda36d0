/**
 * `netlab replay [--bare | --world NAME] [--seed N] FILE`: runs a scenario and prints its
 * transcript in record-real's format. Each line runs as its own `bash -c` (record-real does
 * that), so `cd` and variables do not carry from one line to the next; the machine's state
 * (devices, namespaces, files, background jobs) does.
 */
import { readFileSync } from 'node:fs';
import { createMachine } from '../machine.ts';
import { replayOn } from '../replay.ts';
import type { Subcommand } from './index.ts';
import { parseMachineArgs } from './machine-args.ts';

const USAGE = 'Usage: netlab replay [--bare | --world NAME] [--seed N] FILE\n';

export const replayCommand: Subcommand = {
  name: 'replay',
  summary: 'run a scenario file and print its transcript (record-real format)',
  async run(args, io) {
    const a = parseMachineArgs(args);
    if ('error' in a) {
      io.err(`netlab replay: ${a.error}\n${USAGE}`);
      return 2;
    }
    if (a.rest.length !== 1) {
      io.err(USAGE);
      return 2;
    }
    let text: string;
    try {
      text = readFileSync(a.rest[0] === '-' ? 0 : a.rest[0], 'utf8');
    } catch (e) {
      io.err(`netlab replay: ${a.rest[0]}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'No such file or directory' : (e as Error).message}\n`);
      return 1;
    }
    let machine;
    try {
      machine = createMachine({ seed: a.seed, world: a.world });
    } catch (e) {
      io.err(`netlab replay: ${(e as Error).message}\n`);
      return 2;
    }
    io.out(replayOn(machine, text));
    return 0;
  },
};
