/**
 * `ip route`: add/del/replace/change/append/prepend, show/list with selectors, flush, get.
 * Routes print in the FIB's dump order: table by table, then by destination (longest prefix
 * first for the same address), then metric, then insertion order.
 */
import type { Route, RouteType } from '../../kernel/types.ts';
import { ip4ToNum } from '../../kernel/addr-util.ts';
import type { RouteOp, RouteRequest } from '../../kernel/route.ts';
import { matches, parsePrefix4, rtnlError, type IpEnv } from './common.ts';
import { USAGE_IP_ROUTE } from './usage.ts';
import { tableExists } from '../../kernel/route-tables.ts';
import { writeJson, type JsonObject } from './json-writer.ts';

const TYPES = new Set(['unicast', 'local', 'broadcast', 'multicast', 'blackhole', 'unreachable', 'prohibit', 'throw', 'anycast']);
const TABLES: Record<string, number> = { main: 254, local: 255, default: 253, all: 0 };

/** Runs `ip route ...`. */
export function ipRoute(env: IpEnv, argv: string[]): number {
  const [cmd, ...a] = argv;
  if (cmd === undefined || matches(cmd, 'list') || matches(cmd, 'show') || matches(cmd, 'lst')) return show(env, a, false);
  if (matches(cmd, 'get')) return get(env, a);
  if (matches(cmd, 'flush')) return show(env, a, true);
  const ops: [string, RouteOp][] = [['add', 'add'], ['change', 'change'], ['replace', 'replace'], ['prepend', 'prepend'], ['append', 'append']];
  for (const [w, op] of ops) if (matches(cmd, w) || (w === 'change' && cmd === 'chg')) return modify(env, op, a);
  if (matches(cmd, 'delete')) return del(env, a);
  if (matches(cmd, 'help')) {
    env.err(USAGE_IP_ROUTE);
    return 255;
  }
  env.err(`Command "${cmd}" is unknown, try "ip route help".\n`);
  return 255;
}

interface Spec {
  type?: RouteType;
  dst?: { address: string; len: number };
  via?: string;
  dev?: string;
  src?: string;
  metric?: number;
  table?: number;
  scope?: Route['scope'];
  proto?: string;
  onlink?: boolean;
}

function parseSpec(env: IpEnv, a: string[]): Spec | number {
  const s: Spec = {};
  for (let i = 0; i < a.length; i++) {
    const w = a[i];
    if (w === 'via') s.via = a[++i];
    else if (w === 'dev' || w === 'oif') s.dev = a[++i];
    else if (w === 'src') s.src = a[++i];
    else if (w === 'metric' || w === 'priority' || w === 'preference') s.metric = Number(a[++i]);
    else if (w === 'table') {
      const t = a[++i];
      s.table = TABLES[t] ?? Number(t);
    } else if (w === 'scope') s.scope = a[++i] as Route['scope'];
    else if (w === 'proto' || w === 'protocol') s.proto = a[++i];
    else if (w === 'onlink') s.onlink = true;
    else if (TYPES.has(w) && s.dst === undefined) s.type = w as RouteType;
    else if (w === 'to') continue;
    else if (w === 'default' || w === 'all' || w === 'any') s.dst = { address: '0.0.0.0', len: 0 };
    else {
      const p = parsePrefix4(w);
      if (!p) {
        env.err(`Error: any valid prefix is expected rather than "${w}".\n`);
        return 1;
      }
      s.dst = { address: p.address, len: p.len };
    }
  }
  return s;
}

function devIndex(env: IpEnv, name: string | undefined): number | undefined | false {
  if (name === undefined) return undefined;
  const l = env.k.linkByName(env.opts.netnsId, name);
  if (!l) {
    env.err(`Cannot find device "${name}"\n`);
    return false;
  }
  return l.index;
}

