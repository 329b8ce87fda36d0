/**
 * The Engine 28.3+/29.x rule layout (moby `daemon/libnetwork/drivers/bridge/internal/iptabler`):
 * FORWARD -> DOCKER-USER, DOCKER-FORWARD -> {DOCKER-CT, DOCKER-INTERNAL, DOCKER-BRIDGE}, a
 * per-bridge default DROP in DOCKER, raw-table DROPs against direct routing, and no hairpin
 * MASQUERADE while the userland proxy is on. Steps follow the source's call order.
 */
import type { Step, IptTable } from './steps.ts';
import { type Firewaller, type DaemonFwConfig, type NetworkFw, type PortFw, natJumpArgs, linkArgs, dnatHostArg, isV4, loopbackNet } from './types.ts';

const ap = (table: IptTable, chain: string, args: string[]): Step => ({ kind: 'append', table, chain, args });
const ins = (table: IptTable, chain: string, args: string[]): Step => ({ kind: 'insert', table, chain, args });
const del = (table: IptTable, chain: string, args: string[]): Step => ({ kind: 'delete', table, chain, args });
/** Rule.Insert or Rule.Delete, as programChainRule picks. */
const prog = (on: boolean, table: IptTable, chain: string, args: string[]): Step => (on ? ins : del)(table, chain, args);
/** Rule.Append or Rule.Delete, as appendOrDelChainRule picks. */
const apd = (on: boolean, table: IptTable, chain: string, args: string[]): Step => (on ? ap : del)(table, chain, args);

const FILTER_CHAINS = ['DOCKER-FORWARD', 'DOCKER-BRIDGE', 'DOCKER', 'DOCKER-CT', 'DOCKER-INTERNAL', 'DOCKER-ISOLATION-STAGE-1', 'DOCKER-ISOLATION-STAGE-2', 'DOCKER-ISOLATION'];

