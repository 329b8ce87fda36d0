/**
 * `ip address`: add, del, flush, show (with -4/-6, -br, -o, `dev X`, `up`).
 */
import type { Ipv4Address, Ipv6Address, Link } from '../../kernel/types.ts';
import { broadcastOf, ip4ToNum, numToIp4 } from '../../kernel/addr-util.ts';
import { devAddrs4 } from '../../kernel/addr.ts';
import { matches, parsePrefix4, rtnlError, type IpEnv } from './common.ts';
import { formatLink } from './link.ts';
import { flagsOf, nameWithPeer, stateOf } from './print-link.ts';
import { USAGE_IP_ADDR } from './usage.ts';
import { writeJson, type JsonObject } from './json-writer.ts';
import { briefAddrJson, inet6Json, inetJson, linkJson, statsKeys } from './json-link.ts';

interface ModReq {
  op: 'add' | 'del';
  local?: string;
  dev?: string;
  brd?: string;
  label?: string;
  scope?: Ipv4Address['scope'];
  noprefixroute?: boolean;
}

/** Runs `ip address ...`. */
export function ipAddr(env: IpEnv, argv: string[]): number {
  const [cmd, ...a] = argv;
  if (cmd === undefined || matches(cmd, 'list') || matches(cmd, 'show') || matches(cmd, 'lst')) return show(env, a);
  if (matches(cmd, 'add') || matches(cmd, 'replace')) return modify(env, 'add', a);
  if (matches(cmd, 'delete')) return modify(env, 'del', a);
  if (matches(cmd, 'flush')) return flush(env, a);
  if (matches(cmd, 'help')) {
    env.err(USAGE_IP_ADDR);
    return 255;
  }
  env.err(`Command "${cmd}" is unknown, try "ip address help".\n`);
  return 255;
}

function modify(env: IpEnv, op: 'add' | 'del', a: string[]): number {
  const r: ModReq = { op };
  for (let i = 0; i < a.length; i++) {
    const w = a[i];
    if (w === 'dev') r.dev = a[++i];
    else if (w === 'brd' || w === 'broadcast') r.brd = a[++i];
    else if (w === 'label') r.label = a[++i];
    else if (w === 'scope') r.scope = a[++i] as Ipv4Address['scope'];
    else if (w === 'noprefixroute') r.noprefixroute = true;
    else if (w === 'local') r.local = a[++i];
    else if (r.local === undefined) r.local = w;
  }
  let pfx: ReturnType<typeof parsePrefix4>;
  if (r.local !== undefined) {
    pfx = parsePrefix4(r.local);
    if (!pfx) {
      env.err(`Error: any valid prefix is expected rather than "${r.local}".\n`);
      return 1;
    }
  }
  if (op === 'del' && pfx && !pfx.explicitLen) {
    env.err(
      'Warning: Executing wildcard deletion to stay compatible with old scripts.\n' +
        `         Explicitly specify the prefix length (${r.local}/32) to avoid this warning.\n` +
        '         This special behaviour is likely to disappear in further releases,\n' +
        '         fix your scripts!\n',
    );
  }
  if (r.dev === undefined) {
    env.err('Not enough information: "dev" argument is required.\n');
    return 1;
  }
  const { k } = env;
  const link = k.linkByName(env.opts.netnsId, r.dev);
  if (!link) {
    env.err(`Cannot find device "${r.dev}"\n`);
    return 1;
  }
  if (!pfx) return rtnlError(env, { errno: 'EOPNOTSUPP' });
  if (op === 'del') {
    const res = k.addrDel(link, pfx.address, pfx.explicitLen ? pfx.len : undefined);
    return res.ok ? 0 : rtnlError(env, res.error);
  }
  let brd: string | undefined;
  if (r.brd === '+' || r.brd === '-') {
    const n = ip4ToNum(pfx.address)!;
    brd = r.brd === '+' ? numToIp4(broadcastOf(n, pfx.len)) : numToIp4((n & ~(0xffffffff >>> pfx.len)) >>> 0);
  } else if (r.brd !== undefined) brd = r.brd;
  const scope = r.scope ?? (pfx.address.startsWith('127.') ? 'host' : 'global');
  const res = k.addrAdd(link, { address: pfx.address, prefixLen: pfx.len, broadcast: brd, label: r.label, scope, noprefixroute: r.noprefixroute });
  return res.ok ? 0 : rtnlError(env, res.error);
}

function flush(env: IpEnv, a: string[]): number {
  let dev: string | undefined;
  for (let i = 0; i < a.length; i++) dev = a[i] === 'dev' ? a[++i] : a[i];
  if (dev === undefined) {
    env.err('Flush requires arguments.\n');
    return 1;
  }
  const link = env.k.linkByName(env.opts.netnsId, dev);
  if (!link) {
    env.err(`Device "${dev}" does not exist.\n`);
    return 1;
  }
  env.k.addrFlush(link, undefined, env.opts.family !== 4);
  return 0;
}

