/**
 * Running a command from the host world's outside machines (the hidden `client` on the LAN,
 * the `remote` server behind the gateway), as if typed there: the program runs as a daemon in
 * that namespace and the test lets virtual time pass until it ends.
 */
import type { Machine } from '../../../sim/machine.ts';

export function runOutside(m: Machine, nsName: 'client' | 'remote' | 'gateway', argv: string[], maxMs = 15000): string {
  const ns = [...m.kernel.state.netns.values()].find((n) => n.name === nsName)!;
  const mod = m.commands.get(argv[0])!;
  let out = '';
  const pid = m.spawnDaemon(argv, mod.run, { netnsId: ns.id, onOutput: (t) => (out += t) });
  // The process registers when the scheduler first runs it, so let time pass before looking.
  m.idle(1);
  for (let t = 0; t < maxMs && m.procs.get(pid); t += 250) m.idle(250);
  return out;
}

/** Adds a route in an outside namespace (e.g. the client routing 172.17.0.0/16 via the host). */
export function routeOutside(m: Machine, nsName: string, dst: string, len: number, via: string): void {
  const ns = [...m.kernel.state.netns.values()].find((n) => n.name === nsName)!;
  const r = m.kernel.routeModify(ns.id, 'add', { table: 254, type: 'unicast', dst, dstLen: len, gateway: via, protocol: 'boot', scope: 'global' });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
}
