/**
 * Packet journeys on the docker-host world, asserted step by step: a published port's
 * request from the LAN client and its reply (DNAT in PREROUTING, FORWARD through Docker's
 * chains, the reply un-DNATed by conntrack), a masqueraded ping from a container to the
 * remote server, and a packet dropped by a FORWARD rule.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { createMachine, type Machine } from '../../../sim/index.ts';
import { kernelJourneyGroups } from '../../../sim/observe/journey-machine.ts';
import { headline, type JourneyGroup } from '../../../sim/observe/journey-store.ts';
import type { Journey, JourneyStep } from '../../../sim/observe/journey.ts';

/** Netfilter, routing, conntrack and delivery steps as "PLACE | TEXT" (devices crossed are checked apart). */
const NF_KINDS = new Set(['route', 'hook', 'rule', 'policy', 'nat', 'conntrack', 'deliver', 'drop']);
const nf = (j: Journey) => j.steps.filter((s) => NF_KINDS.has(s.kind)).map((s) => `${s.netns} | ${s.text}`);
/** Devices the packet crossed, in order: "netns dev kind". */
const wire = (j: Journey) => j.steps.filter((s) => s.kind === 'tx' || s.kind === 'rx' || s.kind === 'outside').map((s) => (s.kind === 'outside' ? `outside ${s.text}` : `${s.netns} ${s.dev} ${s.kind}`));

function lastGroup(m: Machine): JourneyGroup {
  const g = kernelJourneyGroups(m.kernel, { withTraffic: true }).at(-1);
  if (!g) throw new Error('no group');
  return g;
}

function netnsNamed(m: Machine, name: string): number {
  const ns = [...m.kernel.state.netns.values()].find((n) => n.name === name);
  if (!ns) throw new Error(`no netns ${name}`);
  return ns.id;
}

const FORWARD_TO_DOCKER = [
  'host | filter FORWARD rule 1 matched: -A FORWARD -j DOCKER-USER -> JUMP DOCKER-USER',
  'host | filter FORWARD rule 2 matched: -A FORWARD -j DOCKER-FORWARD -> JUMP DOCKER-FORWARD',
  'host | filter DOCKER-FORWARD rule 1 matched: -A DOCKER-FORWARD -j DOCKER-CT -> JUMP DOCKER-CT',
  'host | filter DOCKER-FORWARD rule 2 matched: -A DOCKER-FORWARD -j DOCKER-INTERNAL -> JUMP DOCKER-INTERNAL',
  'host | filter DOCKER-FORWARD rule 3 matched: -A DOCKER-FORWARD -j DOCKER-BRIDGE -> JUMP DOCKER-BRIDGE',
];