function show(env: IpEnv, a: string[]): number {
  const { k, opts } = env;
  let dev: string | undefined;
  let up = false;
  for (let i = 0; i < a.length; i++) {
    if (['dev', 'scope', 'label', 'to'].includes(a[i]) && i + 1 >= a.length) {
      env.err('Command line is not complete. Try option "help"\n');
      return 255;
    }
    if (a[i] === 'dev') dev = a[++i];
    else if (a[i] === 'up') up = true;
    else if (a[i] === 'scope' || a[i] === 'label' || a[i] === 'to') i++;
    else dev = a[i];
  }
  let links = k.links(opts.netnsId);
  if (dev !== undefined) {
    const l = k.linkByName(opts.netnsId, dev);
    if (!l) {
      env.err(`Device "${dev}" does not exist.\n`);
      return 1;
    }
    links = [l];
  }
  const ns = k.netns(opts.netnsId)!;
  if (opts.json) {
    env.out(writeJson(addrJson(env, links, up, dev !== undefined), opts.pretty));
    return 0;
  }
  if (up) links = links.filter((l) => l.flags.up);
  for (const l of links) {
    const v4 = opts.family === 6 ? [] : devAddrs4(ns, l.index);
    const v6 = opts.family === 4 ? [] : ns.addrs6.filter((x) => x.index === l.index);
    if (opts.brief) {
      if (opts.family && !v4.length && !v6.length) continue;
      const list = [...v4.map((x) => `${x.address}/${x.prefixLen}`), ...v6.map((x) => `${x.address}/${x.prefixLen}`)];
      env.out(`${nameWithPeer(k, l).padEnd(16)} ${stateOf(l).padEnd(14)} ${list.map((x) => x + ' ').join('')}\n`);
      continue;
    }
    if (opts.oneline) {
      for (const x of v4) env.out(`${l.index}: ${l.name}    ${inetLine(x, l)}\\       valid_lft forever preferred_lft forever\n`);
      for (const x of v6) env.out(`${l.index}: ${l.name}    ${inet6Line(x)}\\       valid_lft forever preferred_lft forever\n`);
      continue;
    }
    if (opts.family === 6 && dev !== undefined) {
      if (!v6.length) continue;
      env.out(formatLink({ ...env, opts: { ...opts, stats: 0 } }, l, false).split('\n')[0] + '\n');
    } else if (opts.family === 4) {
      if (!v4.length) continue;
      env.out(formatLink({ ...env, opts: { ...opts, stats: 0 } }, l, false).split('\n')[0] + '\n');
    } else if (opts.family === 6 && dev === undefined) {
      if (!v6.length) continue;
      env.out(`${l.index}: ${nameWithPeer(k, l)}: <${flagsOf(k, l)}> mtu ${l.mtu} state ${stateOf(l)} qlen ${l.txqlen}\n`);
    } else {
      env.out(formatLink(env, l, false));
    }
    for (const x of v4) env.out(`    ${inetLine(x, l)}\n       valid_lft forever preferred_lft forever\n`);
    for (const x of v6) env.out(`    ${inet6Line(x)}\n       valid_lft forever preferred_lft forever\n`);
  }
  return 0;
}

const scopeName = (s: Ipv4Address['scope']): string => String(s);

function inetLine(x: Ipv4Address, l: Link): string {
  return (
    `inet ${x.address}/${x.prefixLen}` +
    (x.broadcast ? ` brd ${x.broadcast}` : '') +
    ` scope ${scopeName(x.scope)}` +
    (x.secondary ? ' secondary' : '') +
    (x.noprefixroute ? ' noprefixroute' : '') +
    ` ${x.label ?? l.name}`
  );
}

function inet6Line(x: Ipv6Address): string {
  return `inet6 ${x.address}/${x.prefixLen} scope ${x.scope} `;
}

/**
 * `ip -j addr`: one object per device with its `addr_info`. As iproute2 6.1.0 does, a device
 * left out by `up` still opens (and closes) an empty object, and -o lists bare address
 * records with their `index` and `dev`.
 */
function addrJson(env: IpEnv, links: Link[], up: boolean, named: boolean): JsonObject[] {
  const { k, opts } = env;
  const ns = k.netns(opts.netnsId)!;
  const out: JsonObject[] = [];
  for (const l of links) {
    if (up && !l.flags.up) {
      out.push({});
      continue;
    }
    const v4 = opts.family === 6 ? [] : devAddrs4(ns, l.index);
    const v6 = opts.family === 4 ? [] : ns.addrs6.filter((x) => x.index === l.index);
    const info = [...v4.map((x) => inetJson(x, l)), ...v6.map((x) => inet6Json(x))];
    if (opts.oneline) {
      out.push({ addr_info: info.map((x) => ({ index: l.index, dev: l.name, ...x })) });
      continue;
    }
    if (opts.family && !info.length) continue;
    if (opts.brief) {
      out.push(briefAddrJson(k, l, v4, v6));
      continue;
    }
    let o: JsonObject;
    if (opts.family === 6 && !named) {
      o = linkJson(k, l, opts, false, false);
      for (const key of ['qdisc', 'group', 'master']) delete o[key];
    } else o = linkJson(k, l, opts, false, opts.family === undefined);
    o.addr_info = info;
    if (opts.stats && opts.family === undefined) Object.assign(o, statsKeys(l, opts.stats));
    out.push(o);
  }
  return out;
}
