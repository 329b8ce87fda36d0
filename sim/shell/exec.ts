/**
 * The executor: runs parsed lists, and-or chains, pipelines and compound commands in a
 * shell state. Pipelines run their stages in order, each stage's output becoming the next
 * one's input (see process.ts). `&` starts a job on the machine's scheduler.
 */
import type { AndOr, Command, List, Pipeline } from './parse/ast.ts';
import { parse } from './parse/parser.ts';
import type { Wait } from './process.ts';
import { subshell, type ShellState } from './state.ts';
import { bufferSink, writeFd, type Io } from './io.ts';
import { formatSyntaxError } from './syntax-errors.ts';
import { applyRedirs } from './redirect.ts';
import { expandWord } from './expand.ts';
import { execSimple } from './simple.ts';
import type { ExecEnv } from './context.ts';
import { noticeJobs } from './builtins-shell/jobs.ts';

/** Parses and runs source text (a command line, a `-c` string or a script). */
export function* execSource(env: ExecEnv, sh: ShellState, src: string, io: Io): Generator<Wait, number, void> {
  const p = parse(src);
  if (!p.ok) {
    // The shell reads and runs one command at a time: the lines before the bad one run first.
    const before = src.split('\n').slice(0, p.error.line - 1).join('\n');
    const head = p.error.line > 1 && p.error.kind === 'unexpected' ? parse(before) : undefined;
    if (head?.ok) {
      yield* execList(env, sh, head.list, io);
      if (sh.exitRequested !== undefined || env.signal.interrupted) return sh.exitRequested ?? sh.status;
    }
    writeFd(io, 2, formatSyntaxError(sh, p.error, src));
    sh.status = 2;
    return 2;
  }
  return yield* execList(env, sh, p.list, io);
}

/** Stops a list early: Ctrl+C, `exit`, or `break`/`continue` inside a loop. */
const stopped = (env: ExecEnv, sh: ShellState) =>
  env.signal.interrupted || sh.exitRequested !== undefined || !!sh.loopCtl || sh.returnCtl !== undefined;

export function* execList(env: ExecEnv, sh: ShellState, list: List, io: Io): Generator<Wait, number, void> {
  for (const item of list.items) {
    if (stopped(env, sh)) break;
    if (item.background) startJob(env, sh, item.andOr, io);
    else sh.status = yield* execAndOr(env, sh, item.andOr, io);
  }
  return sh.exitRequested ?? sh.status;
}

function* execAndOr(env: ExecEnv, sh: ShellState, ao: AndOr, io: Io): Generator<Wait, number, void> {
  let status = yield* execPipeline(env, sh, ao.first, io);
  for (const r of ao.rest) {
    if (stopped(env, sh)) break;
    if ((r.op === '&&') === (status === 0)) {
      sh.status = status;
      status = yield* execPipeline(env, sh, r.pipeline, io);
    }
  }
  return status;
}

function* execPipeline(env: ExecEnv, sh: ShellState, p: Pipeline, io: Io): Generator<Wait, number, void> {
  let status: number;
  if (p.commands.length === 1) status = yield* execCommand(env, sh, p.commands[0], io);
  else {
    let stdin = io.stdin;
    status = 0;
    for (let k = 0; k < p.commands.length; k++) {
      const last = k === p.commands.length - 1;
      const buf = bufferSink();
      const fds = new Map(io.fds);
      if (!last) fds.set(1, buf);
      // Every stage of a pipeline runs in a subshell: `cd` in one does not last.
      status = yield* execCommand(env, subshell(sh), p.commands[k], { stdin, fds });
      stdin = buf.text;
      if (env.signal.interrupted) break;
    }
    reapAfterWait(sh, io);
  }
  return p.negate ? (status === 0 ? 1 : 0) : status;
}

