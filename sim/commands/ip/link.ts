/**
 * `ip link`: add (veth, bridge), delete, set (up/down, name, mtu, address, txqueuelen, master,
 * nomaster, netns), show. Parse argv into a request, act on the kernel, print from its state.
 */
import type { Link } from '../../kernel/types.ts';
import { parseMac } from '../../kernel/addr-util.ts';
import { validIfname } from '../../kernel/link.ts';
import { matches, rtnlError, type IpEnv } from './common.ts';
import { briefLink, linkHeader, linkLayerLine, statsBlock } from './print-link.ts';
import { detailLines } from './details.ts';
import { writeJson } from './json-writer.ts';
import { briefLinkJson, linkJson } from './json-link.ts';
import { USAGE_IP_LINK } from './usage.ts';
import { resolveNetns } from './netns.ts';
import { parseLinkArgs } from './link-args.ts';

type Req =
  | { op: 'show'; dev?: string; up: boolean; master?: string; type?: string }
  | { op: 'add'; name?: string; type: string; peer?: string; peerNetns?: string; peerMac?: string; netns?: string; mac?: string; mtu?: number; txqlen?: number; link?: string }
  | { op: 'del'; dev: string }
  | { op: 'set'; dev: string; up?: boolean; name?: string; mtu?: number; mac?: string; txqlen?: number; master?: string | null; netns?: string }
  | { op: 'help' };

type Parsed = { ok: true; req: Req } | { ok: false; msg: string; code: number };
const bad = (msg: string, code = 255): Parsed => ({ ok: false, msg, code });

/** argv after `link` -> request, or iproute2's message and status. */
export function parseLink(argv: string[]): Parsed {
  const [cmd, ...a] = argv;
  if (cmd === undefined || matches(cmd, 'show') || matches(cmd, 'list') || matches(cmd, 'lst')) return parseShow(a);
  if (matches(cmd, 'add')) return parseAdd(a);
  if (matches(cmd, 'delete')) {
    let dev: string | undefined;
    for (let i = 0; i < a.length; i++) {
      if (a[i] === 'dev') dev = a[++i];
      else if (a[i] === 'type') i++;
      else dev = a[i];
    }
    if (!dev) return bad('Not enough information: "dev" argument is required.');
    return { ok: true, req: { op: 'del', dev } };
  }
  if (matches(cmd, 'set') || matches(cmd, 'change')) return parseSet(a);
  if (matches(cmd, 'help')) return { ok: true, req: { op: 'help' } };
  return bad(`Command "${cmd}" is unknown, try "ip link help".`);
}

function parseShow(a: string[]): Parsed {
  const r: Req & { op: 'show' } = { op: 'show', up: false };
  for (let i = 0; i < a.length; i++) {
    const w = a[i];
    if (w === 'up') r.up = true;
    else if (w === 'dev') r.dev = a[++i];
    else if (w === 'master') r.master = a[++i];
    else if (w === 'type') r.type = a[++i];
    else r.dev = w;
  }
  return { ok: true, req: r };
}

function parseAdd(a: string[]): Parsed {
  const p = parseLinkArgs(a);
  if (p === 'help') return { ok: true, req: { op: 'help' } };
  if ('msg' in p) return bad(p.msg, p.code);
  const r: Req & { op: 'add' } = { op: 'add', type: p.type ?? '', name: p.name ?? p.dev, netns: p.netns, mac: p.mac, mtu: p.mtu, txqlen: p.txqlen, link: p.link };
  if (r.name !== undefined && !validIfname(r.name) && r.name.length < 16) return bad(`Error: argument "${r.name}" is wrong: "dev" not a valid ifname`);
  // iplink_modify looks up `link DEV` before it asks for a type.
  if (!r.type && r.link === undefined) return bad('Not enough information: "type" argument is required', 1);
  // veth's own arguments: `peer` and then the peer's link arguments, parsed the same way.
  if (r.type === 'veth' && p.rest[0] === 'peer') {
    const q = parseLinkArgs(p.rest.slice(1));
    if (q === 'help') return { ok: true, req: { op: 'help' } };
    if ('msg' in q) return bad(q.msg, q.code);
    r.peer = q.name ?? q.dev;
    r.peerNetns = q.netns;
    r.peerMac = q.mac;
  }
  return { ok: true, req: r };
}

