/**
 * The fidelity harness: finds the scenarios, gets the real kernel's transcript of each (live
 * through `../shared/tools/record-real` when this machine can, otherwise the committed
 * recording), runs the simulator on the same lines with record-real's semantics, and
 * normalizes every transcript with the one normalizer, `../shared/tools/normalize-transcript`.
 *
 * Paths: the shared tools live beside the repository (`/work/shared` for `/work/main` in
 * development, `../shared` beside the clone in CI); NETLAB_SHARED overrides that.
 * NETLAB_FIDELITY=recorded forces the committed recordings; NETLAB_FIDELITY=live makes a
 * machine that cannot record live an error instead of a silent fallback (CI sets it).
 *
 * Live recordings are cached under node_modules/.cache/netlab-fidelity, keyed by the
 * scenario's text, record-real itself, the kernel release and the tools' versions, so
 * rerunning the tests on an unchanged scenario does not replay it on the kernel again (a
 * clean clone, as in CI, always records). NETLAB_FIDELITY_CACHE=0 turns the cache off.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, accessSync, constants, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { availableParallelism, release } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMachine, replayOn, scenarioCommands } from '../../sim/index.ts';

/** The repository root (two levels above this file). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The fidelity folder. */
export const fidelityDir = join(repoRoot, 'tests', 'fidelity');
/** The shared tools folder beside the repository. */
export const sharedDir = process.env.NETLAB_SHARED ?? resolve(repoRoot, '..', 'shared');
export const recordReal = join(sharedDir, 'tools', 'record-real');
export const normalizer = join(sharedDir, 'tools', 'normalize-transcript');
/** The seed the simulator runs scenarios with (any seed must do: MACs are masked). */
export const SEED = 1;

/** A scenario file and where its recording lives. */
export interface Scenario {
  name: string;
  /** 'scenarios' must match; 'pending' is run and counted but does not fail the suite. */
  kind: 'scenarios' | 'pending';
  path: string;
  recordedPath: string;
}

/**
 * The scenarios of one kind, sorted by name. Active ones are `scenarios/NAME.txt` with
 * `recorded/NAME.txt`; pending ones mirror that under `pending/`.
 */
export function listScenarios(kind: Scenario['kind']): Scenario[] {
  const base = kind === 'scenarios' ? fidelityDir : join(fidelityDir, 'pending');
  const dir = join(base, 'scenarios');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((name) => ({ name, kind, path: join(dir, name), recordedPath: join(base, 'recorded', name) }));
}

/** Recording files that have no scenario beside them (left behind by a rename or a move). */
export function orphanRecordings(kind: Scenario['kind']): string[] {
  const base = kind === 'scenarios' ? fidelityDir : join(fidelityDir, 'pending');
  const dir = join(base, 'recorded');
  if (!existsSync(dir)) return [];
  const names = new Set(listScenarios(kind).map((s) => s.name));
  return readdirSync(dir).filter((f) => !names.has(f)).map((f) => join(dir, f));
}

/** Whether live recording is possible here, and if not, why. */
export interface LiveStatus {
  live: boolean;
  reason: string;
}

/** Decides once whether scenarios are recorded live (root, iproute2, usable unshare, tools). */
export function liveStatus(): LiveStatus {
  const mode = process.env.NETLAB_FIDELITY;
  const why = (reason: string): LiveStatus => {
    if (mode === 'live') throw new Error(`NETLAB_FIDELITY=live but live recording is impossible: ${reason}`);
    return { live: false, reason };
  };
  if (mode === 'recorded') return { live: false, reason: 'NETLAB_FIDELITY=recorded' };
  if (process.getuid?.() !== 0) return why('not running as root');
  try {
    accessSync(recordReal, constants.X_OK);
  } catch {
    return why(`${recordReal} is missing or not executable`);
  }
  if (spawnSync('ip', ['-V'], { stdio: 'ignore' }).status !== 0) return why('iproute2 (ip) is not installed');
  const probe = spawnSync('unshare', ['--net', '--mount', 'true'], { encoding: 'utf8' });
  if (probe.status !== 0) return why(`unshare --net --mount fails: ${(probe.stderr || String(probe.error)).trim()}`);
  return { live: true, reason: 'root with iproute2 and unshare' };
}

/** How many record-real runs go at once (NETLAB_RECORD_JOBS overrides). */
export function recordJobs(): number {
  const env = Number(process.env.NETLAB_RECORD_JOBS);
  if (Number.isInteger(env) && env > 0) return env;
  // record-real mostly waits (pings, timeouts, its own 0.2 s pause), so twice the cores.
  return Math.min(8, Math.max(2, availableParallelism() * 2));
}

/**
 * The directory record-real runs in: root's home, where the simulator's `bash -c` starts too,
 * so `pwd` and relative paths print the same on both sides wherever the repository lives.
 */
export const recordCwd = existsSync('/root') ? '/root' : repoRoot;

