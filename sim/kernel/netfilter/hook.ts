/**
 * The NetfilterSeam the datapath calls at each hook: conntrack lookup (after raw, in
 * PREROUTING and OUTPUT), the hook's tables in priority order, NAT decided by the nat table
 * on a connection's first packet and applied to every packet of it, and confirmation of new
 * connections when their first packet leaves INPUT or POSTROUTING. Emits trace events.
 */
import type { HookContext, HookVerdict, NetfilterSeam } from '../hooks.ts';
import type { MachineState, Netns } from '../types.ts';
import type { TraceEvent, TraceLog } from '../../observe/trace.ts';
import { parseIp } from './addr.ts';
import { confirm, lookup, type CtRef, type CtState } from './conntrack.ts';
import { getMatch, getTarget, type NatRange, type TargetCtx, type Verdict } from './ext.ts';
import { applyNat, setupNat, type Manip } from './nat.ts';
import { ruleText } from './print.ts';
import { summarize } from './summary.ts';
import { HOOK_TABLES } from './tables.ts';
import { traverse, type TraverseObserver } from './traverse.ts';
import type { NetfilterState, TableName } from './types.ts';

/** What netfilter needs from the kernel. */
export interface NfKernelEnv {
  state: MachineState;
  trace?: TraceLog;
}

const needCache = new WeakMap<NetfilterState, { gen: number; need: boolean }>();

/**
 * Conntrack runs in a namespace only once a rule there needs it (a conntrack/state match, a
 * NAT target), as nf_ct_netns_get() enables it in the kernel. A nat chain alone does not: on
 * the reference kernel, `-t nat -A POSTROUTING -j ACCEPT` leaves `conntrack -L` empty and the
 * rule's counter at 0, since nat chains only see packets that have a conntrack entry.
 */
export function conntrackNeeded(s: NetfilterState | undefined): boolean {
  if (!s) return false;
  const c = needCache.get(s);
  if (c && c.gen === s.generation) return c.need;
  let need = false;
  for (const t of s.tables.values()) {
    if (need) break;
    for (const ch of t.chains.values()) {
      if (ch.rules.some((r) => r.matches.some((m) => getMatch(m.name)?.conntrack) || (r.target && getTarget(r.target.name)?.conntrack))) {
        need = true;
        break;
      }
    }
  }
  needCache.set(s, { gen: s.generation, need });
  return need;
}

function netnsName(n: Netns): string {
  return n.name ?? 'host';
}

/** Kernel log timestamp, `[%5lu.%06lu] `, from the virtual clock. */
export function dmesgStamp(ms: number): string {
  const sec = Math.floor(ms / 1000);
  const us = Math.round((ms - sec * 1000) * 1000);
  return `[${String(sec).padStart(5)}.${String(us).padStart(6, '0')}] `;
}