describe('journey of a published port: LAN client -> 192.0.2.10:8080 -> web:80 and back', () => {
  let m: Machine;
  let g: JourneyGroup;
  let req: Journey;
  let rep: Journey;
  beforeAll(() => {
    m = createMachine({ seed: 1, world: 'docker-host' });
    expect(m.run('docker run -d --name web -p 8080:80 nginx').exitCode).toBe(0);
    const r = m.run('curl -s -o /dev/null -w "%{http_code}\\n" http://192.0.2.10:8080', { mode: 'bash-c', netnsId: netnsNamed(m, 'client') });
    expect(r.output).toBe('200\n');
    g = lastGroup(m);
    [req, rep] = headline(g).map((e) => e.journey);
  });

  it('groups the command line with its packets: the SYN first, then its reply', () => {
    expect(g.line).toBe('curl -s -o /dev/null -w "%{http_code}\\n" http://192.0.2.10:8080');
    expect(req.summary).toMatch(/^TCP 192\.0\.2\.50:\d+ > 192\.0\.2\.10:8080 \[S\] len 0$/);
    expect(req.role).toBe('request');
    expect(rep.summary).toMatch(/^TCP 172\.17\.0\.2:80 > 192\.0\.2\.50:\d+ \[S\.\] len 0$/);
    expect(rep.role).toBe('reply');
    // Every TCP segment of the connection is one conversation; ARP queries stand apart.
    const tcp = g.entries.filter((e) => e.journey.proto === 'tcp');
    expect(tcp.length).toBeGreaterThanOrEqual(6);
    expect(new Set(tcp.map((e) => e.conversation))).toEqual(new Set([1]));
    expect(g.entries.filter((e) => e.journey.proto === 'arp').every((e) => e.conversation === 0)).toBe(true);
  });

  it('request: DNAT in PREROUTING, routed to docker0, FORWARD accepts it in DOCKER, delivered to nginx', () => {
    const port = /:(\d+) >/.exec(req.summary)![1];
    expect(nf(req)).toEqual([
      'host | PREROUTING hook (in eth0)',
      'host | raw PREROUTING: no rule decided, policy ACCEPT',
      'host | conntrack: NEW (original direction)',
      'host | nat PREROUTING rule 1 matched: -A PREROUTING -m addrtype --dst-type LOCAL -j DOCKER -> JUMP DOCKER',
      'host | nat DOCKER rule 1 matched: -A DOCKER ! -i docker0 -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80 -> ACCEPT',
      `host | NAT in PREROUTING, destination rewritten: TCP 192.0.2.50:${port} > 192.0.2.10:8080 [S] -> TCP 192.0.2.50:${port} > 172.17.0.2:80 [S]`,
      'host | routing input: forward via 172.17.0.2 dev docker0',
      'host | FORWARD hook (in eth0 out docker0)',
      ...FORWARD_TO_DOCKER,
      'host | filter DOCKER-BRIDGE rule 1 matched: -A DOCKER-BRIDGE -o docker0 -j DOCKER -> JUMP DOCKER',
      'host | filter DOCKER rule 1 matched: -A DOCKER -d 172.17.0.2/32 ! -i docker0 -o docker0 -p tcp -m tcp --dport 80 -j ACCEPT -> ACCEPT',
      'host | POSTROUTING hook (out docker0)',
      'host | nat POSTROUTING: no rule decided, policy ACCEPT',
      'container web | PREROUTING hook (in eth0)',
      'container web | routing input: local',
      'container web | INPUT hook (in eth0)',
      'container web | delivered to the transport layer',
      'container web | delivered tcp listener 0.0.0.0:80',
    ]);
    expect(wire(req)).toEqual([
      'outside through client, lan',
      'host eth0 rx',
      'host docker0 tx',
      'host veth8a1b843 tx',
      'container web eth0 rx',
    ]);
    const nat = req.steps.find((s) => s.kind === 'nat')!;
    expect([nat.hook, nat.table, nat.packet.split(' ')[3], nat.after!.split(' ')[3]]).toEqual(['PREROUTING', 'nat', '192.0.2.10:8080', '172.17.0.2:80']);
    const dnat = req.steps.find((s) => s.kind === 'rule' && s.chain === 'DOCKER' && s.table === 'nat')!;
    expect([dnat.hook, dnat.rule, dnat.verdict]).toEqual(['PREROUTING', 1, 'ACCEPT']);
    expect(req.steps.find((s) => s.kind === 'bridge')?.text).toBe('bridge docker0: forward to veth8a1b843 (fdb)');
    expect(req.steps.find((s) => s.kind === 'conntrack')).toMatchObject({ ctState: 'NEW', ctDir: 'original' });
    expect(req.outcome).toEqual({ kind: 'delivered', step: req.steps.length, text: 'delivered in container web: tcp listener 0.0.0.0:80' });
  });

  it('reply: conntrack finds it ESTABLISHED and POSTROUTING gives back 192.0.2.10:8080 as its source', () => {
    const port = /> 192\.0\.2\.50:(\d+)/.exec(rep.summary)![1];
    expect(nf(rep)).toEqual([
      'container web | routing output: unicast via 172.17.0.1 dev eth0',
      'container web | OUTPUT hook (out eth0)',
      'container web | POSTROUTING hook (out eth0)',
      'host | PREROUTING hook (in docker0 physin veth8a1b843)',
      'host | raw PREROUTING: no rule decided, policy ACCEPT',
      'host | conntrack: ESTABLISHED (reply direction)',
      'host | routing input: forward via 192.0.2.50 dev eth0',
      'host | FORWARD hook (in docker0 out eth0 physin veth8a1b843)',
      ...FORWARD_TO_DOCKER,
      'host | filter DOCKER-FORWARD rule 4 matched: -A DOCKER-FORWARD -i docker0 -j ACCEPT -> ACCEPT',
      'host | POSTROUTING hook (out eth0 physin veth8a1b843)',
      `host | NAT in POSTROUTING, source rewritten: TCP 172.17.0.2:80 > 192.0.2.50:${port} [S.] -> TCP 192.0.2.10:8080 > 192.0.2.50:${port} [S.]`,
    ]);
    // No nat-table rule runs for the reply: the rewrite comes from the connection alone.
    expect(rep.steps.some((s) => s.table === 'nat' && (s.kind === 'rule' || s.kind === 'policy'))).toBe(false);
    expect(wire(rep)).toEqual([
      'container web eth0 tx',
      'host veth8a1b843 rx',
      'host eth0 tx',
      `outside through lan, client; in client: delivered tcp socket 192.0.2.50:${port} (SYN_SENT)`,
    ]);
    expect(rep.outcome).toMatchObject({ kind: 'delivered', text: `delivered in client: tcp socket 192.0.2.50:${port} (SYN_SENT)` });
  });

  it('trace prints the same journeys as text, and trace N one of them', () => {
    const t = m.run('trace');
    expect(t.exitCode).toBe(0);
    const lines = t.output.split('\n');
    expect(lines[0]).toBe('Command: curl -s -o /dev/null -w "%{http_code}\\n" http://192.0.2.10:8080');
    expect(lines[1]).toBe(`Journey ${req.id} (request): ${req.summary}`);
    expect(lines).toContain(`  4. host: raw PREROUTING: no rule decided, policy ACCEPT`);
    expect(lines).toContain(`  Result: ${req.outcome.text}`);
    expect(lines).toContain(`Journey ${rep.id} (reply): ${rep.summary}`);
    const one = m.run(`trace ${rep.id}`);
    expect(one.output.split('\n')[0]).toBe(`Journey ${rep.id} (reply): ${rep.summary}`);
    // -v keeps each hop outside the host: the LAN bridge and the client.
    const v = m.run(`trace -v ${req.id}`).output;
    expect(v).toContain('client eth0: eth0 transmits');
    expect(v).toContain('lan lan0: bridge lan0: forward to p-host (fdb)');
  });
});

