/**
 * `trace`: the packet journey as text (our own tool, not a Debian one), for learners who
 * prefer text and for screen readers. The format is documented in `trace --help`.
 */
import type { CommandModule, ProcContext, Wait } from '../../shell/process.ts';
import { kernelJourney, kernelJourneyGroups } from '../../observe/journey-machine.ts';
import { headline } from '../../observe/journey-store.ts';
import { groupListing, journeyText } from '../../observe/journey-text.ts';
import { TRACE_USAGE } from './usage.ts';

interface TraceArgs {
  all: boolean;
  list: boolean;
  verbose: boolean;
  id?: number;
}

function usageError(ctx: ProcContext, what: string): number {
  ctx.err(`trace: ${what}\nTry 'trace --help' for more information.\n`);
  return 2;
}

/** Parses argv; a string is an error message, 'help' asks for the usage. */
function parse(argv: string[]): TraceArgs | string | 'help' {
  const a: TraceArgs = { all: false, list: false, verbose: false };
  for (const w of argv.slice(1)) {
    if (w === '-h' || w === '--help') return 'help';
    if (/^-[alv]+$/.test(w)) {
      for (const c of w.slice(1)) {
        if (c === 'a') a.all = true;
        else if (c === 'l') a.list = true;
        else a.verbose = true;
      }
    } else if (/^\d+$/.test(w) && a.id === undefined) a.id = Number(w);
    else if (w.startsWith('-')) return w.startsWith('--') ? `unrecognized option '${w}'` : `invalid option -- '${w.replace(/^-[alv]*/, '')[0]}'`;
    else return `bad journey number '${w}'`;
  }
  return a;
}

function* trace(ctx: ProcContext): Generator<Wait, number, void> {
  const a = parse(ctx.argv);
  if (a === 'help') {
    ctx.out(TRACE_USAGE);
    return 0;
  }
  if (typeof a === 'string') return usageError(ctx, a);
  const k = ctx.machine.kernel;
  const opts = { keepOutside: a.verbose };
  if (a.list) {
    const groups = kernelJourneyGroups(k, { ...opts, withTraffic: true });
    if (!groups.length) {
      ctx.out('No command has sent packets yet.\n');
      return 0;
    }
    ctx.out(groups.map(groupListing).join(''));
    return 0;
  }
  if (a.id !== undefined) {
    const j = kernelJourney(k, a.id, opts);
    if (!j) {
      ctx.err(`trace: no journey ${a.id} (see trace -l)\n`);
      return 1;
    }
    ctx.out(journeyText(j));
    return 0;
  }
  const last = kernelJourneyGroups(k, { ...opts, withTraffic: true }).at(-1);
  if (!last) {
    ctx.err('trace: no command has sent packets yet\n');
    return 1;
  }
  const shown = a.all ? last.entries : headline(last);
  ctx.out(`Command: ${last.line}\n` + shown.map((e) => journeyText(e.journey)).join(''));
  return 0;
}

/** The `trace` command. */
export const traceCommand: CommandModule = {
  name: 'trace',
  run: trace,
  complete: () => ['-a', '-l', '-v', '--help'],
};