/** Runs record-real on one scenario; resolves with its raw transcript. */
export function recordOne(path: string, timeoutMs = 180_000): Promise<string> {
  return new Promise((done, fail) => {
    const child = spawn(recordReal, [path], { cwd: recordCwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      fail(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const stderr = Buffer.concat(err).toString('utf8').trim();
      if (code === 0) done(Buffer.concat(out).toString('utf8'));
      else fail(new Error(`record-real ${path} ended with ${signal ?? `exit ${code}`}${stderr ? `: ${stderr}` : ''}`));
    });
  });
}

/** Live transcripts by scenario path (or why recording failed), and how many were cached. */
export interface LiveRecordings {
  results: Map<string, Promise<string | Error>>;
  fromCache: number;
}

const cacheDir = join(repoRoot, 'node_modules', '.cache', 'netlab-fidelity');

/** What a live recording depends on besides the scenario: recorder, kernel, tool versions. */
function environmentKey(): string {
  const version = (cmd: string, args: string[]) => spawnSync(cmd, args, { encoding: 'utf8' }).stdout ?? '';
  return [
    readFileSync(recordReal, 'utf8'),
    recordCwd,
    release(),
    version('ip', ['-V']),
    version('iptables', ['-V']),
  ].join('\0');
}

/** The cache file of a scenario's live recording, or null when caching is off. */
function cachePath(path: string, env: string): string | null {
  if (process.env.NETLAB_FIDELITY_CACHE === '0') return null;
  const hash = createHash('sha256').update(env).update('\0').update(readFileSync(path)).digest('hex');
  return join(cacheDir, `${hash}.txt`);
}

/**
 * Records many scenarios at once, at most `jobs` at a time, in the order given, and returns
 * at once with one promise per scenario, so each comparison can start as soon as its own
 * recording is in. A scenario that reads the kernel log (`dmesg`) runs alone, after the
 * others, because the log is shared by every namespace and a neighbour's LOG lines would
 * leak into it. Each result is the raw transcript or the recording error.
 */
export function recordAll(paths: string[], jobs = recordJobs()): LiveRecordings {
  const env = environmentKey();
  const results = new Map<string, Promise<string | Error>>();
  const settle = new Map<string, (v: string | Error) => void>();
  const todo: string[] = [];
  for (const p of paths) {
    const cached = cachePath(p, env);
    if (cached && existsSync(cached)) {
      results.set(p, Promise.resolve(readFileSync(cached, 'utf8')));
    } else {
      results.set(p, new Promise((resolve) => settle.set(p, resolve)));
      todo.push(p);
    }
  }
  const run = async (p: string) => {
    let result: string | Error;
    try {
      result = await recordOne(p);
      const cached = cachePath(p, env);
      if (cached) {
        // Several test runs may share the cache: write aside, then rename into place.
        mkdirSync(cacheDir, { recursive: true });
        writeFileSync(`${cached}.${process.pid}`, result);
        renameSync(`${cached}.${process.pid}`, cached);
      }
    } catch (e) {
      result = e instanceof Error ? e : new Error(String(e));
    }
    settle.get(p)!(result);
  };
  const solo = todo.filter((p) => /\bdmesg\b/.test(readFileSync(p, 'utf8')));
  const queue = todo.filter((p) => !solo.includes(p));
  const worker = async () => {
    for (let p = queue.shift(); p !== undefined; p = queue.shift()) await run(p);
  };
  void (async () => {
    await Promise.all(Array.from({ length: Math.min(jobs, queue.length) }, worker));
    for (const p of solo) await run(p);
  })();
  return { results, fromCache: paths.length - todo.length };
}

// Loads normalize-transcript as a module and maps its normalize() over a JSON list, so a
// whole suite is normalized by one Python process instead of one per transcript.
const NORMALIZE_MANY = `
import sys, json, importlib.util, importlib.machinery
loader = importlib.machinery.SourceFileLoader("normalize_transcript", sys.argv[1])
spec = importlib.util.spec_from_loader("normalize_transcript", loader)
mod = importlib.util.module_from_spec(spec)
loader.exec_module(mod)
texts = json.loads(sys.stdin.buffer.read().decode("utf-8"))
sys.stdout.buffer.write(json.dumps([mod.normalize(t) for t in texts]).encode("utf-8"))
`;

/** Normalizes transcripts with ../shared/tools/normalize-transcript (one python3 run). */
export function normalizeMany(texts: string[]): string[] {
  if (texts.length === 0) return [];
  if (!existsSync(normalizer)) {
    throw new Error(`the normalizer ${normalizer} is missing: clone the repository beside ../shared or set NETLAB_SHARED`);
  }
  const r = spawnSync('python3', ['-c', NORMALIZE_MANY, normalizer], {
    input: JSON.stringify(texts),
    maxBuffer: 1 << 30,
  });
  if (r.status !== 0) throw new Error(`normalize-transcript failed: ${r.error ?? r.stderr.toString('utf8')}`);
  return JSON.parse(r.stdout.toString('utf8')) as string[];
}

/** The scenario's `$ CMD` header lines as they look after normalization. */
export function headerLines(scenarioText: string): string[] {
  return scenarioCommands(scenarioText).map((c) => `$ ${c.text}`);
}

/**
 * The simulator's raw transcript of a scenario: a bare machine (a fresh namespace's host),
 * each line in its own subshell, exactly as `netlab replay --bare --seed SEED FILE`.
 * A throw is returned as an Error so one broken scenario does not hide the others.
 */
export function simulate(scenarioText: string, seed = SEED): string | Error {
  try {
    return replayOn(createMachine({ seed, world: 'bare' }), scenarioText);
  } catch (e) {
    return e instanceof Error ? e : new Error(String(e));
  }
}

/** The command that reproduces the simulator's side of a scenario by hand. */
export function replayCommand(s: Scenario): string {
  return `npx netlab replay --bare --seed ${SEED} ${s.path.slice(repoRoot.length + 1)}`;
}

/** The command that (re)records a scenario's golden transcript on the real kernel. */
export function recordCommand(s: Scenario): string {
  return `npm run fidelity:record -- ${s.path.slice(repoRoot.length + 1)}`;
}
