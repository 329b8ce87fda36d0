/**
 * IPv4 FIB: user routes (add/replace/change/append/del) with the kernel's validation, and the
 * lookup shared by `ip route get` and the datapath. Tables are consulted in the default rule
 * order (local 255, main 254, default 253); within a table the longest prefix wins, then the
 * lowest metric, then the first inserted.
 */
import type { Kernel } from './kernel.ts';
import type { Link, Netns, Route, RouteType } from './types.ts';
import { fail, ok, type KResult } from './errno.ts';
import { inPrefix, ip4ToNum, networkOf } from './addr-util.ts';
import { devAddrs4, scopeNum } from './addr.ts';
import { markTable } from './route-tables.ts';

export interface RouteRequest {
  table: number;
  type: RouteType;
  dst: string;
  dstLen: number;
  dev?: number;
  gateway?: string;
  prefsrc?: string;
  metric?: number;
  scope?: Route['scope'];
  protocol?: string;
  onlink?: boolean;
}

export type RouteOp = 'add' | 'replace' | 'change' | 'append' | 'prepend';

const sameKey = (r: Route, q: RouteRequest) =>
  r.table === q.table && r.dst === q.dst && r.dstLen === q.dstLen && (r.metric ?? 0) === (q.metric ?? 0) && !r.dst.includes(':');

/** Adds or modifies a route as RTM_NEWROUTE with the op's flags would. */
export function routeModify(k: Kernel, ns: Netns, op: RouteOp, q: RouteRequest): KResult {
  const dstN = ip4ToNum(q.dst);
  if (dstN === undefined) return fail('EINVAL');
  if (networkOf(dstN, q.dstLen) !== dstN) return fail('EINVAL', 'Invalid prefix for given prefix length');
  const r: Route = {
    table: q.table,
    type: q.type,
    dst: q.dst,
    dstLen: q.dstLen,
    protocol: q.protocol ?? 'boot',
    scope: q.scope ?? 'global',
    metric: q.metric,
  };
  if (q.prefsrc) r.prefsrc = q.prefsrc;
  const needsNh = q.type === 'unicast' || q.type === 'local' || q.type === 'broadcast' || q.type === 'multicast' || q.type === 'anycast';
  if (needsNh) {
    if (q.onlink && q.dev === undefined) return fail('EINVAL', 'Nexthop device required for onlink');
    if (q.gateway) {
      const v = checkGateway(k, ns, q);
      if (!v.ok) return v;
      r.dev = v.value;
      r.gateway = q.gateway;
      if (q.onlink) r.onlink = true;
    } else {
      if (q.dev === undefined) return fail('ENODEV');
      r.dev = q.dev;
    }
    const dev = k.linkByIndex(ns.id, r.dev!)!;
    if (!dev.flags.up) return fail('ENETDOWN', q.gateway ? 'Nexthop device is not up' : 'Device for nexthop is not up');
  } else if (q.dev !== undefined) {
    r.dev = q.dev;
  }
  if (q.prefsrc && !ns.addrs4.some((a) => a.address === q.prefsrc)) return fail('EINVAL', 'Invalid prefsrc address');
  const i = ns.routes.findIndex((x) => sameKey(x, q));
  if (op !== 'change' || i >= 0) markTable(ns, q.table);
  switch (op) {
    case 'add':
      if (i >= 0) return fail('EEXIST');
      ns.routes.push(r);
      break;
    case 'append':
      ns.routes.push(r);
      break;
    case 'prepend':
      if (i >= 0) ns.routes.splice(i, 0, r);
      else ns.routes.push(r);
      break;
    case 'replace':
      if (i >= 0) ns.routes[i] = r;
      else ns.routes.push(r);
      break;
    case 'change':
      if (i < 0) return fail('ENOENT');
      ns.routes[i] = r;
      break;
  }
  return ok(undefined);
}

/** fib_check_nh for a gateway: it must be reachable through a link-scope or local route. */
function checkGateway(k: Kernel, ns: Netns, q: RouteRequest): KResult<number> {
  const gw = ip4ToNum(q.gateway!)!;
  if (q.onlink) {
    const dev = k.linkByIndex(ns.id, q.dev!)!;
    return ok(dev.index);
  }
  const res = fibLookup(ns, gw, { oif: q.dev, minScope: 253 });
  if (!res || (res.route.type !== 'unicast' && res.route.type !== 'local')) {
    return fail('EINVAL', 'Nexthop has invalid gateway');
  }
  if (q.dev !== undefined && res.route.type === 'unicast' && res.route.dev !== q.dev) return fail('EINVAL', 'Nexthop has invalid gateway');
  return ok(q.dev ?? res.route.dev!);
}

