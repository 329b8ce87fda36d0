/**
 * The embedded DNS's NAT rules inside a container's namespace (moby resolver_unix.go
 * setupIptablesNAT): 127.0.0.11:53 is DNATed to the resolver's random UDP and TCP ports and
 * the replies SNATed back to port 53. Each rule is inserted, so tcp ends up first.
 */
import type { Step } from './steps.ts';

const IP = '127.0.0.11';

/** Steps for a resolver listening on udp `udpPort` and tcp `tcpPort`. */
export function resolverSteps(udpPort: number, tcpPort: number): Step[] {
  const raw = (...args: string[]): Step => ({ kind: 'raw', args });
  return [
    // ExistsNative(OUTPUT -d 127.0.0.11 -j DOCKER_OUTPUT) fails in a fresh namespace.
    raw('-t', 'nat', '-C', 'OUTPUT', '-d', IP, '-j', 'DOCKER_OUTPUT'),
    raw('-t', 'nat', '-N', 'DOCKER_OUTPUT'),
    raw('-t', 'nat', '-I', 'OUTPUT', '-d', IP, '-j', 'DOCKER_OUTPUT'),
    raw('-t', 'nat', '-C', 'POSTROUTING', '-d', IP, '-j', 'DOCKER_POSTROUTING'),
    raw('-t', 'nat', '-N', 'DOCKER_POSTROUTING'),
    raw('-t', 'nat', '-I', 'POSTROUTING', '-d', IP, '-j', 'DOCKER_POSTROUTING'),
    raw('-t', 'nat', '-I', 'DOCKER_OUTPUT', '-d', IP, '-p', 'udp', '--dport', '53', '-j', 'DNAT', '--to-destination', `${IP}:${udpPort}`),
    raw('-t', 'nat', '-I', 'DOCKER_POSTROUTING', '-s', IP, '-p', 'udp', '--sport', String(udpPort), '-j', 'SNAT', '--to-source', ':53'),
    raw('-t', 'nat', '-I', 'DOCKER_OUTPUT', '-d', IP, '-p', 'tcp', '--dport', '53', '-j', 'DNAT', '--to-destination', `${IP}:${tcpPort}`),
    raw('-t', 'nat', '-I', 'DOCKER_POSTROUTING', '-s', IP, '-p', 'tcp', '--sport', String(tcpPort), '-j', 'SNAT', '--to-source', ':53'),
  ];
}