/** Runs one command of any kind. */
export function* execCommand(env: ExecEnv, sh: ShellState, c: Command, io: Io): Generator<Wait, number, void> {
  if (c.type === 'simple') return yield* execSimple(env, sh, c, io);
  if (c.type === 'funcdef') {
    // Defining runs nothing; the body's redirections apply at each call.
    (sh.funcs ??= new Map()).set(c.name, { name: c.name, body: c.body });
    return 0;
  }
  sh.line = c.line;
  const rio = yield* applyRedirs(sh, c.redirs, io, (w) => expandOne(env, sh, w, io));
  if (typeof rio === 'number') return rio;
  switch (c.type) {
    case 'subshell': {
      const sub = subshell(sh);
      yield* execList(env, sub, c.body, rio);
      reapAfterWait(sh, io);
      return sub.exitRequested ?? sub.status;
    }
    case 'group':
      return yield* execList(env, sh, c.body, rio);
    case 'if': {
      for (const cl of c.clauses) {
        if ((yield* execList(env, sh, cl.cond, rio)) === 0) return yield* execList(env, sh, cl.body, rio);
        if (stopped(env, sh)) return sh.status;
      }
      return c.otherwise ? yield* execList(env, sh, c.otherwise, rio) : 0;
    }
    case 'for': {
      const items: string[] = [];
      if (c.items) for (const w of c.items) items.push(...(yield* expandWord(sh, w, substRunner(env, sh, io), rand(env))));
      else items.push(...sh.args);
      let status = 0;
      for (const v of items) {
        sh.vars.set(c.name, v);
        status = yield* execList(env, sh, c.body, rio);
        if (loopExit(sh)) break;
        if (stopped(env, sh)) break;
        yield { kind: 'sleep', ms: 0 };
      }
      return env.signal.interrupted ? 130 : status;
    }
    case 'while': {
      let status = 0;
      for (;;) {
        const cond = yield* execList(env, sh, c.cond, rio);
        if (stopped(env, sh) || (cond === 0) === c.until) break;
        status = yield* execList(env, sh, c.body, rio);
        if (loopExit(sh)) break;
        if (stopped(env, sh)) break;
        // A loop that never waits still yields, so the scheduler's budget can stop it.
        yield { kind: 'sleep', ms: 0 };
      }
      return env.signal.interrupted ? 130 : status;
    }
  }
}

/** A subshell or pipeline is a child the shell waits for: ended background jobs are reaped then. */
function reapAfterWait(sh: ShellState, io: Io): void {
  const notes = noticeJobs(sh);
  if (notes) writeFd(io, 2, notes);
}

/** Consumes a pending break/continue; true when the loop must end. */
function loopExit(sh: ShellState): boolean {
  const c = sh.loopCtl;
  sh.loopCtl = undefined;
  return c === 'break';
}

const rand = (env: ExecEnv) => () => env.machine.rng.int(0, 32767);

/** Command substitution: runs in a subshell, stdout captured, stderr passed through. */
export function substRunner(env: ExecEnv, sh: ShellState, io: Io) {
  return function* (src: string): Generator<Wait, string, void> {
    const sub = subshell(sh);
    const buf = bufferSink();
    const fds = new Map(io.fds);
    fds.set(1, buf);
    sh.substStatus = yield* execSource(env, sub, src, { stdin: '', fds });
    return buf.text;
  };
}

/** Expands a word to exactly one string (redirection targets, assignment values). */
export function* expandOne(env: ExecEnv, sh: ShellState, w: Parameters<typeof expandWord>[1], io: Io): Generator<Wait, string, void> {
  return (yield* expandWord(sh, w, substRunner(env, sh, io), rand(env), false)).join(' ');
}

/** Starts `ao` as a background job; an interactive shell prints "[N] PID". */
function startJob(env: ExecEnv, sh: ShellState, ao: AndOr, io: Io): void {
  const m = env.machine;
  const jobSh = subshell(sh);
  const pid = m.procs.allocPid();
  jobSh.reservedPid = pid;
  const signal = { interrupted: false };
  const jobEnv: ExecEnv = { machine: m, signal, taskId: 0 };
  const gen = (function* () {
    return yield* execAndOr(jobEnv, jobSh, ao, io);
  })();
  const task = m.scheduler.add(gen, signal);
  jobEnv.taskId = task.id;
  const id = (sh.jobs.length ? Math.max(...sh.jobs.map((j) => j.id)) : 0) + 1;
  sh.jobs.push({ id, pid, text: andOrText(ao), task, notified: false });
  sh.lastBgPid = pid;
  if (sh.mode.kind === 'interactive') writeFd(io, 2, `[${id}] ${pid}\n`);
}

/** The job's command text as `jobs` shows it. */
function andOrText(ao: AndOr): string {
  const pl = (p: Pipeline) => (p.negate ? '! ' : '') + p.commands.map(cmdText).join(' | ');
  return [pl(ao.first), ...ao.rest.map((r) => `${r.op} ${pl(r.pipeline)}`)].join(' ');
}

function cmdText(c: Command): string {
  if (c.type !== 'simple') return c.type === 'subshell' ? '( ... )' : c.type;
  const redir = c.redirs.map((r) => `${r.fd !== 1 && r.fd !== 0 ? r.fd : ''}${r.op}${r.target.raw}`);
  return [...c.assigns.map((a) => `${a.name}=${a.value.raw}`), ...c.words.map((w) => w.raw), ...redir].join(' ');
}
