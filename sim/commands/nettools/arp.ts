/**
 * net-tools 2.10 `arp`: the IPv4 neighbour table as /proc/net/arp lists it (NOARP entries
 * left out; INCOMPLETE and FAILED as "(incomplete)", flags C for a known address and M for a
 * permanent one), in Linux style or BSD style (-a). Reading only: -s, -d and -f change the
 * table and are not part of the lab. Without -n names come from /etc/hosts.
 */
import type { CommandModule, ProcContext, Wait } from '../../shell/process.ts';
import { kernelOf } from '../ip/common.ts';
import { neighStateNow } from '../../kernel/neigh.ts';
import { hostsByAddress } from './route.ts';
import { USAGE_ARP, VERSION } from './usage.ts';

const LONG: Record<string, string> = { numeric: 'n', verbose: 'v', device: 'i', version: 'V', help: 'h' };

function* arpProgram(ctx: ProcContext): Generator<Wait, number, void> {
  let numeric = false;
  let bsd = false;
  let iface: string | undefined;
  let host: string | undefined;
  const args = ctx.argv.slice(1);
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    let letters: string[];
    if (a.startsWith('--')) {
      const l = LONG[a.slice(2)];
      if (!l) {
        ctx.err(`arp: unrecognized option '${a}'\n${USAGE_ARP}`);
        return 3;
      }
      letters = [l];
    } else if (a.startsWith('-') && a.length > 1) letters = [...a.slice(1)];
    else {
      host = a;
      continue;
    }
    for (const l of letters) {
      if (l === 'n') numeric = true;
      else if (l === 'a') bsd = true;
      else if (l === 'e' || l === 'v') continue;
      else if (l === 'i') iface = args[++i];
      else if (l === 'V') {
        ctx.out(VERSION.arp);
        return 0;
      } else if ('sdfDHAp'.includes(l)) {
        ctx.err(`arp: -${l} is not available in this lab (use ip neigh)\n`);
        return 1;
      } else {
        ctx.err(`arp: invalid option -- '${l}'\n${USAGE_ARP}`);
        return 3;
      }
    }
  }
  const k = kernelOf(ctx);
  const ns = k.netns(ctx.netnsId)!;
  const hosts = numeric ? new Map<string, string>() : hostsByAddress(ctx);
  const all = ns.neigh.filter((n) => neighStateNow(k, n) !== 'NOARP' && !n.address.includes(':'));
  const shown = all.filter((n) => (host === undefined || n.address === host) && (iface === undefined || k.linkByIndex(ns.id, n.index)?.name === iface));
  if (!shown.length) {
    if (host !== undefined) ctx.out(`${host} (${host}) -- no entry\n`);
    else if (iface !== undefined) ctx.out(`arp: in ${all.length} entries no match found.\n`);
    return 0;
  }
  let title = false;
  for (const n of shown) {
    const st = neighStateNow(k, n);
    const dev = k.linkByIndex(ns.id, n.index)?.name ?? '';
    const complete = st !== 'INCOMPLETE' && st !== 'FAILED' && n.lladdr !== undefined;
    const perm = st === 'PERMANENT';
    const name = hosts.get(n.address);
    if (bsd) {
      const who = `${name ?? '?'} (${n.address})`;
      ctx.out(complete ? `${who} at ${n.lladdr} [ether]${perm ? ' PERM' : ''} on ${dev}\n` : `${who} at <incomplete> on ${dev}\n`);
      continue;
    }
    if (!title) {
      ctx.out('Address                  HWtype  HWaddress           Flags Mask            Iface\n');
      title = true;
    }
    const flags = complete ? (perm ? 'CM' : 'C') : '';
    const hw = complete ? `${'ether'.padEnd(8)}${n.lladdr!.padEnd(20)}` : `${''.padEnd(8)}${'(incomplete)'.padEnd(20)}`;
    ctx.out(`${(name ?? n.address).slice(0, 23).padEnd(23)}  ${hw}${flags.padEnd(6)}${''.padEnd(15)} ${dev}\n`);
  }
  return 0;
}

export const arpCommand: CommandModule = { name: 'arp', run: arpProgram };
