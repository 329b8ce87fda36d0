/**
 * The classic rule layout of Engine ≤27.x (moby v27.5.1 `libnetwork/drivers/bridge/
 * setup_ip_tables_linux.go`, `port_mapping_linux.go`, `libnetwork/firewall_linux.go`): each
 * bridge's rules sit directly in FORWARD, isolation goes through DOCKER-ISOLATION-STAGE-1/2,
 * DOCKER-USER ends in RETURN and its jump is re-inserted after every network is created.
 */
import type { Step, IptTable } from './steps.ts';
import { type Firewaller, type DaemonFwConfig, type NetworkFw, type PortFw, natJumpArgs, linkArgs, dnatHostArg, isV4 } from './types.ts';

const ap = (table: IptTable, chain: string, args: string[]): Step => ({ kind: 'append', table, chain, args });
const ins = (table: IptTable, chain: string, args: string[]): Step => ({ kind: 'insert', table, chain, args });
const del = (table: IptTable, chain: string, args: string[]): Step => ({ kind: 'delete', table, chain, args });
const prog = (on: boolean, table: IptTable, chain: string, args: string[]): Step => (on ? ins : del)(table, chain, args);
const apd = (on: boolean, table: IptTable, chain: string, args: string[]): Step => (on ? ap : del)(table, chain, args);

const ISO1 = 'DOCKER-ISOLATION-STAGE-1';
const ISO2 = 'DOCKER-ISOLATION-STAGE-2';

function daemonStart(): Step[] {
  const s: Step[] = [del('filter', 'FORWARD', ['-j', 'DOCKER-ISOLATION'])];
  s.push({ kind: 'removeChain', table: 'nat', chain: 'DOCKER', loopback: '127.0.0.0/8' });
  for (const c of ['DOCKER', ISO1, ISO2, 'DOCKER-ISOLATION']) s.push({ kind: 'removeChain', table: 'filter', chain: c, loopback: '127.0.0.0/8' });
  s.push({ kind: 'newChain', table: 'nat', chain: 'DOCKER' });
  for (const c of ['DOCKER', ISO1, ISO2]) s.push({ kind: 'newChain', table: 'filter', chain: c });
  s.push(ap('filter', ISO1, ['-j', 'RETURN']), ap('filter', ISO2, ['-j', 'RETURN']));
  return s;
}

/** arrangeUserFilterRule: run after every network create. */
function userChain(): Step[] {
  return [
    { kind: 'newChain', table: 'filter', chain: 'DOCKER-USER' },
    ap('filter', 'DOCKER-USER', ['-j', 'RETURN']),
    { kind: 'ensureJump', table: 'filter', from: 'FORWARD', to: 'DOCKER-USER' },
  ];
}

function setIcc(br: string, icc: boolean, on: boolean): Step[] {
  const accept = ['-i', br, '-o', br, '-j', 'ACCEPT'];
  const drop = ['-i', br, '-o', br, '-j', 'DROP'];
  if (!on) return [del('filter', 'FORWARD', icc ? accept : drop)];
  return icc ? [del('filter', 'FORWARD', drop), ins('filter', 'FORWARD', accept)] : [del('filter', 'FORWARD', accept), ap('filter', 'FORWARD', drop)];
}

function network(cfg: DaemonFwConfig, n: NetworkFw, on: boolean): Step[] {
  const br = n.bridge;
  const s: Step[] = [];
  if (n.internal) {
    s.push(prog(on, 'filter', ISO1, ['-i', br, '!', '-d', n.subnet, '-j', 'DROP']));
    s.push(prog(on, 'filter', ISO1, ['-o', br, '!', '-s', n.subnet, '-j', 'DROP']));
    s.push(...setIcc(br, n.icc, on));
  } else {
    if (n.masquerade) {
      s.push(prog(on, 'nat', 'POSTROUTING', ['-s', n.subnet, '!', '-o', br, '-j', 'MASQUERADE']));
      if (!cfg.hairpin) s.push(prog(on, 'nat', 'DOCKER', ['-i', br, '-j', 'RETURN']));
    }
    s.push(prog(on && cfg.hairpin, 'nat', 'POSTROUTING', ['-m', 'addrtype', '--src-type', 'LOCAL', '-o', br, '-j', 'MASQUERADE']));
    s.push(...setIcc(br, n.icc, on));
    s.push(prog(on, 'filter', 'FORWARD', ['-i', br, '!', '-o', br, '-j', 'ACCEPT']));
    if (on) {
      // ProgramChain(nat) then ProgramChain(filter).
      const j = natJumpArgs(cfg.hairpin);
      s.push(ap('nat', 'PREROUTING', j.pre), ap('nat', 'OUTPUT', j.out));
    }
    s.push(prog(on, 'filter', 'FORWARD', ['-o', br, '-j', 'DOCKER']));
    s.push(prog(on, 'filter', 'FORWARD', ['-o', br, '-m', 'conntrack', '--ctstate', 'RELATED,ESTABLISHED', '-j', 'ACCEPT']));
  }
  if (on) s.push({ kind: 'ensureJump', table: 'filter', from: 'FORWARD', to: ISO1 });
  // setINC (setupNetworkIsolationRules).
  s.push(prog(on, 'filter', ISO1, ['-i', br, '!', '-o', br, '-j', ISO2]));
  s.push(prog(on, 'filter', ISO2, ['-o', br, '-j', 'DROP']));
  if (on) s.push(...userChain());
  return s;
}

function ports(cfg: DaemonFwConfig, n: NetworkFw, pbs: PortFw[], on: boolean): Step[] {
  const s: Step[] = [];
  for (const b of pbs) {
    if (isV4(b.hostIp) !== isV4(b.ctrIp)) continue;
    const p = b.proto;
    if (b.hostPort !== 0) {
      const dnat = ['-p', p, '-d', dnatHostArg(b.hostIp), '--dport', String(b.hostPort), '-j', 'DNAT', '--to-destination', `${b.ctrIp}:${b.ctrPort}`];
      if (!cfg.hairpin) dnat.push('!', '-i', n.bridge);
      s.push(apd(on, 'nat', 'DOCKER', dnat));
      s.push(apd(on, 'nat', 'POSTROUTING', ['-p', p, '-s', b.ctrIp, '-d', b.ctrIp, '--dport', String(b.ctrPort), '-j', 'MASQUERADE']));
    }
    s.push(apd(on, 'filter', 'DOCKER', ['!', '-i', n.bridge, '-o', n.bridge, '-p', p, '-d', b.ctrIp, '--dport', String(b.ctrPort), '-j', 'ACCEPT']));
  }
  return s;
}

/** The ≤27.x layout. */
export const classicFirewall: Firewaller = {
  daemonStart,
  networkAdd: (cfg, n) => network(cfg, n, true),
  networkDel: (cfg, n) => network(cfg, n, false),
  endpointAdd: () => [],
  endpointDel: () => [],
  portsAdd: (cfg, n, p) => ports(cfg, n, p, true),
  portsDel: (cfg, n, p) => ports(cfg, n, p, false),
  link(n, parentIp, childIp, pts, add) {
    return pts.flatMap((pt) => linkArgs(n.bridge, parentIp, childIp, pt.proto, pt.port).map((a) => apd(add, 'filter', 'DOCKER', a)));
  },
};