describe('journey of a masqueraded ping from a container to 203.0.113.80', () => {
  let req: Journey;
  let rep: Journey;
  beforeAll(() => {
    const m = createMachine({ seed: 2, world: 'docker-host' });
    expect(m.run('docker run -d --name c1 alpine sleep infinity').exitCode).toBe(0);
    expect(m.run('docker exec c1 ping -c 1 203.0.113.80').exitCode).toBe(0);
    [req, rep] = headline(lastGroup(m)).map((e) => e.journey);
  });

  it('request: FORWARD accepts it from docker0, MASQUERADE rewrites the source to 192.0.2.10', () => {
    // BusyBox's ping (alpine) counts from seq 0, iputils' from 1.
    expect(req.summary).toMatch(/^ICMP 172\.17\.0\.2 > 203\.0\.113\.80 echo request id \d+ seq [01] ttl 64$/);
    const [, id, seq] = /id (\d+) seq (\d+)/.exec(req.summary)!;
    expect(nf(req)).toEqual([
      'container c1 | routing output: unicast via 172.17.0.1 dev eth0',
      'container c1 | OUTPUT hook (out eth0)',
      'container c1 | POSTROUTING hook (out eth0)',
      'host | PREROUTING hook (in docker0 physin veth' + req.steps.find((s) => s.kind === 'rx' && s.netns === 'host')!.dev!.slice(4) + ')',
      'host | raw PREROUTING: no rule decided, policy ACCEPT',
      'host | conntrack: NEW (original direction)',
      'host | nat PREROUTING: no rule decided, policy ACCEPT',
      'host | routing input: forward via 192.0.2.1 dev eth0',
      `host | FORWARD hook (in docker0 out eth0 physin ${req.steps.find((s) => s.kind === 'rx' && s.netns === 'host')!.dev})`,
      ...FORWARD_TO_DOCKER,
      'host | filter DOCKER-FORWARD rule 4 matched: -A DOCKER-FORWARD -i docker0 -j ACCEPT -> ACCEPT',
      `host | POSTROUTING hook (out eth0 physin ${req.steps.find((s) => s.kind === 'rx' && s.netns === 'host')!.dev})`,
      'host | nat POSTROUTING rule 1 matched: -A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE -> ACCEPT',
      `host | NAT in POSTROUTING, source rewritten: ICMP 172.17.0.2 > 203.0.113.80 echo request id ${id} seq ${seq} -> ICMP 192.0.2.10 > 203.0.113.80 echo request id ${id} seq ${seq}`,
    ]);
    const arp = req.steps.filter((s) => s.kind === 'arp').map((s) => `${s.netns} | ${s.text}`);
    expect(arp[0]).toBe('container c1 | ARP: waiting for 172.17.0.1 to resolve');
    expect(arp[1]).toMatch(/^container c1 \| ARP: 172\.17\.0\.1 is at [0-9a-f:]{17}, the packet goes on$/);
    expect(arp[2]).toBe('host | ARP: waiting for 192.0.2.1 to resolve');
    expect(req.steps.at(-1)).toMatchObject({ kind: 'outside', endNetns: 'remote', text: 'through lan, gateway, remote; in remote: delivered ICMP echo responder' });
    expect(req.outcome).toMatchObject({ kind: 'delivered', text: 'delivered in remote: ICMP echo responder' });
  });

  it('reply: the remote answers 192.0.2.10, conntrack un-masquerades it in PREROUTING back to 172.17.0.2', () => {
    expect(rep.role).toBe('reply');
    expect(rep.causedBy).toBe(req.id);
    const [, id, seq] = /id (\d+) seq (\d+)/.exec(rep.summary)!;
    expect(nf(rep)).toEqual([
      'host | PREROUTING hook (in eth0)',
      'host | raw PREROUTING: no rule decided, policy ACCEPT',
      'host | conntrack: ESTABLISHED (reply direction)',
      `host | NAT in PREROUTING, destination rewritten: ICMP 203.0.113.80 > 192.0.2.10 echo reply id ${id} seq ${seq} -> ICMP 203.0.113.80 > 172.17.0.2 echo reply id ${id} seq ${seq}`,
      'host | routing input: forward via 172.17.0.2 dev docker0',
      'host | FORWARD hook (in eth0 out docker0)',
      'host | filter FORWARD rule 1 matched: -A FORWARD -j DOCKER-USER -> JUMP DOCKER-USER',
      'host | filter FORWARD rule 2 matched: -A FORWARD -j DOCKER-FORWARD -> JUMP DOCKER-FORWARD',
      'host | filter DOCKER-FORWARD rule 1 matched: -A DOCKER-FORWARD -j DOCKER-CT -> JUMP DOCKER-CT',
      'host | filter DOCKER-CT rule 1 matched: -A DOCKER-CT -o docker0 -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT -> ACCEPT',
      'host | POSTROUTING hook (out docker0)',
      'container c1 | PREROUTING hook (in eth0)',
      'container c1 | routing input: local',
      'container c1 | INPUT hook (in eth0)',
      'container c1 | delivered to the ping socket',
    ]);
    expect(rep.steps[0]).toMatchObject({ kind: 'outside', text: 'through remote, gateway, lan' });
    // The container's MAC comes from the host's neighbour cache, learned by the request's ARP.
    const neigh = rep.steps.filter((s) => s.kind === 'arp').map((s) => `${s.netns} ${s.dev} | ${s.text}`);
    expect(neigh).toHaveLength(1);
    expect(neigh[0]).toMatch(/^host docker0 \| ARP: neighbour 172\.17\.0\.2 is at [0-9a-f:]{17} \((REACHABLE|DELAY|STALE), cached\)$/);
    expect(rep.outcome.text).toBe('delivered in container c1: to the ping socket');
  });
});

