/** sleep, true, false, clear, pwd, hostname, whoami, id, uname: small programs learners use. */
import type { CommandModule, ProcContext } from '../process.ts';
import { sleep as sleepWait, until } from '../process.ts';
import { EXIT_SIGINT } from '../../proc/scheduler.ts';
import { fsOf } from './util.ts';

/** Parses GNU sleep's durations: 1, 0.5, 2s, 3m, 1h, 1d. */
function duration(s: string): number | undefined {
  // strtod's "inf"/"infinity": `sleep infinity` is the usual way to keep a container running.
  if (/^inf(inity)?[smhd]?$/i.test(s)) return Infinity;
  const m = /^([0-9]*\.?[0-9]+)([smhd]?)$/.exec(s);
  if (!m) return undefined;
  return Number(m[1]) * { '': 1, s: 1, m: 60, h: 3600, d: 86400 }[m[2]]! * 1000;
}

function* sleep(ctx: ProcContext) {
  const args = ctx.argv.slice(1);
  if (!args.length) {
    ctx.err("sleep: missing operand\nTry 'sleep --help' for more information.\n");
    return 1;
  }
  let ms = 0;
  for (const a of args) {
    const d = duration(a);
    if (d === undefined) {
      ctx.err(`sleep: invalid time interval ‘${a}’\nTry 'sleep --help' for more information.\n`);
      return 1;
    }
    ms += d;
  }
  if (ms === Infinity) yield until(() => ctx.signal.interrupted || !!ctx.signal.killed);
  else yield sleepWait(Math.round(ms));
  return ctx.signal.interrupted ? EXIT_SIGINT : 0;
}

function* hostname(ctx: ProcContext) {
  const r = fsOf(ctx).readFile(['etc', 'hostname'], { netnsId: ctx.netnsId });
  ctx.out((r.ok ? r.value.trim() : 'localhost') + '\n');
  return 0;
}

function* uname(ctx: ProcContext) {
  const host = (() => {
    const r = fsOf(ctx).readFile(['etc', 'hostname'], { netnsId: ctx.netnsId });
    return r.ok ? r.value.trim() : 'localhost';
  })();
  const fields: Record<string, string> = { s: 'Linux', n: host, r: '6.18.44-fc-v782', v: '#1 SMP PREEMPT_DYNAMIC @0', m: 'x86_64', o: 'GNU/Linux' };
  const order = ['s', 'n', 'r', 'v', 'm', 'o'];
  let want = new Set<string>();
  for (const a of ctx.argv.slice(1)) {
    if (a === '-a' || a === '--all') want = new Set(order);
    else if (/^-[snrvmpio]+$/.test(a)) for (const c of a.slice(1)) want.add(c === 'p' || c === 'i' ? 'm' : c);
    else {
      ctx.err(a.startsWith('-') ? `uname: invalid option -- '${a[1]}'\nTry 'uname --help' for more information.\n` : `uname: extra operand ‘${a}’\nTry 'uname --help' for more information.\n`);
      return 1;
    }
  }
  if (!want.size) want.add('s');
  ctx.out(order.filter((k) => want.has(k)).map((k) => fields[k]).join(' ') + '\n');
  return 0;
}

const constant = (name: string, text: string, code = 0): CommandModule => ({
  name,
  *run(ctx) {
    if (text) ctx.out(text);
    return code;
  },
});

export const systemCommands: CommandModule[] = [
  { name: 'sleep', run: sleep },
  constant('true', ''),
  constant('false', '', 1),
  // clear writes home, erase screen and erase scrollback, as ncurses' clear does for xterm.
  constant('clear', '\x1b[H\x1b[2J\x1b[3J'),
  constant('whoami', 'root\n'),
  constant('id', 'uid=0(root) gid=0(root) groups=0(root)\n'),
  { name: 'pwd', *run(ctx) { ctx.out((ctx.cwd ?? '/') + '\n'); return 0; } },
  { name: 'hostname', run: hostname },
  { name: 'uname', run: uname },
];