function daemonStart(cfg: DaemonFwConfig, ipv: 4 | 6 = 4): Step[] {
  const s: Step[] = [];
  const lo = loopbackNet(ipv);
  const ipset = ipv === 6 ? 'docker-ext-bridges-v6' : 'docker-ext-bridges-v4';
  // removeIPChains: leftovers of an earlier daemon are cleared first.
  s.push(del('filter', 'FORWARD', ['-j', 'DOCKER-ISOLATION']));
  s.push({ kind: 'removeChain', table: 'nat', chain: 'DOCKER', loopback: lo });
  for (const c of FILTER_CHAINS) s.push({ kind: 'removeChain', table: 'filter', chain: c, loopback: lo });
  // setupIPChains.
  s.push({ kind: 'newChain', table: 'nat', chain: 'DOCKER' });
  for (const c of ['DOCKER', 'DOCKER-FORWARD', 'DOCKER-BRIDGE', 'DOCKER-CT', 'DOCKER-INTERNAL']) {
    s.push({ kind: 'newChain', table: 'filter', chain: c });
  }
  const j = natJumpArgs(cfg.hairpin, ipv);
  s.push(ap('nat', 'PREROUTING', j.pre), ap('nat', 'OUTPUT', j.out));
  s.push({ kind: 'ensureJump', table: 'filter', from: 'FORWARD', to: 'DOCKER-FORWARD' });
  for (const c of ['DOCKER-BRIDGE', 'DOCKER-INTERNAL', 'DOCKER-CT']) {
    s.push({ kind: 'ensureJump', table: 'filter', from: 'DOCKER-FORWARD', to: c });
  }
  // deleteLegacyTopLevelRules (28.0.x leftovers).
  s.push(del('filter', 'FORWARD', ['-m', 'set', '--match-set', ipset, 'dst', '-j', 'DOCKER']));
  s.push(del('filter', 'FORWARD', ['-j', 'DOCKER-ISOLATION-STAGE-1']));
  s.push(del('filter', 'FORWARD', ['-m', 'set', '--match-set', ipset, 'dst', '-m', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED', '-j', 'ACCEPT']));
  // Controller.setupUserChains, once the drivers are registered (no RETURN rule since 28.3).
  s.push({ kind: 'newChain', table: 'filter', chain: 'DOCKER-USER' });
  s.push({ kind: 'ensureJump', table: 'filter', from: 'FORWARD', to: 'DOCKER-USER' });
  return s;
}

/** setIcc: the DOCKER-FORWARD accept/drop pair for traffic between ports of one bridge. */
function setIcc(br: string, icc: boolean, internal: boolean, on: boolean): Step[] {
  const accept = ['-i', br, '-o', br, '-j', 'ACCEPT'];
  const drop = ['-i', br, '-o', br, '-j', 'DROP'];
  const s: Step[] = [];
  s.push(on && icc && internal ? ap('filter', 'DOCKER-FORWARD', accept) : del('filter', 'DOCKER-FORWARD', accept));
  s.push(on && !icc ? ap('filter', 'DOCKER-FORWARD', drop) : del('filter', 'DOCKER-FORWARD', drop));
  if (on) s.push(del('filter', 'FORWARD', accept), del('filter', 'FORWARD', drop));
  return s;
}

function internalRules(n: NetworkFw, on: boolean): Step[] {
  return [
    prog(on, 'filter', 'DOCKER-INTERNAL', ['-i', n.bridge, '!', '-d', n.subnet, '-j', 'DROP']),
    prog(on, 'filter', 'DOCKER-INTERNAL', ['-o', n.bridge, '!', '-s', n.subnet, '-j', 'DROP']),
    ...setIcc(n.bridge, n.icc, true, on),
  ];
}

function nonInternalRules(cfg: DaemonFwConfig, n: NetworkFw, on: boolean): Step[] {
  const br = n.bridge;
  const s: Step[] = [];
  if (n.masquerade) s.push(prog(on, 'nat', 'POSTROUTING', ['-s', n.subnet, '!', '-o', br, '-j', 'MASQUERADE']));
  s.push(prog(on && cfg.hairpin, 'nat', 'POSTROUTING', ['-m', 'addrtype', '--src-type', 'LOCAL', '-o', br, '-j', 'MASQUERADE']));
  s.push(...setIcc(br, n.icc, false, on));
  const outNoIcc = ['-i', br, '!', '-o', br, '-j', 'ACCEPT'];
  if (on) s.push(del('filter', 'FORWARD', outNoIcc));
  if (n.icc) {
    s.push(apd(on, 'filter', 'DOCKER-FORWARD', ['-i', br, '-j', 'ACCEPT']));
    if (on) s.push(del('filter', 'FORWARD', ['-i', br, '-j', 'ACCEPT']));
  } else {
    s.push(apd(on, 'filter', 'DOCKER-FORWARD', outNoIcc));
  }
  return s;
}

function network(cfg: DaemonFwConfig, n: NetworkFw, on: boolean): Step[] {
  if (n.internal) return internalRules(n, on);
  const br = n.bridge;
  const s = nonInternalRules(cfg, n, on);
  if (on) {
    // deleteLegacyFilterRules: per-bridge FORWARD rules of 27.x and earlier.
    s.push(del('filter', 'FORWARD', ['-o', br, '-j', 'DOCKER']));
    s.push(del('filter', 'FORWARD', ['-o', br, '-m', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED', '-j', 'ACCEPT']));
  }
  s.push(apd(on, 'filter', 'DOCKER', ['!', '-i', br, '-o', br, '-j', 'DROP']));
  s.push(apd(on, 'filter', 'DOCKER-CT', ['-o', br, '-m', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED', '-j', 'ACCEPT']));
  s.push(apd(on, 'filter', 'DOCKER-BRIDGE', ['-o', br, '-j', 'DOCKER']));
  return s;
}

function endpoint(n: NetworkFw, ip: string, on: boolean): Step[] {
  if (n.internal) return [];
  return [apd(on, 'raw', 'PREROUTING', ['-d', ip, '!', '-i', n.bridge, '-j', 'DROP'])];
}

function ports(cfg: DaemonFwConfig, n: NetworkFw, pbs: PortFw[], on: boolean): Step[] {
  if (n.internal) return [];
  const s: Step[] = [];
  for (const b of pbs) {
    const p = b.proto;
    if (b.hostPort !== 0 && isV4(b.hostIp) && b.hostIp.startsWith('127.')) {
      // filterPortMappedOnLoopback: remote hosts must not reach a 127.0.0.1 binding.
      s.push(del('raw', 'PREROUTING', ['-p', p, '-d', b.hostIp, '--dport', String(b.hostPort), '-i', 'loopback0', '-j', 'ACCEPT']));
      s.push(apd(on, 'raw', 'PREROUTING', ['-p', p, '-d', b.hostIp, '--dport', String(b.hostPort), '!', '-i', 'lo', '-j', 'DROP']));
    }
    s.push(del('raw', 'PREROUTING', ['-p', p, '-d', b.ctrIp, '--dport', String(b.ctrPort), '!', '-i', n.bridge, '-j', 'DROP']));
    // An IPv6 host address for an IPv4 container is docker-proxy's job: no rules.
    if (isV4(b.hostIp) !== isV4(b.ctrIp)) continue;
    if (b.hostPort !== 0) {
      const dnat = ['-p', p, '-d', dnatHostArg(b.hostIp), '--dport', String(b.hostPort), '-j', 'DNAT', '--to-destination', `${b.ctrIp}:${b.ctrPort}`];
      if (!cfg.hairpin) dnat.push('!', '-i', n.bridge);
      s.push(apd(on, 'nat', 'DOCKER', dnat));
      s.push(apd(on && cfg.hairpin, 'nat', 'POSTROUTING', ['-p', p, '-s', b.ctrIp, '-d', b.ctrIp, '--dport', String(b.ctrPort), '-j', 'MASQUERADE']));
    }
    s.push(prog(on, 'filter', 'DOCKER', ['!', '-i', n.bridge, '-o', n.bridge, '-p', p, '-d', b.ctrIp, '--dport', String(b.ctrPort), '-j', 'ACCEPT']));
  }
  return s;
}

/** The 29.x layout. */
export const modernFirewall: Firewaller = {
  daemonStart,
  networkAdd: (cfg, n) => network(cfg, n, true),
  networkDel: (cfg, n) => network(cfg, n, false),
  endpointAdd: (n, ip) => endpoint(n, ip, true),
  endpointDel: (n, ip) => endpoint(n, ip, false),
  portsAdd: (cfg, n, p) => ports(cfg, n, p, true),
  portsDel: (cfg, n, p) => ports(cfg, n, p, false),
  link(n, parentIp, childIp, pts, add) {
    return pts.flatMap((pt) => linkArgs(n.bridge, parentIp, childIp, pt.proto, pt.port).map((a) => apd(add, 'filter', 'DOCKER', a)));
  },
};