describe('journey of a packet dropped by a FORWARD rule', () => {
  let m: Machine;
  beforeAll(() => {
    m = createMachine({ seed: 3, world: 'docker-host' });
    expect(m.run('docker run -d --name c1 alpine sleep infinity').exitCode).toBe(0);
    expect(m.run('iptables -I FORWARD 1 -d 203.0.113.80 -p icmp -j DROP').exitCode).toBe(0);
    expect(m.run('docker exec c1 ping -c 1 -W 1 203.0.113.80').exitCode).toBe(1);
  });

  it('shows the rule that matched, where the packet died and why; no reply exists', () => {
    const g = lastGroup(m);
    const shown = headline(g);
    expect(shown).toHaveLength(1);
    const j = shown[0].journey;
    const physin = j.steps.find((s) => s.kind === 'rx' && s.netns === 'host')!.dev;
    expect(nf(j).slice(-4)).toEqual([
      'host | routing input: forward via 192.0.2.1 dev eth0',
      `host | FORWARD hook (in docker0 out eth0 physin ${physin})`,
      'host | filter FORWARD rule 1 matched: -A FORWARD -d 203.0.113.80/32 -p icmp -j DROP -> DROP',
      'host | DROPPED in FORWARD: dropped by filter FORWARD',
    ]);
    const rule = j.steps.find((s) => s.kind === 'rule' && s.verdict === 'DROP') as JourneyStep;
    expect(rule).toMatchObject({ hook: 'FORWARD', table: 'filter', chain: 'FORWARD', rule: 1, ruleText: '-A FORWARD -d 203.0.113.80/32 -p icmp -j DROP' });
    const last = j.steps.at(-1)!;
    expect(last).toMatchObject({ kind: 'drop', hook: 'FORWARD', netns: 'host' });
    expect(j.outcome).toEqual({
      kind: 'dropped',
      step: last.n,
      text: 'dropped in host at FORWARD by filter FORWARD rule 1: -A FORWARD -d 203.0.113.80/32 -p icmp -j DROP',
    });
    // Nothing after the drop: the packet never reached POSTROUTING or eth0.
    expect(j.steps.some((s) => s.hook === 'POSTROUTING' && s.netns === 'host')).toBe(false);
    expect(g.entries.some((e) => e.journey.role === 'reply')).toBe(false);
    expect(m.run('trace').output).toContain(`  Result: ${j.outcome.text}\n`);
  });
});
