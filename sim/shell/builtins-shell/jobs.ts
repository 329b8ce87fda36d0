/** Job control builtins: jobs, wait, kill (with %N job specs and pids). */
import type { ShellBuiltin } from './types.ts';
import { errPrefix, type ShellJob, type ShellState } from '../state.ts';
import { writeFd } from '../io.ts';
import { until } from '../process.ts';
import { EXIT_SIGTERM } from '../../proc/scheduler.ts';

/** Signal names and numbers kill accepts. */
const SIGNALS: Record<string, number> = { HUP: 1, INT: 2, QUIT: 3, KILL: 9, USR1: 10, USR2: 12, TERM: 15, CONT: 18, STOP: 19 };

/** What bash (strsignal) calls the signals a job can die of, by exit status 128+N. */
const SIGNAL_TEXT: Record<number, string> = {
  129: 'Hangup', 130: 'Interrupt', 131: 'Quit', 137: 'Killed', 138: 'User defined signal 1', 140: 'User defined signal 2', 143: 'Terminated',
};

/** "Running", "Done", "Exit 1", "Terminated" as bash shows a job's state (Running until reaped). */
export function jobState(j: ShellJob): string {
  if (!j.task.done || !j.noticed) return 'Running';
  const c = j.task.exitCode;
  if (c === 0) return 'Done';
  return SIGNAL_TEXT[c] ?? `Exit ${c}`;
}

/** One line of `jobs` or of a completion notice. */
export function jobLine(sh: ShellState, j: ShellJob): string {
  const idx = sh.jobs.indexOf(j);
  const state = jobState(j);
  // A finished job is never bash's "previous" job (-); the last one started stays current (+).
  const mark = idx === sh.jobs.length - 1 ? '+' : idx === sh.jobs.length - 2 && state === 'Running' ? '-' : ' ';
  return `[${j.id}]${mark}  ${state.padEnd(24)}${j.text}${state === 'Running' ? ' &' : ''}\n`;
}

/**
 * The shell reaps finished children when it next waits for one (a foreground program, a
 * subshell, `wait`). An interactive shell reports each job's end there; a bash -c shell or
 * a script drops finished jobs quietly, except those killed by a signal other than INT, PIPE
 * and TERM, which it reports as "bash: line N:  PID Killed   CMD". Returns what to print.
 */
export function noticeJobs(sh: ShellState): string {
  let out = '';
  // An interactive shell also reports here the jobs it reaped while reading the line.
  for (const j of sh.jobs) if (j.task.done && (!j.noticed || (!j.notified && sh.mode.kind === 'interactive'))) {
    j.noticed = true;
    j.notified = true;
    (sh.reapedStatus ??= new Map()).set(j.pid, j.task.exitCode);
    if (sh.mode.kind === 'interactive') out += jobLine(sh, j);
    else {
      const c = j.task.exitCode;
      if (c > 128 && ![130, 141, 143].includes(c)) out += `${errPrefix(sh)}${String(j.pid).padStart(5)} ${(SIGNAL_TEXT[c] ?? `Signal ${c - 128}`).padEnd(24)}${j.text}\n`;
    }
  }
  sh.jobs = sh.jobs.filter((j) => !(j.task.done && j.noticed && j.notified));
  return out;
}

/**
 * Called as an interactive shell reads a new line: jobs that ended while it waited at the
 * prompt are reaped now and reported before the prompt that follows this line (bash prints
 * notices only before a prompt). Returns nothing to print now.
 */
export function reapJobs(sh: ShellState): string {
  for (const j of sh.jobs) if (j.task.done && !j.noticed) j.noticed = true;
  return '';
}

/** The notices an interactive shell prints before its prompt; reported jobs leave the table. */
export function promptNotices(sh: ShellState): string {
  let out = '';
  if (sh.mode.kind !== 'interactive') return out;
  for (const j of sh.jobs) if (j.task.done && j.noticed && !j.notified) {
    j.notified = true;
    out += jobLine(sh, j);
  }
  sh.jobs = sh.jobs.filter((j) => !(j.task.done && j.notified));
  return out;
}

export const jobs: ShellBuiltin = function* ({ sh, io }) {
  for (const j of sh.jobs) {
    writeFd(io, 1, jobLine(sh, j));
    if (j.task.done && j.noticed) j.notified = true;
  }
  sh.jobs = sh.jobs.filter((j) => !(j.task.done && j.notified));
  return 0;
};

function findJob(sh: ShellState, spec: string): ShellJob | undefined {
  const live = sh.jobs;
  if (spec === '%%' || spec === '%+' || spec === '%') return live[live.length - 1];
  if (spec === '%-') return live[live.length - 2];
  const n = Number(spec.slice(1));
  return live.find((j) => j.id === n);
}

