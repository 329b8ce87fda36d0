/**
 * net-tools 2.10 (the reference system's `route`, `arp` and `netstat`): reading commands over
 * the same kernel state `ip` shows. Changing routes or neighbours through them is not part of
 * the lab; they say so and point at `ip`.
 */
import type { CommandModule, ProcContext, Wait } from '../../shell/process.ts';
import { kernelOf } from '../ip/common.ts';
import { printRoute } from './route.ts';
import { ROUTE_AFLIST, USAGE_ROUTE, VERSION } from './usage.ts';
import { arpCommand } from './arp.ts';
import { netstatCommand } from './netstat.ts';

const ROUTE_LONG: Record<string, string> = { numeric: 'n', extend: 'e', verbose: 'v', fib: 'F', version: 'V', help: 'h' };

function* routeProgram(ctx: ProcContext): Generator<Wait, number, void> {
  let numeric = false;
  const args = ctx.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === 'add' || a === 'del' || a === 'flush') {
      ctx.err(`route: "route ${a}" is not available in this lab (use ip route ${a === 'del' ? 'del' : a})\n`);
      return 1;
    }
    let letters: string[];
    if (a.startsWith('--')) {
      const l = ROUTE_LONG[a.slice(2)] ?? (a === '--inet' ? '4' : undefined);
      if (!l) {
        // route prints the families on stderr and its usage on stdout, and exits 0.
        ctx.err(`route: unrecognized option '${a}'\n${ROUTE_AFLIST}`);
        ctx.out(USAGE_ROUTE);
        return 0;
      }
      letters = [l];
    } else if (a.startsWith('-') && a.length > 1) letters = [...a.slice(1)];
    else if (a === 'inet') continue;
    else {
      ctx.err(`route: "${a}" is not available in this lab\n`);
      return 1;
    }
    for (const l of letters) {
      if (l === 'n') numeric = true;
      else if (l === 'e' || l === 'v' || l === 'F' || l === '4') continue;
      else if (l === 'A') {
        const af = args[++i];
        if (af !== 'inet') {
          ctx.err(`route: -A ${af ?? ''} is not available in this lab (IPv4 only)\n`);
          return 1;
        }
      } else if (l === 'V') {
        ctx.out(VERSION.route);
        return 0;
      } else if (l === 'h') {
        ctx.out(USAGE_ROUTE);
        return 0;
      } else {
        ctx.err(`route: -${l} is not available in this lab\n`);
        return 1;
      }
    }
  }
  return printRoute(ctx, kernelOf(ctx), numeric);
}

const routeCommand: CommandModule = { name: 'route', run: routeProgram };

/** net-tools' reading commands; see registry.ts. */
export const nettoolsCommands: CommandModule[] = [routeCommand, arpCommand, netstatCommand];
