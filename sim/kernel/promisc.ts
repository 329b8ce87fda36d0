/**
 * A device's promiscuity and allmulti counts (dev_set_promiscuity, dev_set_allmulti). Each
 * user holds one reference: a bridge port holds one of each while enslaved, a packet socket
 * (tcpdump without -p) holds a promiscuity reference while it is open. `ip -d link` prints the
 * counts; the kernel log records the device entering and leaving the mode, when a count
 * crosses zero. The PROMISC flag of `ip link` is not among these: it is the user's own request
 * (IFF_PROMISC in gflags), which a packet socket never sets.
 */
import type { Link, MachineState } from './types.ts';
import { dmesgStamp } from './netfilter/hook.ts';

/** References other than bridge membership (taps), per device. */
const extra = new WeakMap<Link, number>();

/** The promiscuity count `ip -d link` prints. */
export function promiscuity(l: Link): number {
  return (l.port ? 1 : 0) + (extra.get(l) ?? 0);
}

/** The allmulti count `ip -d link` prints (only bridge ports hold one here). */
export function allmulti(l: Link): number {
  return l.port ? 1 : 0;
}

/** Writes one kernel log line at the current virtual time. */
export function klog(state: MachineState, line: string): void {
  state.dmesg.push(dmesgStamp(state.clock.now()) + line);
}

/**
 * Takes (+1) or drops (-1) a packet socket's promiscuity reference on `l`, logging the
 * device entering or leaving promiscuous mode when the count crosses zero.
 */
export function promiscRef(state: MachineState, l: Link, delta: 1 | -1): void {
  const before = promiscuity(l);
  extra.set(l, Math.max(0, (extra.get(l) ?? 0) + delta));
  logCrossing(state, l, 'promiscuous', before, promiscuity(l));
}

/**
 * Logs what joining (`joined`) or leaving a bridge did to the counts; call it after the port
 * state changed, with the counts read before.
 */
export function portModeLog(state: MachineState, l: Link, before: { promisc: number; allmulti: number }): void {
  logCrossing(state, l, 'allmulticast', before.allmulti, allmulti(l));
  logCrossing(state, l, 'promiscuous', before.promisc, promiscuity(l));
}

function logCrossing(state: MachineState, l: Link, mode: string, before: number, after: number): void {
  if (before === 0 && after > 0) klog(state, `${l.name}: entered ${mode} mode`);
  else if (before > 0 && after === 0) klog(state, `${l.name}: left ${mode} mode`);
}