export const wait: ShellBuiltin = function* ({ sh, argv, io, env }) {
  const specs = argv.slice(1);
  if (!specs.length) {
    const pending = [...sh.jobs];
    yield until(() => pending.every((j) => j.task.done || env.signal.interrupted));
    const notes = noticeJobs(sh);
    if (notes) writeFd(io, 2, notes);
    return env.signal.interrupted ? 130 : 0;
  }
  let status = 0;
  for (const s of specs) {
    const j = s.startsWith('%') ? findJob(sh, s) : sh.jobs.find((x) => String(x.pid) === s);
    // A background job reaped already: bash remembers its status by pid.
    const known = !j && !s.startsWith('%') ? sh.reapedStatus?.get(Number(s)) : undefined;
    if (known !== undefined) {
      status = known;
      continue;
    }
    if (!j) {
      writeFd(io, 2, s.startsWith('%') ? `${errPrefix(sh)}wait: ${s}: no such job\n` : `${errPrefix(sh)}wait: pid ${s} is not a child of this shell\n`);
      status = 127;
      continue;
    }
    yield until(() => j.task.done || env.signal.interrupted);
    status = j.task.exitCode;
    const notes = noticeJobs(sh);
    if (notes) writeFd(io, 2, notes);
  }
  return status;
};

export const kill: ShellBuiltin = function* ({ sh, argv, io, env }) {
  const m = env.machine;
  let args = argv.slice(1);
  const usage = () => {
    writeFd(io, 2, `${sh.dialect === 'dash' ? errPrefix(sh) : ''}kill: usage: kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]\n`);
    return 2;
  };
  if (!args.length) return usage();
  let sig = 15;
  if (args[0] === '-l' || args[0] === '-L') {
    writeFd(io, 1, Object.entries(SIGNALS).map(([n, v]) => `${String(v).padStart(2)}) SIG${n}`).join('\t') + '\n');
    return 0;
  }
  if (args[0] === '-s' || args[0] === '-n') {
    if (args.length < 2) {
      writeFd(io, 2, `${errPrefix(sh)}kill: ${args[0]}: option requires an argument\n`);
      return 1;
    }
    const v = args[1].toUpperCase().replace(/^SIG/, '');
    sig = SIGNALS[v] ?? Number(v);
    args = args.slice(2);
  } else if (/^-/.test(args[0]) && args[0] !== '--') {
    const v = args[0].slice(1).toUpperCase().replace(/^SIG/, '');
    const n = SIGNALS[v] ?? (/^[0-9]+$/.test(v) ? Number(v) : NaN);
    if (Number.isNaN(n)) {
      writeFd(io, 2, `${errPrefix(sh)}kill: ${args[0].slice(1)}: invalid signal specification\n`);
      return 1;
    }
    sig = n;
    args = args.slice(1);
  } else if (args[0] === '--') args = args.slice(1);
  if (!args.length) return usage();
  let status = 0;
  for (const a of args) {
    if (a.startsWith('%')) {
      const j = findJob(sh, a);
      if (!j || j.task.done) {
        writeFd(io, 2, sh.dialect === 'dash' ? `${errPrefix(sh)}kill: No such job: ${a}\n` : `${errPrefix(sh)}kill: ${a}: no such job\n`);
        status = sh.dialect === 'dash' ? 2 : 1;
        continue;
      }
      signalTask(env.machine, j.task.id, sig);
      continue;
    }
    if (!/^-?[0-9]+$/.test(a)) {
      writeFd(io, 2, `${errPrefix(sh)}kill: ${a}: arguments must be process or job IDs\n`);
      status = 1;
      continue;
    }
    const p = m.procs.get(Number(a));
    const job = sh.jobs.find((j) => j.pid === Number(a) && !j.task.done);
    if (!p && !job) {
      writeFd(io, 2, `${errPrefix(sh)}kill: (${a}) - No such process\n`);
      status = 1;
      continue;
    }
    signalTask(m, job ? job.task.id : p!.taskId, sig);
  }
  return status;
};

/** Delivers a signal to the task that runs a process: INT interrupts, TERM/KILL end it, 0 only checks. */
function signalTask(m: BuiltinMachine, taskId: number, sig: number): void {
  const t = m.scheduler.live.find((x) => x.id === taskId);
  if (!t || sig === 0 || sig === 18 || sig === 19) return;
  if (sig === 2) m.scheduler.interrupt(t);
  else m.scheduler.kill(t, sig === 15 ? EXIT_SIGTERM : 128 + sig);
}

type BuiltinMachine = Parameters<ShellBuiltin>[0]['env']['machine'];
