/**
 * `netlab shell [--bare | --world NAME] [--seed N]`: the simulated host in a real terminal.
 * Commands stream their output in real time (a ping prints once a second); Ctrl+C interrupts
 * the running command, Ctrl+D at the prompt exits, Tab completes. With a non-terminal stdin
 * (a pipe), lines run one after another in virtual time, which is handy in scripts and tests.
 */
import * as readline from 'node:readline';
import { createMachine, type Machine } from '../machine.ts';
import type { Subcommand } from './index.ts';
import { parseMachineArgs } from './machine-args.ts';

export const shellCommand: Subcommand = {
  name: 'shell',
  summary: 'open the simulated host in this terminal',
  async run(args, io) {
    const a = parseMachineArgs(args);
    if ('error' in a || a.rest.length) {
      io.err(`netlab shell: ${'error' in a ? a.error : `unexpected argument '${a.rest[0]}'`}\nUsage: netlab shell [--bare | --world NAME] [--seed N]\n`);
      return 2;
    }
    const m = createMachine({ seed: a.seed, world: a.world });
    if (!process.stdin.isTTY) return piped(m, io.out);
    return interactive(m);
  },
};

/** Reads lines from a pipe and runs each to completion, echoing prompt and command. */
async function piped(m: Machine, out: (t: string) => void): Promise<number> {
  const rl = readline.createInterface({ input: process.stdin, terminal: false });
  let status = 0;
  for await (const line of rl) {
    out(m.prompt() + line + '\n');
    const r = m.run(line);
    out(r.output);
    status = r.exitCode;
  }
  return status;
}

function interactive(m: Machine): Promise<number> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({
      input: process.stdin,
      output: process.stdout,
      prompt: m.prompt(),
      historySize: 1000,
      completer: (line: string): [string[], string] => {
        const c = m.complete(line, line.length);
        return [c.candidates, line.slice(c.from, c.to)];
      },
    });
    m.onBackgroundOutput = (t) => process.stdout.write(t);
    let job: ReturnType<Machine['start']> | undefined;
    let timer: NodeJS.Timeout | undefined;
    const prompt = () => {
      rl.setPrompt(m.prompt());
      rl.prompt();
    };
    const drive = () => {
      if (!job) return;
      const wait = job.step();
      if (job.done) {
        job = undefined;
        prompt();
        return;
      }
      timer = setTimeout(drive, Math.min(wait, 1000));
    };
    rl.on('line', (line) => {
      if (job) return; // typed while a command runs: ignored, as the command owns the terminal
      job = m.start(line, (t) => process.stdout.write(t.replace(/\n/g, '\r\n').replace(/\r\r\n/g, '\r\n')));
      drive();
    });
    rl.on('SIGINT', () => {
      if (job) {
        process.stdout.write('^C\n');
        job.interrupt();
        if (timer) clearTimeout(timer);
        drive();
      } else {
        process.stdout.write('^C\n');
        rl.write(null, { ctrl: true, name: 'u' });
        prompt();
      }
    });
    rl.on('close', () => {
      if (timer) clearTimeout(timer);
      process.stdout.write('exit\n');
      resolve(0);
    });
    prompt();
  });
}