function parseSet(a: string[]): Parsed {
  const p = parseLinkArgs(a);
  if (p === 'help') return { ok: true, req: { op: 'help' } };
  if ('msg' in p) return bad(p.msg, p.code);
  if (p.dev === undefined) return bad('Not enough information: "dev" argument is required.');
  return { ok: true, req: { op: 'set', dev: p.dev, up: p.up, name: p.name, mtu: p.mtu, mac: p.mac, txqlen: p.txqlen, master: p.master, netns: p.netns } };
}


/** Runs `ip link ...`. */
export function ipLink(env: IpEnv, argv: string[]): number {
  const p = parseLink(argv);
  if (!p.ok) {
    env.err(p.msg + '\n');
    return p.code;
  }
  const r = p.req;
  const { k, opts } = env;
  const ns = opts.netnsId;
  switch (r.op) {
    case 'help':
      env.err(USAGE_IP_LINK);
      return 255;
    case 'show':
      return showLinks(env, r);
    case 'del': {
      const l = k.linkByName(ns, r.dev);
      if (!l) {
        env.err(`Cannot find device "${r.dev}"\n`);
        return 1;
      }
      const res = k.linkDelete(l);
      return res.ok ? 0 : rtnlError(env, res.error);
    }
    case 'add': {
      if (r.name !== undefined && r.name.length >= 16) return rtnlError(env, { errno: 'EINVAL', extack: 'Attribute failed policy validation' });
      let devNs = k.netns(ns)!;
      if (r.netns) {
        const t = resolveNetns(env, r.netns, true);
        if (t === undefined) {
          env.err(`Error: argument "${r.netns}" is wrong: Invalid "netns" value\n\n`);
          return 255;
        }
        devNs = k.netns(t)!;
      }
      if (r.link !== undefined && !k.linkByName(ns, r.link)) {
        env.err(`Cannot find device "${r.link}"\n`);
        return 1;
      }
      if (!r.type) {
        env.err('Not enough information: "type" argument is required\n');
        return 1;
      }
      if (!k.creatableKinds.has(r.type)) return rtnlError(env, { errno: 'EOPNOTSUPP', extack: 'Unknown device type' });
      if (r.type === 'bridge') {
        const res = k.bridgeAdd(devNs.id, r.name ?? nextName(env, devNs.id, 'bridge%d'));
        if (res.ok) applyCreateAttrs(env, res.value, r);
        return res.ok ? 0 : rtnlError(env, res.error);
      }
      let peerNs = devNs;
      if (r.peerNetns) {
        const t = resolveNetns(env, r.peerNetns, true);
        if (t === undefined) {
          env.err(`Error: argument "${r.peerNetns}" is wrong: Invalid "netns" value\n\n`);
          return 255;
        }
        peerNs = k.netns(t)!;
      }
      const res = k.vethAdd({ name: r.name, ns: devNs, peerName: r.peer, peerNs });
      if (!res.ok) return rtnlError(env, res.error);
      applyCreateAttrs(env, res.value, r);
      const peer = k.peerOf(res.value);
      if (peer && r.peerMac) k.linkSetMac(peer, parseMac(r.peerMac)!);
      return 0;
    }
    case 'set':
      return setLink(env, r);
  }
}

/** IFLA_ADDRESS, IFLA_MTU and IFLA_TXQLEN given with `ip link add`. */
function applyCreateAttrs(env: IpEnv, l: Link, r: Req & { op: 'add' }): void {
  if (r.mac) env.k.linkSetMac(l, parseMac(r.mac)!);
  if (r.mtu !== undefined) env.k.linkSetMtu(l, r.mtu);
  if (r.txqlen !== undefined) l.txqlen = r.txqlen;
}

