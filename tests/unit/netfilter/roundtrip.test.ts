/**
 * Parse, represent, print: every rule printed by `iptables -S` parses back into the same
 * Rule, and iptables-save output fed to iptables-restore rebuilds the same tables.
 */
import { describe, expect, it } from 'vitest';
import { parseIptables } from '../../../sim/commands/iptables/parse.ts';
import { splitLine } from '../../../sim/commands/iptables-restore/index.ts';
import { ruleText } from '../../../sim/kernel/netfilter/print.ts';
import { iptablesCommand } from '../../../sim/commands/iptables/index.ts';
import { iptablesSaveCommand } from '../../../sim/commands/iptables-save/index.ts';
import { iptablesRestoreCommand } from '../../../sim/commands/iptables-restore/index.ts';
import { makeKernel, runCmd } from './helpers.ts';
import '../../../sim/kernel/netfilter/index.ts';
import type { TableName } from '../../../sim/kernel/netfilter/types.ts';

const anyChain = { chainExists: () => true };

/** [table, rule as typed, rule as -S prints it] */
const RULES: [TableName, string, string][] = [
  ['filter', '-A INPUT -s 10.0.0.0/8 -d 192.168.1.1 -i eth0 -p tcp --dport 80 -j ACCEPT', '-A INPUT -s 10.0.0.0/8 -d 192.168.1.1/32 -i eth0 -p tcp -m tcp --dport 80 -j ACCEPT'],
  ['filter', '-A INPUT ! -s 10.0.0.1 ! -i eth1 ! -p icmp -j RETURN', '-A INPUT ! -s 10.0.0.1/32 ! -i eth1 ! -p icmp -j RETURN'],
  ['filter', '-A INPUT -p icmp --icmp-type echo-request -j ACCEPT', '-A INPUT -p icmp -m icmp --icmp-type 8 -j ACCEPT'],
  ['filter', '-A INPUT -p icmp --icmp-type 3/3 -j ACCEPT', '-A INPUT -p icmp -m icmp --icmp-type 3/3 -j ACCEPT'],
  ['filter', '-A INPUT -p icmp ! --icmp-type any', '-A INPUT -p icmp -m icmp ! --icmp-type any'],
  ['filter', '-A INPUT -p 6 -j ACCEPT', '-A INPUT -p tcp -j ACCEPT'],
  ['filter', '-A INPUT -p all -j ACCEPT', '-A INPUT -j ACCEPT'],
  ['filter', '-A INPUT -p 47', '-A INPUT -p gre'],
  ['filter', '-A INPUT -p tcp --syn -j DROP', '-A INPUT -p tcp -m tcp --tcp-flags FIN,SYN,RST,ACK SYN -j DROP'],
  ['filter', '-A INPUT -p tcp ! --tcp-flags SYN,ACK SYN', '-A INPUT -p tcp -m tcp ! --tcp-flags SYN,ACK SYN'],
  ['filter', '-A INPUT -p udp ! --dport 53 ! --sport 1:100', '-A INPUT -p udp -m udp ! --sport 1:100 ! --dport 53'],
  ['filter', '-A INPUT -p tcp --sport 5:', '-A INPUT -p tcp -m tcp --sport 5:65535'],
  ['filter', '-A INPUT -p tcp -m multiport --dports http,22,443:445', '-A INPUT -p tcp -m multiport --dports 80,22,443:445'],
  ['filter', '-A INPUT -p tcp -m multiport ! --sports 1,2', '-A INPUT -p tcp -m multiport ! --sports 1,2'],
  ['filter', '-A FORWARD -m conntrack --ctstate ESTABLISHED,RELATED -j ACCEPT', '-A FORWARD -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT'],
  ['filter', '-A FORWARD -m conntrack ! --ctstate INVALID --ctorigdst 10.0.0.0/24 --ctorigdstport 80', '-A FORWARD -m conntrack ! --ctstate INVALID --ctorigdst 10.0.0.0/24 --ctorigdstport 80'],
  ['filter', '-A INPUT -m state --state NEW,ESTABLISHED', '-A INPUT -m state --state NEW,ESTABLISHED'],
  ['filter', '-A INPUT -m addrtype --src-type LOCAL ! --dst-type UNICAST', '-A INPUT -m addrtype --src-type LOCAL ! --dst-type UNICAST'],
  ['filter', '-A INPUT -m comment --comment "a b \\"c\\""', '-A INPUT -m comment --comment "a b \\"c\\""'],
  ['filter', '-A INPUT -m mark ! --mark 5/0xff', '-A INPUT -m mark ! --mark 0x5/0xff'],
  ['filter', '-A FORWARD -m physdev --physdev-in pa ! --physdev-out pb', '-A FORWARD -m physdev --physdev-in pa ! --physdev-out pb'],
  ['filter', '-A FORWARD -m physdev ! --physdev-is-bridged', '-A FORWARD -m physdev ! --physdev-is-bridged'],
  ['filter', '-A INPUT -s 10.11.12.13/255.255.0.255', '-A INPUT -s 10.11.0.13/255.255.0.255'],
  ['filter', '-A INPUT -i veth+ -j LOG --log-prefix "IN: " --log-level info', '-A INPUT -i veth+ -j LOG --log-prefix "IN: " --log-level 6'],
  ['filter', '-A INPUT -p tcp -j REJECT --reject-with tcp-reset', '-A INPUT -p tcp -j REJECT --reject-with tcp-reset'],
  ['filter', '-A INPUT -j REJECT', '-A INPUT -j REJECT --reject-with icmp-port-unreachable'],
  ['filter', '-A INPUT -j MARK --set-mark 5/0xff', '-A INPUT -j MARK --set-xmark 0x5/0xff'],
  ['filter', '-A INPUT -g USER', '-A INPUT -g USER'],
  ['nat', '-A PREROUTING -p tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80', '-A PREROUTING -p tcp -m tcp --dport 8080 -j DNAT --to-destination 172.17.0.2:80'],
  ['nat', '-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE', '-A POSTROUTING -s 172.17.0.0/16 ! -o docker0 -j MASQUERADE'],
  ['nat', '-A POSTROUTING -p udp -j SNAT --to-source 1.2.3.4:1000-2000', '-A POSTROUTING -p udp -j SNAT --to-source 1.2.3.4:1000-2000'],
  ['nat', '-A PREROUTING -p tcp -j REDIRECT --to-ports 8080', '-A PREROUTING -p tcp -j REDIRECT --to-ports 8080'],
];