/** Builds the seam over a kernel environment. */
export function createNetfilter(env: NfKernelEnv): NetfilterSeam {
  const st = env.state;
  function emit(h: HookContext, e: Omit<TraceEvent, 'id' | 't' | 'netnsId' | 'netns' | 'packet'> & { packet?: string }): void {
    const tr = env.trace;
    if (!tr || !tr.enabled) return;
    tr.emit({ id: h.skb.traceId, t: st.clock.now(), netnsId: h.netns.id, netns: netnsName(h.netns), packet: summarize(h.pkt), ...e });
  }

  function observer(h: HookContext, table: TableName): TraverseObserver | undefined {
    if (!env.trace?.enabled) return undefined;
    return {
      rule(chain, index, rule, verdict) {
        emit(h, { kind: 'rule', hook: h.hook, table, chain: chain.name, rule: index + 1, ruleText: ruleText(chain.name, rule), verdict });
      },
      policy(chain, verdict) {
        emit(h, { kind: 'policy', hook: h.hook, table, chain: chain.name, verdict });
      },
    };
  }

  function logAllowed(netns: Netns): boolean {
    if (netns.id === 0) return true;
    return st.netns.get(0)?.sysctl.get('net.netfilter.nf_log_all_netns') === '1';
  }

  function targetCtx(h: HookContext, table: TableName, ref: CtRef | undefined, ctState: CtState): TargetCtx {
    const ctx: TargetCtx = {
      netns: h.netns, hook: h.hook, pkt: h.pkt, skb: h.skb, src: parseIp(h.pkt.src) ?? 0, dst: parseIp(h.pkt.dst) ?? 0,
      inDev: h.inDev, outDev: h.outDev, ct: ref?.conn, ctState, table,
      sendLocal: (p) => h.sendLocal(p),
      nat(kind: Manip, range: NatRange): Verdict {
        const conn = ref?.conn;
        if (!conn || conn.confirmed) return 'ACCEPT';
        const ok = setupNat(h.netns, conn, kind, range, { in: h.inDev, out: h.outDev }, st.rng, st.clock.now());
        if (kind === 'src') conn.srcNatDone = true;
        else conn.dstNatDone = true;
        return ok ? 'ACCEPT' : 'DROP';
      },
      log(_level, line) {
        if (logAllowed(h.netns)) st.dmesg.push(dmesgStamp(st.clock.now()) + line);
      },
    };
    return ctx;
  }

  function runTable(h: HookContext, s: NetfilterState, name: TableName, ref: CtRef | undefined): 'ACCEPT' | 'DROP' {
    const table = s.tables.get(name);
    if (!table) return 'ACCEPT';
    emit(h, { kind: 'hook', hook: h.hook, table: name, chain: h.hook });
    const ctx = targetCtx(h, name, ref, ref ? ref.state : 'UNTRACKED');
    return traverse(table, h.hook, ctx, observer(h, name), s.generation);
  }

  function natHook(h: HookContext, s: NetfilterState, ref: CtRef | undefined): 'ACCEPT' | 'DROP' {
    const conn = ref?.conn;
    if (!ref || !conn) return 'ACCEPT';
    const manip: Manip = h.hook === 'PREROUTING' || h.hook === 'OUTPUT' ? 'dst' : 'src';
    const done = manip === 'src' ? conn.srcNatDone : conn.dstNatDone;
    if (!conn.confirmed && !done && ref.state === 'NEW') {
      const v = runTable(h, s, 'nat', ref);
      if (v === 'DROP') return v;
      if (manip === 'src') conn.srcNatDone = true;
      else conn.dstNatDone = true;
    }
    const before = env.trace?.enabled ? summarize(h.pkt) : '';
    if (applyNat(conn, ref.dir, manip, h.pkt, ref.state === 'RELATED')) {
      emit(h, { kind: 'nat', hook: h.hook, table: 'nat', packet: before, after: summarize(h.pkt), detail: manip === 'src' ? 'source rewritten' : 'destination rewritten' });
    }
    return 'ACCEPT';
  }

  return {
    hook(h: HookContext): HookVerdict {
      const s = h.netns.ext.netfilter as NetfilterState | undefined;
      if (!s || s.tables.size === 0) return { verdict: 'accept' };
      const tracking = conntrackNeeded(s);
      let ref = h.skb.ct as CtRef | undefined;
      if (ref && ref.netnsId !== h.netns.id) ref = undefined; // scrubbed when crossing namespaces
      const tables = HOOK_TABLES[h.hook];
      for (const name of tables) {
        if (name === 'nat') {
          if (natHook(h, s, ref) === 'DROP') return drop(h, 'nat');
          continue;
        }
        if (runTable(h, s, name, ref) === 'DROP') return drop(h, name);
        // Conntrack sits between raw (-300) and mangle (-150) in PREROUTING and OUTPUT.
        if (name === 'raw') ref = track(h, tracking, ref);
      }
      if (h.hook === 'INPUT' || h.hook === 'POSTROUTING') {
        if (ref?.conn && !ref.conn.confirmed) confirm(h.netns, ref);
      }
      return { verdict: 'accept' };
    },
  };

  function track(h: HookContext, tracking: boolean, ref: CtRef | undefined): CtRef | undefined {
    if (!tracking || ref || (h.hook !== 'PREROUTING' && h.hook !== 'OUTPUT')) return ref;
    const r = lookup(h.netns, h.pkt, st.clock.now());
    h.skb.ct = r;
    h.skb.ctDir = r.dir;
    emit(h, { kind: 'conntrack', hook: h.hook, detail: `ctstate ${r.state}${r.conn ? ` ${r.dir}` : ''}` });
    return r;
  }

  function drop(h: HookContext, table: TableName): HookVerdict {
    emit(h, { kind: 'drop', hook: h.hook, table, reason: `dropped by ${table} ${h.hook}` });
    return { verdict: 'drop', reason: `netfilter ${table} ${h.hook}` };
  }
}
