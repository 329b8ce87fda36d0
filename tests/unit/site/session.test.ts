/**
 * LabSession against a small scripted machine: the log is replayed to the same state after a
 * "reload", an interrupted endless job is replayed to the same step, Reset goes back to the
 * lesson start. The double is deterministic like the simulator, which is all the session
 * relies on.
 */
import { describe, expect, it } from 'vitest';
import { LabSession, type Pacer } from '../../../src/lab/session.ts';
import type { LabJob, LabMachine, MachineFactory } from '../../../src/lab/machine-port.ts';
import { decodeLog, encodeLog } from '../../../src/lab/log.ts';
import { memoryStore } from './session-support.ts';

/** A machine with a counter: `inc N` adds N, `tick` runs forever adding 1 per second. */
class CounterMachine implements LabMachine {
  count = 0;
  files = new Map<string, string>();
  readonly fs = {
    readFile: (segs: string[]) => {
      const v = this.files.get('/' + segs.join('/'));
      return v === undefined ? { ok: false as const, errno: 'ENOENT' } : { ok: true as const, value: v };
    },
    writeFile: (segs: string[], data: string) => (this.files.set('/' + segs.join('/'), data), { ok: true as const, value: undefined }),
    mkdirp: () => {},
  };
  start(line: string, out: (t: string) => void): LabJob {
    const [cmd, arg] = line.split(' ');
    const self = this;
    let done = false;
    let stop = false;
    if (cmd === 'inc') {
      return {
        get done() { return done; },
        step() { self.count += Number(arg); out(`count ${self.count}\n`); done = true; return -1; },
        interrupt() {},
      };
    }
    if (cmd === 'tick') {
      return {
        get done() { return done; },
        step() {
          if (stop) { out('stopped\n'); done = true; return -1; }
          self.count += 1;
          out(`tick ${self.count}\n`);
          return 1000;
        },
        interrupt() { stop = true; },
      };
    }
    return { get done() { return done; }, step() { out(`${cmd}: command not found\n`); done = true; return -1; }, interrupt() {} };
  }
  snapshot() { return { count: this.count }; }
  prompt() { return '# '; }
  complete() { return []; }
}

const factory: MachineFactory = () => new CounterMachine();

/** Resolves waits at once but lets a test interrupt "during" the n-th wait. */
function pacer(onWait?: (n: number) => void): Pacer {
  let n = 0;
  return { wait: async () => { onWait?.(++n); } };
}

const config = { id: 'lesson/x', world: 'host' as const, setup: ['inc 10'], seed: 1 };

describe('LabSession', () => {
  it('runs setup silently, then commands, streaming output', async () => {
    const s = new LabSession(config, factory, memoryStore(), pacer());
    expect(s.snapshot.get()).toEqual({ count: 10 });
    const out: string[] = [];
    s.on((e) => e.type === 'output' && out.push(e.text));
    await s.run('inc 5');
    expect(out).toEqual(['count 15\n']);
    expect(s.snapshot.get()).toEqual({ count: 15 });
  });

  it('replays the log after a reload to the same state, with the transcript', async () => {
    const store = memoryStore();
    const a = new LabSession(config, factory, store, pacer());
    await a.run('inc 1');
    await a.run('inc 2');
    const b = new LabSession(config, factory, store, pacer());
    expect(b.snapshot.get()).toEqual({ count: 13 });
    expect(b.history()).toEqual(['inc 1', 'inc 2']);
    expect(b.transcript).toBe('# inc 1\ncount 11\n# inc 2\ncount 13\n');
  });

  it('replays an interrupted endless job to the step where it was stopped', async () => {
    const store = memoryStore();
    let session!: LabSession;
    session = new LabSession(config, factory, store, pacer((n) => n === 3 && session.interrupt()));
    await session.run('tick');
    const live = session.snapshot.get();
    expect(live).toEqual({ count: 13 });
    const again = new LabSession(config, factory, store, pacer());
    expect(again.snapshot.get()).toEqual(live);
    expect(again.transcript).toBe('# tick\ntick 11\ntick 12\ntick 13\n^Cstopped\n');
  });

  it('keeps a job that was still running when the page closed', async () => {
    const store = memoryStore();
    let session!: LabSession;
    let release!: () => void;
    session = new LabSession(config, factory, store, {
      wait: (_ms, wake) => new Promise((r) => { release = r; wake.addEventListener('abort', () => r()); }),
    });
    const running = session.run('tick');
    await Promise.resolve();
    session.flush(); // pagehide after one step
    const reloaded = new LabSession(config, factory, store, pacer());
    expect(reloaded.snapshot.get()).toEqual({ count: 11 });
    session.interrupt();
    release();
    await running;
  });

  it('keeps files saved by the editor across reloads', () => {
    const store = memoryStore();
    const a = new LabSession(config, factory, store, pacer());
    a.writeFile('/root/rules.v4', '*filter\nCOMMIT\n');
    const b = new LabSession(config, factory, store, pacer());
    expect(b.readFile('/root/rules.v4')).toBe('*filter\nCOMMIT\n');
  });

  it('Reset returns to the lesson start and forgets the log', async () => {
    const store = memoryStore();
    const s = new LabSession(config, factory, store, pacer());
    await s.run('inc 7');
    const events: string[] = [];
    s.on((e) => events.push(e.type));
    s.reset();
    expect(s.snapshot.get()).toEqual({ count: 10 });
    expect(events).toEqual(['reset']);
    expect(new LabSession(config, factory, store, pacer()).history()).toEqual([]);
  });

  it('drops a stored log when the lesson start changed', async () => {
    const store = memoryStore();
    await new LabSession(config, factory, store, pacer()).run('inc 1');
    const changed = new LabSession({ ...config, setup: ['inc 20'] }, factory, store, pacer());
    expect(changed.snapshot.get()).toEqual({ count: 20 });
    expect(changed.history()).toEqual([]);
  });

  it('ignores a corrupt stored record', () => {
    const store = memoryStore();
    store.setItem('netlab:lab:lesson/x', '{"v":1,"base":"x","entries":[{"line":5}]}');
    expect(new LabSession(config, factory, store, pacer()).history()).toEqual([]);
  });

  it('builds a replica in the same state without touching the learner machine', async () => {
    const s = new LabSession(config, factory, memoryStore(), pacer());
    await s.run('inc 3');
    const copy = s.replica();
    expect(copy.snapshot()).toEqual({ count: 13 });
    copy.start('inc 100', () => {}).step();
    expect(s.snapshot.get()).toEqual({ count: 13 });
  });

  it('starts from a shared log and stores it', () => {
    const store = memoryStore();
    const s = new LabSession(config, factory, store, pacer(), [{ line: 'inc 4' }]);
    expect(s.snapshot.get()).toEqual({ count: 14 });
    expect(new LabSession(config, factory, store, pacer()).history()).toEqual(['inc 4']);
  });
});

describe('share URL encoding', () => {
  it('round-trips a log, including text that looks like markup', async () => {
    const log = [{ line: "ip link add '<b>x</b>' type dummy" }, { line: 'ping 10.0.0.2', steps: 4 }, { write: '/root/a.sh', content: 'echo "é"\n' }];
    const text = await encodeLog(log);
    expect(text).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(await decodeLog(text)).toEqual(log);
  });
  it('rejects garbage', async () => {
    expect(await decodeLog('not-a-log')).toBeUndefined();
    expect(await decodeLog(await encodeLog([{ line: 1 } as never]))).toBeUndefined();
  });
});