function parseOne(table: TableName, line: string) {
  const r = parseIptables([...splitLine(line), '-t', table], anyChain);
  if (!r.ok) throw new Error(r.error.message);
  expect(r.value.rules).toHaveLength(1);
  return { chain: r.value.chain!, rule: r.value.rules[0] };
}

describe('rule round trip', () => {
  for (const [table, typed, printed] of RULES) {
    it(typed, () => {
      const a = parseOne(table, typed);
      expect(ruleText(a.chain, a.rule)).toBe(printed);
      const b = parseOne(table, printed);
      expect(b.rule).toEqual(a.rule);
      expect(ruleText(b.chain, b.rule)).toBe(printed);
    });
  }

  it('iptables-save | iptables-restore rebuilds the same tables', () => {
    const k1 = makeKernel();
    runCmd(k1, iptablesCommand, ['iptables', '-N', 'USER']);
    runCmd(k1, iptablesCommand, ['iptables', '-P', 'FORWARD', 'DROP']);
    for (const [table, typed] of RULES) {
      const r = runCmd(k1, iptablesCommand, ['iptables', '-t', table, ...splitLine(typed)]);
      expect(r.all).toBe('');
    }
    const saved = runCmd(k1, iptablesSaveCommand, ['iptables-save', '-c']).out;
    const k2 = makeKernel();
    expect(runCmd(k2, iptablesRestoreCommand, ['iptables-restore', '-c'], { stdin: saved }).all).toBe('');
    expect(runCmd(k2, iptablesSaveCommand, ['iptables-save', '-c']).out).toBe(saved);
    for (const t of ['filter', 'nat']) {
      expect(runCmd(k2, iptablesCommand, ['iptables', '-t', t, '-S']).out).toBe(runCmd(k1, iptablesCommand, ['iptables', '-t', t, '-S']).out);
    }
  });
});
