/**
 * The process table: pids allocated as Linux does (increasing, wrapping at pid_max back to
 * 300, skipping pids in use), each with its argv and network namespace. `ip netns pids`,
 * `ps` and `docker top` read it through list().
 */

/** One live process. */
export interface ProcEntry {
  pid: number;
  ppid: number;
  argv: string[];
  netnsId: number;
  /** The scheduler task the process runs in (several processes may share one: a pipeline). */
  taskId: number;
}

/** Linux's default pid_max on 64-bit with few CPUs, and the floor it wraps back to. */
const PID_MAX = 4194304;
const RESERVED_PIDS = 300;

export class ProcessTable {
  private readonly procs = new Map<number, ProcEntry>();
  private last = 0;

  /** Allocates the next free pid after the last one handed out. */
  allocPid(): number {
    for (let tries = 0; tries < PID_MAX; tries++) {
      let pid = this.last + 1;
      if (pid >= PID_MAX) pid = RESERVED_PIDS;
      this.last = pid;
      if (!this.procs.has(pid)) return pid;
    }
    return -1;
  }

  /** Registers a process under a pid from allocPid() (or a fresh one). */
  add(e: Omit<ProcEntry, 'pid'> & { pid?: number }): ProcEntry {
    const entry: ProcEntry = { ...e, pid: e.pid ?? this.allocPid() };
    this.procs.set(entry.pid, entry);
    return entry;
  }

  remove(pid: number): void {
    this.procs.delete(pid);
  }

  get(pid: number): ProcEntry | undefined {
    return this.procs.get(pid);
  }

  /** Live processes in pid order. */
  list(): { pid: number; argv: string[]; netnsId: number }[] {
    return [...this.procs.values()]
      .sort((a, b) => a.pid - b.pid)
      .map((p) => ({ pid: p.pid, argv: [...p.argv], netnsId: p.netnsId }));
  }
}
