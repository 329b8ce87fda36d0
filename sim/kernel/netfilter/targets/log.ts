/**
 * LOG: writes the packet to the kernel log as nf_log_syslog formats it (`IN=eth0 OUT= MAC=...
 * SRC=... DST=... LEN=84 TOS=0x00 PREC=0x00 TTL=64 ID=... DF PROTO=ICMP TYPE=8 CODE=0 ID=1
 * SEQ=1 `) and lets the packet continue.
 */
import { registerTarget } from '../ext.ts';
import type { TargetCtx } from '../ext.ts';
import type { Ipv4Packet } from '../../packet.ts';
import { ipLength } from '../../packet.ts';
import { saveString } from '../matches/quote.ts';

/** Level names as libxt_LOG lists them (the first name of a level is the one printed). */
const LEVELS: [string, number][] = [
  ['emerg', 0], ['alert', 1], ['crit', 2], ['error', 3], ['warning', 4], ['notice', 5], ['info', 6], ['debug', 7],
  ['panic', 0], ['err', 3], ['warn', 4],
];
const PRINT_NAMES = ['emerg', 'alert', 'crit', 'err', 'warn', 'notice', 'info', 'debug'];

const hex2 = (n: number) => n.toString(16).toUpperCase().padStart(2, '0');

/** The packet part of a LOG line (also used for the packet quoted in an ICMP error). */
export function dumpIpv4(p: Ipv4Packet, seqs: boolean): string {
  let s = `SRC=${p.src} DST=${p.dst} LEN=${ipLength(p)} TOS=0x${hex2(p.tos & 0x1e)} PREC=0x${hex2(p.tos & 0xe0)} TTL=${p.ttl} ID=${p.id} `;
  if (p.df) s += 'DF ';
  const l4 = p.l4;
  if (l4.proto === 'tcp') {
    const t = l4.tcp;
    s += `PROTO=TCP SPT=${t.sport} DPT=${t.dport} `;
    if (seqs) s += `SEQ=${t.seq} ACK=${t.ack} `;
    s += `WINDOW=${t.window} RES=0x00 `;
    const f = t.flags;
    if (f.urg) s += 'URG ';
    if (f.ack) s += 'ACK ';
    if (f.psh) s += 'PSH ';
    if (f.rst) s += 'RST ';
    if (f.syn) s += 'SYN ';
    if (f.fin) s += 'FIN ';
    s += 'URGP=0 ';
  } else if (l4.proto === 'udp') {
    s += `PROTO=UDP SPT=${l4.udp.sport} DPT=${l4.udp.dport} LEN=${8 + l4.udp.data.length} `;
  } else {
    const i = l4.icmp;
    s += `PROTO=ICMP TYPE=${i.type} CODE=${i.code} `;
    if (i.type === 0 || i.type === 8) s += `ID=${i.id ?? 0} SEQ=${i.seq ?? 0} `;
    if (i.type === 3 && i.code === 4 && i.mtu !== undefined) s += `MTU=${i.mtu} `;
    if (i.inner) s += `[${dumpIpv4(i.inner, seqs)}] `;
  }
  return s;
}

function macField(ctx: TargetCtx): string {
  const dev = ctx.inDev!;
  const n = ctx.netns.neigh.find((x) => x.index === dev.index && x.address === ctx.pkt.src && x.lladdr);
  const src = n?.lladdr ?? '00:00:00:00:00:00';
  return `MAC=${dev.mac}:${src}:08:00 `;
}

registerTarget({
  name: 'LOG',
  options: {
    'log-level': { arg: true }, 'log-prefix': { arg: true }, 'log-tcp-sequence': { arg: false },
    'log-tcp-options': { arg: false }, 'log-ip-options': { arg: false }, 'log-uid': { arg: false }, 'log-macdecode': { arg: false },
  },
  init: () => ({ level: 4 }),
  parse(d, opt, arg) {
    if (opt === 'log-level') {
      const n = /^\d+$/.test(arg ?? '') ? Number(arg) : LEVELS.find(([x]) => x === arg)?.[1];
      if (n === undefined || n > 7) return `log level "${arg}" unknown\n`;
      d.level = n;
    } else if (opt === 'log-prefix') {
      if ((arg ?? '').length > 29) d.prefix = (arg ?? '').slice(0, 29);
      else d.prefix = arg ?? '';
    } else d[opt] = true;
    return undefined;
  },
  save(d) {
    let s = '';
    if (d.prefix !== undefined) s += ` --log-prefix${saveString(d.prefix as string)}`;
    if (d.level !== 4) s += ` --log-level ${d.level as number}`;
    if (d['log-tcp-sequence']) s += ' --log-tcp-sequence';
    if (d['log-tcp-options']) s += ' --log-tcp-options';
    if (d['log-ip-options']) s += ' --log-ip-options';
    if (d['log-uid']) s += ' --log-uid';
    if (d['log-macdecode']) s += ' --log-macdecode';
    return s;
  },
  list(d, numeric) {
    let s = ' LOG';
    if (numeric) {
      const flags = (d['log-tcp-sequence'] ? 1 : 0) | (d['log-tcp-options'] ? 2 : 0) | (d['log-ip-options'] ? 4 : 0) | (d['log-uid'] ? 8 : 0) | (d['log-macdecode'] ? 0x20 : 0);
      s += ` flags ${flags} level ${d.level as number}`;
    } else {
      s += ` level ${PRINT_NAMES[d.level as number]}`;
      if (d['log-tcp-sequence']) s += ' tcp-sequence';
      if (d['log-tcp-options']) s += ' tcp-options';
      if (d['log-ip-options']) s += ' ip-options';
      if (d['log-uid']) s += ' uid';
      if (d['log-macdecode']) s += ' macdecode';
    }
    if (d.prefix !== undefined) s += ` prefix "${d.prefix as string}"`;
    return s;
  },
  run(d, ctx) {
    let line = `${(d.prefix as string | undefined) ?? ''}IN=${ctx.inDev?.name ?? ''} OUT=${ctx.outDev?.name ?? ''} `;
    if (ctx.skb.physIn) line += `PHYSIN=${ctx.skb.physIn} `;
    if (ctx.skb.physOut) line += `PHYSOUT=${ctx.skb.physOut} `;
    if (ctx.inDev) line += macField(ctx);
    line += dumpIpv4(ctx.pkt, !!d['log-tcp-sequence']);
    ctx.log(d.level as number, line);
    return 'CONTINUE';
  },
});