/** Deletes the first route matching the selector (unset fields match anything). */
export function routeDelete(ns: Netns, q: Partial<RouteRequest> & { dst: string; dstLen: number; table: number }): KResult {
  const i = ns.routes.findIndex(
    (r) =>
      !r.dst.includes(':') &&
      r.table === q.table &&
      r.dst === q.dst &&
      r.dstLen === q.dstLen &&
      (q.metric === undefined || (r.metric ?? 0) === q.metric) &&
      (q.dev === undefined || r.dev === q.dev) &&
      (q.gateway === undefined || r.gateway === q.gateway) &&
      (q.type === undefined || r.type === q.type),
  );
  if (i < 0) return fail('ESRCH');
  ns.routes.splice(i, 1);
  return ok(undefined);
}

const scopeRank = (s: Route['scope']): number => scopeNum(s as never);

/** Longest-prefix match in one namespace; `minScope` keeps only routes at least that narrow. */
export function fibLookup(
  ns: Netns,
  dst: number,
  opts: { oif?: number; minScope?: number; tables?: number[] } = {},
): { route: Route; table: number } | undefined {
  for (const table of opts.tables ?? [255, 254, 253]) {
    let best: Route | undefined;
    for (const r of ns.routes) {
      if (r.table !== table || r.dst.includes(':')) continue;
      if (opts.oif !== undefined && r.dev !== undefined && r.dev !== opts.oif && r.type !== 'local') continue;
      if (opts.minScope !== undefined && scopeRank(r.scope) < opts.minScope) continue;
      if (!inPrefix(dst, ip4ToNum(r.dst)!, r.dstLen)) continue;
      if (!best || r.dstLen > best.dstLen || (r.dstLen === best.dstLen && (r.metric ?? 0) < (best.metric ?? 0))) best = r;
    }
    if (best && best.type !== 'throw') return { route: best, table };
  }
  return undefined;
}

/** The result of a FIB lookup as `ip route get` and the datapath use it. */
export interface RouteResult {
  type: RouteType;
  route: Route;
  table: number;
  /** Output device (lo for local destinations). */
  dev: Link;
  /** Next hop when the route has a gateway. */
  gateway?: string;
  /** Source address the kernel would pick. */
  src?: string;
}

/**
 * ip_route_output_key for `dst` in namespace `netnsId`: errno ENETUNREACH (no route),
 * EHOSTUNREACH (unreachable), EACCES (prohibit) or EINVAL (blackhole) as the kernel answers.
 */
export function routeLookup(k: Kernel, netnsId: number, dst: string, opts: { oif?: number; src?: string } = {}): KResult<RouteResult> {
  const ns = k.netns(netnsId);
  const d = ip4ToNum(dst);
  if (!ns || d === undefined) return fail('EINVAL');
  const hit = fibLookup(ns, d, { oif: opts.oif });
  if (!hit) return fail('ENETUNREACH');
  const r = hit.route;
  if (r.type === 'blackhole') return fail('EINVAL');
  if (r.type === 'unreachable') return fail('EHOSTUNREACH');
  if (r.type === 'prohibit') return fail('EACCES');
  let dev = k.linkByIndex(netnsId, r.dev!)!;
  if (r.type === 'local') dev = k.linkByName(netnsId, 'lo') ?? dev;
  const src = opts.src ?? r.prefsrc ?? selectSrc(k, ns, k.linkByIndex(netnsId, r.dev!)!, r.gateway ?? dst, scopeRank(r.scope));
  return ok({ type: r.type, route: r, table: hit.table, dev, gateway: r.gateway, src });
}

/** inet_select_addr: a primary address on `dev` (same subnet as `near` preferred), else any global one. */
export function selectSrc(k: Kernel, ns: Netns, dev: Link, near: string, scope: number): string | undefined {
  const n = ip4ToNum(near)!;
  let first: string | undefined;
  for (const a of devAddrs4(ns, dev.index)) {
    if (a.secondary || scopeNum(a.scope) > Math.max(scope, 0)) continue;
    if (inPrefix(n, ip4ToNum(a.address)!, a.prefixLen)) return a.address;
    first ??= a.address;
  }
  if (first) return first;
  for (const l of k.links(ns.id)) {
    for (const a of devAddrs4(ns, l.index)) if (!a.secondary && scopeNum(a.scope) < 253) return a.address;
  }
  return undefined;
}
