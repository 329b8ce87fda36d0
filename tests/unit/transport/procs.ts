/**
 * Runs command programs (nc, curl, ...) on a bare kernel with the real scheduler, before
 * and beside the shell: enough of a ProcContext for network programs, output captured.
 */
import { Scheduler } from '../../../sim/proc/scheduler.ts';
import type { CommandModule, ProcContext } from '../../../sim/shell/process.ts';
import type { Lab } from '../datapath/helpers.ts';

export interface Proc {
  out: string;
  done: boolean;
  code: number;
  kill(): void;
  interrupt(): void;
}

export class Procs {
  readonly sched: Scheduler;
  private pid = 100;
  constructor(readonly lab: Lab, readonly files: Map<string, string> = new Map([['/etc/hosts', '127.0.0.1\tlocalhost\n']])) {
    this.sched = new Scheduler(lab.timers, lab.k.state.clock);
  }

  /** Starts `cmd` with argv in namespace `netnsId`; stdout and stderr go, merged, to `out`. */
  start(cmd: CommandModule, argv: string[], netnsId: number, stdin = ''): Proc {
    const p: Proc = { out: '', done: false, code: -1, kill: () => this.sched.kill(task), interrupt: () => this.sched.interrupt(task) };
    const files = this.files;
    const fs = {
      readFile: (segs: string[]) => {
        const v = files.get('/' + segs.join('/'));
        return v === undefined ? { ok: false as const, errno: 'ENOENT' as const } : { ok: true as const, value: v };
      },
    };
    const ctx = {
      argv, env: new Map(), stdin, machine: { kernel: this.lab.k, fs } as unknown as ProcContext['machine'],
      netnsId, pid: this.pid++, signal: { interrupted: false }, isTTY: false,
      out: (t: string) => void (p.out += t),
      err: (t: string) => void (p.out += t),
      spawn: () => { throw new Error('no spawn'); },
      sh: () => { throw new Error('no sh'); },
    } as unknown as ProcContext;
    const task = this.sched.add(cmd.run(ctx), ctx.signal, (code) => {
      p.done = true;
      p.code = code;
    });
    this.sched.runReady(1000);
    return p;
  }

  /** Runs until `p` ends or `maxMs` of virtual time pass; returns the elapsed virtual time. */
  wait(p: Proc, maxMs = 600000): number {
    const clock = this.lab.k.state.clock;
    const start = clock.now();
    for (let guard = 0; guard < 100000 && !p.done; guard++) {
      this.sched.runReady(1000);
      if (p.done) break;
      if (this.sched.hasRunnable()) continue;
      const next = this.lab.timers.next();
      if (next === undefined || next - start > maxMs) break;
      this.sched.advanceToNextTimer();
    }
    return clock.now() - start;
  }

  /** Lets `ms` of virtual time pass, running whatever is due. */
  idle(ms: number): void {
    const clock = this.lab.k.state.clock;
    const end = clock.now() + ms;
    for (let guard = 0; guard < 100000; guard++) {
      this.sched.runReady(1000);
      if (this.sched.hasRunnable()) continue;
      const next = this.lab.timers.next();
      if (next === undefined || next > end) break;
      this.sched.advanceToNextTimer();
    }
    this.lab.timers.advanceTo(end);
    this.sched.runReady(1000);
  }
}
