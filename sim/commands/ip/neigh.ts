/**
 * `ip neigh`: add, replace, change, del, flush, show.
 */
import type { NeighState } from '../../kernel/types.ts';
import { inPrefix, ip4ToNum, parseMac } from '../../kernel/addr-util.ts';
import { neighStateNow } from '../../kernel/neigh.ts';
import { writeJson, type JsonObject } from './json-writer.ts';
import { matches, parsePrefix4, rtnlError, type IpEnv } from './common.ts';
import { USAGE_IP_NEIGH } from './usage.ts';

/** Runs `ip neigh ...`. */
export function ipNeigh(env: IpEnv, argv: string[]): number {
  const [cmd, ...a] = argv;
  if (cmd === undefined || matches(cmd, 'show') || matches(cmd, 'list') || matches(cmd, 'lst')) return show(env, a, false);
  if (matches(cmd, 'flush')) return show(env, a, true);
  if (matches(cmd, 'add')) return modify(env, a, { create: true, replace: false });
  if (matches(cmd, 'replace')) return modify(env, a, { create: true, replace: true });
  if (matches(cmd, 'change') || cmd === 'chg') return modify(env, a, { create: false, replace: true });
  if (matches(cmd, 'delete')) return modify(env, a, { del: true, create: false, replace: false });
  if (matches(cmd, 'help')) {
    env.err(USAGE_IP_NEIGH);
    return 255;
  }
  env.err(`Command "${cmd}" is unknown, try "ip neigh help".\n`);
  return 255;
}

function modify(env: IpEnv, a: string[], mode: { create: boolean; replace: boolean; del?: boolean }): number {
  let dst: string | undefined;
  let dev: string | undefined;
  let lladdr: string | undefined;
  let state: NeighState = 'PERMANENT';
  let router = false;
  for (let i = 0; i < a.length; i++) {
    const w = a[i];
    if (w === 'dev') dev = a[++i];
    else if (w === 'router') router = true;
    else if (w === 'lladdr') {
      const m = a[++i];
      lladdr = parseMac(m ?? '');
      if (!lladdr) {
        env.err(`"${m}" is invalid lladdr.\n`);
        return 1;
      }
    } else if (w === 'nud') state = (a[++i] ?? '').toUpperCase() as NeighState;
    else if (w === 'to') continue;
    else dst = w;
  }
  if (!dev || !dst) {
    env.err('Device and destination are required arguments.\n');
    return 255;
  }
  const p = parsePrefix4(dst);
  if (!p || dst.includes('/')) {
    env.err(`Error: any valid address is expected rather than "${dst}".\n`);
    return 1;
  }
  const link = env.k.linkByName(env.opts.netnsId, dev);
  if (!link) {
    env.err(`Cannot find device "${dev}"\n`);
    return 1;
  }
  const r = mode.del
    ? env.k.neighDelete(env.opts.netnsId, link.index, p.address)
    : env.k.neighSet(env.opts.netnsId, { index: link.index, address: p.address, lladdr, state, create: mode.create, replace: mode.replace });
  // NTF_ROUTER travels with the request: the entry is marked as a router's (`ip neigh` says so).
  if (r.ok && !mode.del) {
    const n = env.k.neighLookup(env.opts.netnsId, link.index, p.address);
    if (n) n.router = router;
  }
  return r.ok ? 0 : rtnlError(env, r.error);
}

function show(env: IpEnv, a: string[], flush: boolean): number {
  let dev: string | undefined;
  let to: { address: string; len: number } | undefined;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === 'dev') dev = a[++i];
    else if (a[i] === 'nud') i++;
    else if (a[i] !== 'to' && a[i] !== 'all') {
      const p = parsePrefix4(a[i]);
      if (!p) {
        env.err(`Error: any valid prefix is expected rather than "${a[i]}".\n`);
        return 1;
      }
      to = p;
    }
  }
  const { k } = env;
  const ns = k.netns(env.opts.netnsId)!;
  let index: number | undefined;
  if (dev !== undefined) {
    const l = k.linkByName(ns.id, dev);
    if (!l) {
      env.err(`Cannot find device "${dev}"\n`);
      return 1;
    }
    index = l.index;
  }
  if (flush) {
    ns.neigh = ns.neigh.filter((n) => (index !== undefined && n.index !== index) || n.state === 'PERMANENT' || n.state === 'NOARP');
    return 0;
  }
  let nud: string | undefined;
  for (let i = 0; i < a.length; i++) if (a[i] === 'nud') nud = (a[++i] ?? '').toUpperCase();
  if (env.opts.family === 6) {
    if (env.opts.json) env.out(writeJson([], env.opts.pretty));
    return 0;
  }
  const json: JsonObject[] = [];
  for (const n of ns.neigh) {
    if (index !== undefined && n.index !== index) continue;
    if (to && !inPrefix(ip4ToNum(n.address)!, ip4ToNum(to.address)!, to.len)) continue;
    // Without `nud`, iproute2 hides NOARP entries; `nud all` shows everything.
    if (nud === undefined ? n.state === 'NOARP' : nud !== 'ALL' && n.state !== nud) continue;
    const l = k.linkByIndex(ns.id, n.index);
    const st = neighStateNow(k, n);
    if (env.opts.json) {
      const o: JsonObject = { dst: n.address };
      if (index === undefined) o.dev = l?.name ?? '';
      if (n.lladdr && st !== 'INCOMPLETE' && st !== 'FAILED') o.lladdr = n.lladdr;
      if (n.router) o.router = null;
      o.state = [st];
      json.push(o);
      continue;
    }
    const parts = [n.address];
    if (index === undefined) parts.push(`dev ${l?.name}`);
    if (n.lladdr && st !== 'INCOMPLETE' && st !== 'FAILED') parts.push(`lladdr ${n.lladdr}`);
    if (n.router) parts.push('router');
    parts.push(st);
    env.out(parts.join(' ') + ' \n');
  }
  if (env.opts.json) env.out(writeJson(json, env.opts.pretty));
  return 0;
}