function modify(env: IpEnv, op: RouteOp, a: string[]): number {
  if (!a.length) {
    env.err(USAGE_IP_ROUTE);
    return 255;
  }
  const s = parseSpec(env, a);
  if (typeof s === 'number') return s;
  const dev = devIndex(env, s.dev);
  if (dev === false) return 1;
  if (!s.dst) {
    env.err('Error: either "to" is a duplicate, or "' + a[a.length - 1] + '" is a garbage.\n');
    return 255;
  }
  const type = s.type ?? 'unicast';
  const table = s.table ?? (type === 'local' || type === 'broadcast' ? 255 : 254);
  const scope = s.scope ?? (type === 'local' ? 'host' : type === 'unicast' && !s.via ? 'link' : type === 'broadcast' ? 'link' : 'global');
  const req: RouteRequest = {
    table,
    type,
    dst: s.dst.address,
    dstLen: s.dst.len,
    dev,
    gateway: s.via,
    prefsrc: s.src,
    metric: s.metric,
    scope,
    protocol: s.proto ?? 'boot',
    onlink: s.onlink,
  };
  const r = env.k.routeModify(env.opts.netnsId, op, req);
  return r.ok ? 0 : rtnlError(env, r.error);
}

function del(env: IpEnv, a: string[]): number {
  const s = parseSpec(env, a);
  if (typeof s === 'number') return s;
  const dev = devIndex(env, s.dev);
  if (dev === false) return 1;
  if (!s.dst) return rtnlError(env, { errno: 'ESRCH' });
  const r = env.k.routeDelete(env.opts.netnsId, {
    table: s.table ?? (s.type === 'local' || s.type === 'broadcast' ? 255 : 254),
    dst: s.dst.address,
    dstLen: s.dst.len,
    dev,
    gateway: s.via,
    metric: s.metric,
    type: s.type,
  });
  return r.ok ? 0 : rtnlError(env, r.error);
}

/** Orders routes as the FIB dumps them. */
export function dumpOrder(a: Route, b: Route): number {
  const v6a = a.dst.includes(':') ? 1 : 0;
  const v6b = b.dst.includes(':') ? 1 : 0;
  if (v6a !== v6b) return v6a - v6b;
  if (a.table !== b.table) return a.table - b.table;
  const c = keyCmp(a.dst, b.dst);
  if (c) return c;
  if (a.dstLen !== b.dstLen) return b.dstLen - a.dstLen;
  return (a.metric ?? 0) - (b.metric ?? 0);
}