function nextName(env: IpEnv, ns: number, pattern: string): string {
  for (let i = 0; ; i++) if (!env.k.linkByName(ns, pattern.replace('%d', String(i)))) return pattern.replace('%d', String(i));
}

function setLink(env: IpEnv, r: Req & { op: 'set' }): number {
  const { k } = env;
  const ns = env.opts.netnsId;
  if (r.mac !== undefined && !parseMac(r.mac)) {
    env.err(`"${r.mac}" is invalid lladdr.\n`);
    return 1;
  }
  let master: Link | undefined;
  if (typeof r.master === 'string') {
    master = k.linkByName(ns, r.master);
    if (!master) {
      env.err(`Error: argument "${r.master}" is wrong: Device does not exist\n\n`);
      return 255;
    }
  }
  let target: number | undefined;
  if (r.netns !== undefined) {
    target = resolveNetns(env, r.netns, true);
    if (target === undefined) {
      env.err(`Error: argument "${r.netns}" is wrong: Invalid "netns" value\n\n`);
      return 255;
    }
  }
  const l = k.linkByName(ns, r.dev);
  if (!l) {
    env.err(`Cannot find device "${r.dev}"\n`);
    return 1;
  }
  // do_setlink's order: namespace, address, mtu, name, master, flags, txqlen.
  if (target !== undefined) {
    const res = k.linkMove(l, k.netns(target)!);
    if (!res.ok) return rtnlError(env, res.error);
  }
  if (r.mac !== undefined) {
    const res = k.linkSetMac(l, parseMac(r.mac)!);
    if (!res.ok) return rtnlError(env, res.error);
  }
  if (r.mtu !== undefined) {
    const res = k.linkSetMtu(l, r.mtu);
    if (!res.ok) return rtnlError(env, res.error);
  }
  if (r.name !== undefined) {
    const res = k.linkRename(l, r.name);
    if (!res.ok) return rtnlError(env, res.error);
  }
  if (r.master !== undefined) {
    const res = k.linkSetMaster(l, master);
    if (!res.ok) return rtnlError(env, res.error);
  }
  if (r.up !== undefined) k.linkSetUp(l, r.up);
  if (r.txqlen !== undefined) l.txqlen = r.txqlen;
  return 0;
}

function showLinks(env: IpEnv, r: Req & { op: 'show' }): number {
  const { k, opts } = env;
  let links = k.links(opts.netnsId);
  if (r.dev !== undefined) {
    const l = k.linkByName(opts.netnsId, r.dev);
    if (!l) {
      env.err(`Device "${r.dev}" does not exist.\n`);
      return 1;
    }
    links = [l];
  }
  if (r.up) links = links.filter((l) => l.flags.up);
  if (r.master !== undefined) {
    const m = k.linkByName(opts.netnsId, r.master);
    if (!m) {
      env.err(`Device "${r.master}" does not exist.\n`);
      return 1;
    }
    links = links.filter((l) => l.master === m.index);
  }
  if (r.type !== undefined) links = links.filter((l) => l.kind === r.type);
  if (opts.json) {
    env.out(writeJson(links.map((l) => (opts.brief ? briefLinkJson(k, l) : linkJson(k, l, opts, true))), opts.pretty));
    return 0;
  }
  for (const l of links) env.out(formatLink(env, l, true));
  return 0;
}

/** One device as `ip link` prints it (also used by `ip addr` for the first two lines). */
export function formatLink(env: IpEnv, l: Link, mode: boolean): string {
  const { k, opts } = env;
  if (opts.brief) return briefLink(k, l) + '\n';
  const lines = [linkHeader(k, l, { mode }), '    ' + linkLayerLine(k, l)];
  if (opts.details) {
    const d = detailLines(k, l, mode);
    lines[1] += d[0];
    lines.push(...d.slice(1));
  }
  if (opts.stats) lines.push(...statsBlock(l, opts.stats));
  if (opts.oneline) return lines.join('\\') + '\n';
  return lines.join('\n') + '\n';
}