function keyCmp(a: string, b: string): number {
  if (a.includes(':')) {
    const x = expand6(a);
    const y = expand6(b);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  return ip4ToNum(a)! - ip4ToNum(b)!;
}

function expand6(s: string): string {
  const [h, t] = s.split('::');
  const hp = h ? h.split(':') : [];
  const tp = t !== undefined && t ? t.split(':') : [];
  const mid = Array(8 - hp.length - tp.length).fill('0');
  return [...hp, ...(t !== undefined ? mid : []), ...tp].map((g) => g.padStart(4, '0')).join(':');
}

function show(env: IpEnv, a: string[], flush: boolean): number {
  const s = parseSpec(env, a);
  if (typeof s === 'number') return s;
  const dev = devIndex(env, s.dev);
  if (dev === false) return 1;
  const { k, opts } = env;
  const ns = k.netns(opts.netnsId)!;
  const table = s.table ?? 254;
  const fam = opts.family;
  let routes = ns.routes.filter((r) => (table === 0 || r.table === table) && (fam === 6 ? r.dst.includes(':') : fam === 4 || table !== 0 ? !r.dst.includes(':') : true));
  if (fam === undefined && table !== 0) routes = routes.filter((r) => !r.dst.includes(':'));
  if (dev !== undefined) routes = routes.filter((r) => r.dev === dev);
  if (s.proto) routes = routes.filter((r) => r.protocol === s.proto);
  if (s.dst) routes = routes.filter((r) => r.dst === s.dst!.address && r.dstLen === s.dst!.len);
  if (s.type) routes = routes.filter((r) => r.type === s.type);
  if (s.scope) routes = routes.filter((r) => r.scope === s.scope);
  if (s.via) routes = routes.filter((r) => r.gateway === s.via);
  routes = [...routes].sort(dumpOrder);
  if (flush) {
    const gone = new Set(routes);
    ns.routes = ns.routes.filter((r) => !gone.has(r));
    return 0;
  }
  if (s.table !== undefined && s.table !== 0 && fam !== 6 && !tableExists(ns, s.table)) {
    env.err('Error: ipv4: FIB table does not exist.\nDump terminated\n');
    return 2;
  }
  const shown = { table: table === 0, dev: dev === undefined, proto: !s.proto };
  if (opts.json) {
    env.out(writeJson(routes.map((r) => routeJson(env, r, shown)), opts.pretty));
    return 0;
  }
  for (const r of routes) env.out(formatRoute(env, r, shown) + '\n');
  return 0;
}

const tableName = (t: number): string => (t === 255 ? 'local' : t === 253 ? 'default' : t === 254 ? 'main' : String(t));

/** One route as `ip -j route` prints it: the text form's fields as keys, `flags` always. */
export function routeJson(env: IpEnv, r: Route, show: { table: boolean; dev: boolean; proto: boolean }): JsonObject {
  const { k, opts } = env;
  const v6 = r.dst.includes(':');
  const o: JsonObject = {};
  if (r.type !== 'unicast') o.type = r.type;
  o.dst = r.dstLen === 0 ? 'default' : r.dstLen === (v6 ? 128 : 32) ? r.dst : `${r.dst}/${r.dstLen}`;
  if (r.gateway) o.gateway = r.gateway;
  const dev = r.dev !== undefined ? k.linkByIndex(opts.netnsId, r.dev) : undefined;
  if (dev && show.dev) o.dev = dev.name;
  if (show.table && r.table !== 254) o.table = tableName(r.table);
  if (show.proto && r.protocol !== 'boot') o.protocol = r.protocol;
  if (!v6 && r.scope !== 'global') o.scope = String(r.scope);
  if (!v6 && r.prefsrc) o.prefsrc = r.prefsrc;
  if (v6 || r.metric) o.metric = r.metric ?? 0;
  const flags: string[] = [];
  if (r.onlink) flags.push('onlink');
  if (dev && r.type !== 'local' && dev.flags.up && !dev.flags.lowerUp) flags.push('linkdown');
  o.flags = flags;
  if (v6) o.pref = r.pref ?? 'medium';
  return o;
}

/** One route as `ip route` prints it. */
export function formatRoute(env: IpEnv, r: Route, show: { table: boolean; dev: boolean; proto: boolean }): string {
  const { k, opts } = env;
  const v6 = r.dst.includes(':');
  const dst = r.dstLen === 0 ? 'default' : r.dstLen === (v6 ? 128 : 32) ? r.dst : `${r.dst}/${r.dstLen}`;
  const parts: string[] = [];
  if (r.type !== 'unicast') parts.push(r.type);
  parts.push(dst);
  if (r.gateway) parts.push(`via ${r.gateway}`);
  const dev = r.dev !== undefined ? k.linkByIndex(opts.netnsId, r.dev) : undefined;
  if (dev && show.dev) parts.push(`dev ${dev.name}`);
  if (show.table && r.table !== 254) parts.push(`table ${r.table === 255 ? 'local' : r.table === 253 ? 'default' : r.table}`);
  if (show.proto && r.protocol !== 'boot') parts.push(`proto ${r.protocol}`);
  if (!v6 && r.scope !== 'global') parts.push(`scope ${r.scope}`);
  if (!v6 && r.prefsrc) parts.push(`src ${r.prefsrc}`);
  if (v6 || r.metric) parts.push(`metric ${r.metric ?? 0}`);
  if (r.onlink) parts.push('onlink');
  const linkdown = dev && r.type !== 'local' && dev.flags.up && !dev.flags.lowerUp;
  if (linkdown) parts.push('linkdown');
  if (v6) return parts.join(' ') + ` pref ${r.pref ?? 'medium'}`;
  return parts.join(' ') + ' ';
}

function get(env: IpEnv, a: string[]): number {
  let dst: string | undefined;
  let from: string | undefined;
  let oif: string | undefined;
  let iif: string | undefined;
  for (let i = 0; i < a.length; i++) {
    const w = a[i];
    if (w === 'from') from = a[++i];
    else if (w === 'oif' || w === 'dev') oif = a[++i];
    else if (w === 'to') continue;
    else if (w === 'iif') iif = a[++i];
    else if (w === 'mark' || w === 'tos' || w === 'uid') i++;
    else if (w === 'fibmatch' || w === 'connected') continue;
    else dst = w;
  }
  const p = dst !== undefined ? parsePrefix4(dst) : undefined;
  if (!p) {
    env.err(`Error: any valid prefix is expected rather than "${dst ?? ''}".\n`);
    return 1;
  }
  const o = devIndex(env, oif);
  if (o === false) return 1;
  if (iif !== undefined) return getInput(env, p.address, from, iif);
  const r = env.k.routeLookup(env.opts.netnsId, p.address, { oif: o, src: from });
  if (!r.ok) return rtnlError(env, r.error);
  const res = r.value;
  const parts: string[] = [];
  if (res.type !== 'unicast') parts.push(res.type);
  parts.push(p.address);
  if (from) parts.push(`from ${from}`);
  if (res.gateway) parts.push(`via ${res.gateway}`);
  parts.push(`dev ${res.dev.name}`);
  if (!from && res.src) parts.push(`src ${res.src}`);
  parts.push('uid 0');
  const flags = res.type === 'local' ? ' <local>' : res.type === 'broadcast' ? ' <local,brd>' : '';
  if (env.opts.json) {
    const o: JsonObject = {};
    if (res.type !== 'unicast') o.type = res.type;
    o.dst = p.address;
    if (from) o.from = from;
    if (res.gateway) o.gateway = res.gateway;
    o.dev = res.dev.name;
    if (!from && res.src) o.prefsrc = res.src;
    Object.assign(o, { flags: [], uid: 0, cache: res.type === 'local' ? ['local'] : res.type === 'broadcast' ? ['local', 'brd'] : [] });
    env.out(writeJson([o], env.opts.pretty));
    return 0;
  }
  env.out(`${parts.join(' ')} \n    cache${flags} \n`);
  return 0;
}

/**
 * `ip route get DST from SRC iif DEV`: the lookup a packet arriving on DEV gets (input route):
 * local and broadcast destinations are delivered through lo, others are forwarded only when
 * DEV forwards (EHOSTUNREACH otherwise). The kernel wants a source with iif (EINVAL).
 */
function getInput(env: IpEnv, dst: string, from: string | undefined, iif: string): number {
  const i = devIndex(env, iif);
  if (i === false) return 1;
  if (from === undefined) return rtnlError(env, { errno: 'EINVAL' });
  const r = env.k.routeLookup(env.opts.netnsId, dst, {});
  if (!r.ok) return rtnlError(env, r.error);
  const res = r.value;
  const local = res.type === 'local' || res.type === 'broadcast';
  const fwd = env.k.netns(env.opts.netnsId)!.sysctl.get(`net.ipv4.conf.${iif.replace(/\./g, '/')}.forwarding`) ?? '0';
  if (!local && Number(fwd) === 0) return rtnlError(env, { errno: 'EHOSTUNREACH' });
  const dev = local ? 'lo' : res.dev.name;
  const cache = res.type === 'local' ? ['local'] : res.type === 'broadcast' ? ['local', 'brd'] : [];
  if (env.opts.json) {
    const o: JsonObject = {};
    if (res.type !== 'unicast') o.type = res.type;
    Object.assign(o, { dst, from });
    if (res.gateway && !local) o.gateway = res.gateway;
    Object.assign(o, { dev, flags: [], cache, iif });
    env.out(writeJson([o], env.opts.pretty));
    return 0;
  }
  const parts: string[] = [];
  if (res.type !== 'unicast') parts.push(res.type);
  parts.push(dst, `from ${from}`);
  if (res.gateway && !local) parts.push(`via ${res.gateway}`);
  parts.push(`dev ${dev}`);
  env.out(`${parts.join(' ')} \n    cache${cache.length ? ` <${cache.join(',')}>` : ''} iif ${iif} \n`);
  return 0;
}
